"""Safeguarding URLs: numbers and review references only; never a name or a perpetrator reference in a URL."""

from django.urls import path

from safer.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("matac/", views.MatacHomeView.as_view(), name="matac-home"),
    path("matac/scheme/", views.SchemeView.as_view(), name="scheme"),
    path("matac/scheme/new/", views.SchemeEditView.as_view(), name="scheme-edit"),
    path("matac/areas/<int:area_id>/", views.RankingView.as_view(), name="ranking"),
    path("matac/areas/<int:area_id>/rankings/<int:ranking_id>/", views.RankingView.as_view(), name="ranking-detail"),
    path("matac/areas/<int:area_id>/rank/", views.RankingCreateView.as_view(), name="ranking-create"),
    path("matac/areas/<int:area_id>/referrals/new/", views.ReferralAddView.as_view(), name="referral-add"),
    path("matac/areas/<int:area_id>/meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("matac/areas/<int:area_id>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("matac/areas/<int:area_id>/programme/", views.ProgrammeView.as_view(), name="programme"),
    path("matac/entries/<int:entry_id>/", views.EntryView.as_view(), name="entry"),
    path("matac/entries/<int:entry_id>/select/", views.EntrySelectView.as_view(), name="entry-select"),
    path("matac/meetings/<int:meeting_id>/", views.MeetingView.as_view(), name="meeting"),
    path(
        "matac/meetings/<int:meeting_id>/items/<int:item_id>/decision/", views.DecisionView.as_view(), name="decision"
    ),
    path("matac/meetings/<int:meeting_id>/actions/new/", views.ActionAddView.as_view(), name="action-add"),
    path(
        "matac/meetings/<int:meeting_id>/actions/<int:action_id>/",
        views.ActionUpdateView.as_view(),
        name="action-update",
    ),
    path("matac/meetings/<int:meeting_id>/held/", views.MeetingHeldView.as_view(), name="meeting-held"),
    path("matac/meetings/<int:meeting_id>/minutes.<str:fmt>", views.MinutesExportView.as_view(), name="minutes"),
    path("matac/subjects/<int:subject_id>/", views.SubjectView.as_view(), name="subject"),
    path("matac/subjects/<int:subject_id>/name/", views.IdentityView.as_view(), name="subject-identity"),
    path("matac/subjects/<int:subject_id>/discharge/", views.DischargeView.as_view(), name="subject-discharge"),
    path("dhr/", views.ReviewListView.as_view(), name="dhr-list"),
    path("dhr/new/", views.ReviewNotifyView.as_view(), name="dhr-notify"),
    path("dhr/lessons/", views.LessonSearchView.as_view(), name="dhr-lessons"),
    path("dhr/annual/", views.AnnualTableView.as_view(), name="dhr-annual"),
    path("dhr/<str:reference>/", views.ReviewDetailView.as_view(), name="dhr-detail"),
    path("dhr/<str:reference>/<slug:step>/", views.ReviewStepView.as_view(), name="dhr-step"),
]
