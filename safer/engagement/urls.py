"""Engagement URLs: staff pages, and the public pages under public/ (no sign-in)."""

from django.urls import path

from safer.engagement.views import public_consultations as pc
from safer.engagement.views import public_hate as ph
from safer.engagement.views import public_messaging as pm
from safer.engagement.views import public_safe_places as ps
from safer.engagement.views import staff_consultations as sc
from safer.engagement.views import staff_hate as sh
from safer.engagement.views import staff_messaging as sm
from safer.engagement.views import staff_places as sp

app_name = "engagement"
urlpatterns = [
    # Staff.
    path("", sc.EngagementHomeView.as_view(), name="home"),
    path("settings/", sp.EngagementSettingsView.as_view(), name="settings"),
    path("consultations/new/", sc.ConsultationCreateView.as_view(), name="consultation-create"),
    path("consultations/<int:pk>/", sc.ConsultationDetailView.as_view(), name="consultation"),
    path("consultations/<int:pk>/results/", sc.ConsultationResultsView.as_view(), name="results"),
    path(
        "consultations/<int:pk>/export.<str:fmt>",
        sc.ConsultationExportView.as_view(),
        name="export",
    ),
    path("consultations/<int:pk>/moderation/", sc.ModerationListView.as_view(), name="moderation"),
    path("contributions/<int:pk>/moderate/", sc.ContributionModerateView.as_view(), name="moderate"),
    path("safe-places/", sp.SafePlaceListView.as_view(), name="safe-places"),
    path("safe-places/new/", sp.SafePlaceEditView.as_view(), name="safe-place-create"),
    path("safe-places/<int:pk>/", sp.SafePlaceEditView.as_view(), name="safe-place"),
    path("hate-reports/", sh.HateReportListView.as_view(), name="hate-reports"),
    path("hate-reports/routing/", sh.HateRoutingView.as_view(), name="hate-routing"),
    path("hate-reports/statistics/", sh.HateStatisticsView.as_view(), name="hate-statistics"),
    path("hate-reports/<str:reference>/", sh.HateReportDetailView.as_view(), name="hate-report"),
    path("messages/", sm.MessageListView.as_view(), name="messages"),
    path("messages/new/", sm.MessageCreateView.as_view(), name="message-create"),
    path("messages/digest/", sm.DigestCreateView.as_view(), name="message-digest"),
    path("messages/<uuid:public_id>/", sm.MessageDetailView.as_view(), name="message"),
    path("messages/<uuid:public_id>/edit/", sm.MessageEditView.as_view(), name="message-edit"),
    path("messages/<uuid:public_id>/export.csv", sm.MessageExportView.as_view(), name="message-export"),
    path("subscribers/", sm.SubscriberListView.as_view(), name="subscribers"),
    # Public (no sign-in).
    path("public/<int:org>/alerts/", pm.AlertsSignUpView.as_view(), name="public-alerts"),
    path("public/<int:org>/alerts/sent/", pm.AlertsDoneView.as_view(), name="public-alerts-done"),
    path("public/<int:org>/alerts/left/", pm.AlertsLeftView.as_view(), name="public-alerts-left"),
    path("public/alerts/confirm/<str:token>/", pm.AlertsConfirmView.as_view(), name="public-alerts-confirm"),
    path("public/alerts/manage/<str:token>/", pm.AlertsManageView.as_view(), name="public-alerts-manage"),
    path(
        "public/alerts/unsubscribe/<str:token>/", pm.AlertsUnsubscribeView.as_view(), name="public-alerts-unsubscribe"
    ),
    path(
        "public/alerts/message/<str:token>/<uuid:message_id>/",
        pm.AlertsMessageView.as_view(),
        name="public-alerts-message",
    ),
    path("public/<int:org>/", ps.PublicIndexView.as_view(), name="public-index"),
    path("public/<int:org>/safe-places/", ps.SafePlacesView.as_view(), name="public-safe-places"),
    path("public/<int:org>/safe-places.csv", ps.SafePlacesCsvView.as_view(), name="public-safe-places-csv"),
    path("public/<int:org>/safe-places.geojson", ps.SafePlacesGeoJsonView.as_view(), name="public-safe-places-geojson"),
    path("public/<int:org>/report-hate/", ph.HateStartView.as_view(), name="public-hate-start"),
    path("public/<int:org>/report-hate/where/", ph.HateWhereView.as_view(), name="public-hate-where"),
    path("public/<int:org>/report-hate/check/", ph.HateCheckView.as_view(), name="public-hate-check"),
    path("public/<int:org>/report-hate/sent/", ph.HateDoneView.as_view(), name="public-hate-done"),
    path("public/<int:org>/report-hate/<slug:step>/", ph.HateStepView.as_view(), name="public-hate-step"),
    path("public/consultations/<int:pk>/", pc.ConsultationStartView.as_view(), name="public-consultation-start"),
    path("public/consultations/<int:pk>/place/", pc.ConsultationPlaceView.as_view(), name="public-consultation-place"),
    path(
        "public/consultations/<int:pk>/feeling/",
        pc.ConsultationFeelingView.as_view(),
        name="public-consultation-feeling",
    ),
    path("public/consultations/<int:pk>/why/", pc.ConsultationWhyView.as_view(), name="public-consultation-why"),
    path("public/consultations/<int:pk>/about/", pc.ConsultationAboutView.as_view(), name="public-consultation-about"),
    path("public/consultations/<int:pk>/check/", pc.ConsultationCheckView.as_view(), name="public-consultation-check"),
    path("public/consultations/<int:pk>/sent/", pc.ConsultationDoneView.as_view(), name="public-consultation-done"),
    path(
        "public/consultations/<int:pk>/comments/",
        pc.ConsultationCommentsView.as_view(),
        name="public-consultation-comments",
    ),
    path(
        "public/consultations/<int:pk>/comments/<int:contribution>/agree/",
        pc.ConsultationAgreeView.as_view(),
        name="public-consultation-agree",
    ),
]
