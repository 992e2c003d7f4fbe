"""Completing a victim risk assessment, which sets the case's risk level and response deadline."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.casework.choices import CaseEventKind, CaseworkAuditAction, PartyRole, RiskLevel
from safer.casework.deadlines import response_due
from safer.casework.errors import CaseInputError
from safer.casework.models import Case, CaseParty, Person, RiskAssessment
from safer.casework.questionnaire import Questionnaire, questionnaire_current, risk_score
from safer.casework.services._common import case_write, event_add, require_case
from safer.core.services.audit import audit_record


@transaction.atomic
def risk_assessment_complete(
    *,
    actor: Any,
    case: Case,
    answers: dict[str, Any],
    victim: Person | None = None,
    questionnaire: Questionnaire | None = None,
) -> RiskAssessment:
    """Score the answers, store them with the questions as asked, and set the case's risk level and deadline.

    `questionnaire` is the one the form showed (the one in use when it is not given)."""
    require_case(actor, case, owner_only=True)
    questionnaire = questionnaire or questionnaire_current()
    try:
        score, level = risk_score(questionnaire, answers)
    except ValueError as exc:
        raise CaseInputError(str(exc), field="answers") from None
    if victim is not None and not CaseParty.objects.filter(case=case, person=victim, role=PartyRole.VICTIM).exists():
        raise CaseInputError(
            "The person assessed must be a victim in this case. Add them as a victim first.", field="victim"
        )
    due = response_due(start=case.opened_at, level=level)
    assessment = RiskAssessment.objects.create(
        case=case,
        victim=victim,
        questionnaire=questionnaire.name,
        questions=[question.as_asked() for question in questionnaire.questions],
        medium_from=questionnaire.medium_from,
        high_from=questionnaire.high_from,
        answers=answers,
        score=score,
        level=level,
        response_due_at=due,
        completed_by=actor,
        completed_at=timezone.now(),
    )
    case_write(actor=actor, case=case, expected_version=None, fields={"risk_level": level, "response_due_at": due})
    event_add(
        case=case,
        kind=CaseEventKind.RISK_ASSESSED,
        actor=actor,
        detail=f"{RiskLevel(level).label} risk (score {score})",
    )
    audit_record(
        actor=actor, action=CaseworkAuditAction.RISK_ASSESSED, target=case, detail={"level": level, "score": score}
    )
    return assessment
