"""Casework models, one module per entity group."""

from safer.casework.case_review.models import (  # noqa: E402,I001 - the case review subpackage's models
    CaseReviewApplication,
    CaseReviewMeeting,
    CaseReviewPanelMember,
    CaseReviewRecommendation,
    CaseReviewReport,
    CaseReviewSettings,
)
from safer.casework.models.case import Case, CaseEvent, CaseIncident, CaseParty, CaseShare, ReferenceCounter
from safer.casework.models.escalation import Breach, Intervention, LadderStage, Letter
from safer.casework.models.incident import Incident
from safer.casework.models.person import Person
from safer.casework.models.risk import RiskAssessment, RiskQuestion, RiskQuestionnaireSettings
from safer.casework.models.work import Note, Task

__all__ = [
    "Breach",
    "Case",
    "CaseEvent",
    "CaseIncident",
    "CaseParty",
    "CaseShare",
    "Incident",
    "Intervention",
    "LadderStage",
    "Letter",
    "Note",
    "Person",
    "ReferenceCounter",
    "RiskAssessment",
    "RiskQuestion",
    "RiskQuestionnaireSettings",
    "Task",
    "CaseReviewApplication",
    "CaseReviewMeeting",
    "CaseReviewPanelMember",
    "CaseReviewRecommendation",
    "CaseReviewReport",
    "CaseReviewSettings",
]
