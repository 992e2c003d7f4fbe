"""Casework views (one module per part of the service)."""

from safer.casework.views.cases import (
    CaseCloseView,
    CaseDetailView,
    CaseReopenView,
    CaseTimelineView,
    CaseUpdateView,
)
from safer.casework.views.escalation import BreachRecordView, CaseEscalateView, LetterDownloadView, LetterGenerateView
from safer.casework.views.home import CaseListView, CaseworkHomeView, TaskListView
from safer.casework.views.incidents import CaseLinkIncidentView, CaseOpenView, IncidentCreateView, IncidentDetailView
from safer.casework.views.people import PartyAddView, PersonDetailView, PersonExportView, PersonListView
from safer.casework.views.performance import PerformanceView
from safer.casework.views.questionnaire import (
    RiskAssessmentListView,
    RiskQuestionCreateView,
    RiskQuestionnaireCustomiseView,
    RiskQuestionnaireResetView,
    RiskQuestionnaireView,
    RiskQuestionUpdateView,
    RiskThresholdsUpdateView,
)
from safer.casework.views.sharing import CaseShareView, CaseShareWithdrawView
from safer.casework.views.work import NoteAddView, RiskAssessmentView, TaskCompleteView, TaskCreateView

__all__ = [
    "RiskAssessmentListView",
    "RiskQuestionCreateView",
    "RiskQuestionUpdateView",
    "RiskQuestionnaireCustomiseView",
    "RiskQuestionnaireResetView",
    "RiskQuestionnaireView",
    "RiskThresholdsUpdateView",
    "BreachRecordView",
    "CaseCloseView",
    "CaseDetailView",
    "CaseEscalateView",
    "CaseLinkIncidentView",
    "CaseListView",
    "CaseOpenView",
    "CaseReopenView",
    "CaseShareView",
    "CaseShareWithdrawView",
    "CaseTimelineView",
    "CaseUpdateView",
    "CaseworkHomeView",
    "IncidentCreateView",
    "IncidentDetailView",
    "LetterDownloadView",
    "LetterGenerateView",
    "NoteAddView",
    "PartyAddView",
    "PerformanceView",
    "PersonDetailView",
    "PersonExportView",
    "PersonListView",
    "RiskAssessmentView",
    "TaskCompleteView",
    "TaskCreateView",
    "TaskListView",
]
