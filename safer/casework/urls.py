"""Casework URLs: cases by reference (ASB-2026-00012), people by opaque id; never a name in a URL."""

from django.urls import path, register_converter

from safer.casework import views


class ReferenceConverter:
    """A case or incident reference such as ASB-2026-00012 or INC-2026-00003."""

    regex = r"[A-Za-z]{3}-[0-9]{4}-[0-9]{5}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "ref")

app_name = "casework"
urlpatterns = [
    path("", views.CaseworkHomeView.as_view(), name="home"),
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/new/", views.CaseOpenView.as_view(), name="case-open"),
    path("tasks/", views.TaskListView.as_view(), name="task-list"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<uuid:public_id>/", views.PersonDetailView.as_view(), name="person-detail"),
    path(
        "people/<uuid:public_id>/export.<str:fmt>",
        views.PersonExportView.as_view(),
        name="person-export",
    ),
    path("incidents/new/", views.IncidentCreateView.as_view(), name="incident-create"),
    path("incidents/<ref:reference>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path("performance/", views.PerformanceView.as_view(), name="performance"),
    path("risk-questionnaire/", views.RiskQuestionnaireView.as_view(), name="risk-questionnaire"),
    path(
        "risk-questionnaire/customise/",
        views.RiskQuestionnaireCustomiseView.as_view(),
        name="risk-questionnaire-customise",
    ),
    path("risk-questionnaire/reset/", views.RiskQuestionnaireResetView.as_view(), name="risk-questionnaire-reset"),
    path("risk-questionnaire/thresholds/", views.RiskThresholdsUpdateView.as_view(), name="risk-thresholds"),
    path("risk-questionnaire/questions/new/", views.RiskQuestionCreateView.as_view(), name="risk-question-create"),
    path("risk-questionnaire/questions/<int:pk>/", views.RiskQuestionUpdateView.as_view(), name="risk-question-update"),
    path("cases/<ref:reference>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<ref:reference>/timeline/", views.CaseTimelineView.as_view(), name="case-timeline"),
    path("cases/<ref:reference>/edit/", views.CaseUpdateView.as_view(), name="case-update"),
    path("cases/<ref:reference>/incidents/link/", views.CaseLinkIncidentView.as_view(), name="case-link-incident"),
    path("cases/<ref:reference>/people/add/", views.PartyAddView.as_view(), name="party-add"),
    path("cases/<ref:reference>/risk/", views.RiskAssessmentView.as_view(), name="risk-assessment"),
    path(
        "cases/<ref:reference>/risk-assessments/", views.RiskAssessmentListView.as_view(), name="risk-assessment-list"
    ),
    path("cases/<ref:reference>/tasks/new/", views.TaskCreateView.as_view(), name="task-create"),
    path(
        "cases/<ref:reference>/tasks/<int:task_id>/complete/",
        views.TaskCompleteView.as_view(),
        name="task-complete",
    ),
    path("cases/<ref:reference>/notes/new/", views.NoteAddView.as_view(), name="note-add"),
    path("cases/<ref:reference>/escalate/", views.CaseEscalateView.as_view(), name="case-escalate"),
    path("cases/<ref:reference>/breaches/new/", views.BreachRecordView.as_view(), name="breach-record"),
    path(
        "cases/<ref:reference>/interventions/<int:intervention_id>/letter/",
        views.LetterGenerateView.as_view(),
        name="letter-generate",
    ),
    path(
        "cases/<ref:reference>/letters/<uuid:letter_id>/<str:fmt>/",
        views.LetterDownloadView.as_view(),
        name="letter-download",
    ),
    path("cases/<ref:reference>/close/", views.CaseCloseView.as_view(), name="case-close"),
    path("cases/<ref:reference>/reopen/", views.CaseReopenView.as_view(), name="case-reopen"),
    path("cases/<ref:reference>/sharing/", views.CaseShareView.as_view(), name="case-share"),
    path(
        "cases/<ref:reference>/sharing/<int:share_id>/withdraw/",
        views.CaseShareWithdrawView.as_view(),
        name="case-share-withdraw",
    ),
]
