"""Case review URLs: public pages (no sign-in) and staff pages; applications by their non-guessable reference."""

from django.urls import path

from safer.casework.case_review import views_public as public
from safer.casework.case_review import views_staff as staff

app_name = "case_review"
urlpatterns = [
    path("", public.StartView.as_view(), name="start"),
    path("apply/check/", public.ApplyCheckView.as_view(), name="apply-check"),
    path("apply/sent/", public.ApplyDoneView.as_view(), name="apply-done"),
    path("apply/<slug:slug>/", public.ApplyStepView.as_view(), name="apply-step"),
    path("your-application/open/", public.ApplicantOpenView.as_view(), name="applicant-open"),
    path("your-application/", public.ApplicantStatusView.as_view(), name="applicant-status"),
    path("staff/", staff.ApplicationListView.as_view(), name="list"),
    path("staff/deadlines/", staff.DeadlinesView.as_view(), name="deadlines"),
    path("staff/potential/", staff.PotentialView.as_view(), name="potential"),
    path("staff/lessons/", staff.LessonsView.as_view(), name="lessons"),
    path("staff/table/", staff.TableView.as_view(), name="table"),
    path("staff/settings/", staff.SettingsView.as_view(), name="settings"),
    path("staff/<str:reference>/", staff.ApplicationDetailView.as_view(), name="detail"),
    path("staff/<str:reference>/matching/", staff.MatchingView.as_view(), name="matching"),
    path("staff/<str:reference>/decide/", staff.DecideView.as_view(), name="decide"),
    path("staff/<str:reference>/panel/", staff.PanelAddView.as_view(), name="panel-add"),
    path("staff/<str:reference>/account/", staff.AccountView.as_view(), name="account"),
    path("staff/<str:reference>/meeting/", staff.MeetingView.as_view(), name="meeting"),
    path("staff/<str:reference>/recommendations/", staff.RecommendationAddView.as_view(), name="recommendation-add"),
    path(
        "staff/<str:reference>/recommendations/<int:recommendation_id>/complete/",
        staff.RecommendationCompleteView.as_view(),
        name="recommendation-complete",
    ),
    path("staff/<str:reference>/close/", staff.CloseView.as_view(), name="close"),
]
