"""Administrators configure the victim risk questionnaire: questions, weights and thresholds, without a deployment.

Every change is checked as a whole (the questionnaire it would leave must be usable), bumps the version that new
assessments record, and is audited. Assessments already made keep their own copy of the questions.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from safer.casework.choices import CaseworkAuditAction
from safer.casework.errors import CaseInputError, CasePermissionError, RiskQuestionnaireInvalidError
from safer.casework.models import RiskQuestion, RiskQuestionnaireSettings
from safer.casework.questionnaire import (
    Question,
    Questionnaire,
    questionnaire_current,
    questionnaire_problems,
)
from safer.core.services.audit import audit_record

_NOT_CONFIGURED = "The questionnaire in use is the default. Choose 'Customise the questionnaire' first."


@transaction.atomic
def risk_questionnaire_customise(*, actor: Any) -> RiskQuestionnaireSettings:
    """Copy the questionnaire now in use into the service so an administrator can change it (once; then a no-op)."""
    _require_admin(actor)
    existing = RiskQuestionnaireSettings.objects.select_for_update().first()
    if existing is not None:
        return existing
    current = questionnaire_current()
    RiskQuestion.objects.all().delete()
    RiskQuestion.objects.bulk_create(
        RiskQuestion(code=q.code, text=q.text, hint=q.hint, weight=q.weight, order=(index + 1) * 10)
        for index, q in enumerate(current.questions)
    )
    row = RiskQuestionnaireSettings.objects.create(
        name=slugify(current.name)[:40] or "questionnaire",
        medium_from=current.medium_from,
        high_from=current.high_from,
        updated_by=actor,
    )
    _check_and_record(actor=actor, row=row, change="customised")
    return row


@transaction.atomic
def risk_questionnaire_reset(*, actor: Any) -> None:
    """Forget the configured questionnaire: the deployment's or the default one applies again."""
    _require_admin(actor)
    RiskQuestionnaireSettings.objects.all().delete()
    RiskQuestion.objects.all().delete()
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.QUESTIONNAIRE_CHANGED,
        target_type="casework.riskquestionnaire",
        detail={"change": "reset to the default"},
    )


@transaction.atomic
def risk_thresholds_update(*, actor: Any, name: str, medium_from: int, high_from: int) -> RiskQuestionnaireSettings:
    """Rename the questionnaire and set the scores from which risk is medium and high."""
    row = _settings_for_change(actor)
    row.name, row.medium_from, row.high_from = name.strip(), medium_from, high_from
    row.version = F("version") + 1
    row.updated_by = actor
    _check(row)
    row.save()
    row.refresh_from_db()
    _check_and_record(actor=actor, row=row, change="thresholds")
    return row


@transaction.atomic
def risk_question_add(*, actor: Any, code: str, text: str, hint: str, weight: int, order: int) -> RiskQuestion:
    """Add a question to the configured questionnaire."""
    row = _settings_for_change(actor)
    code = code.strip()
    if RiskQuestion.objects.filter(code=code).exists():
        raise CaseInputError(
            f"There is already a question with the code {code} (it may be switched off). Choose another code.",
            field="code",
        )
    question = RiskQuestion.objects.create(code=code, text=text.strip(), hint=hint.strip(), weight=weight, order=order)
    _bump(actor=actor, row=row, change=f"question {code} added")
    return question


@transaction.atomic
def risk_question_update(
    *, actor: Any, question: RiskQuestion, text: str, hint: str, weight: int, order: int, active: bool
) -> RiskQuestion:
    """Change a question's wording, weight or place, or switch it off or on (its code stays)."""
    row = _settings_for_change(actor)
    question.text, question.hint, question.weight = text.strip(), hint.strip(), weight
    question.order, question.active = order, active
    question.save()
    _bump(actor=actor, row=row, change=f"question {question.code} changed")
    return question


def _require_admin(actor: Any) -> None:
    if not actor.has_capability("accounts.admin"):
        raise CasePermissionError("Only administrators can change the risk questionnaire.")


def _settings_for_change(actor: Any) -> RiskQuestionnaireSettings:
    _require_admin(actor)
    row = RiskQuestionnaireSettings.objects.select_for_update().first()
    if row is None:
        raise CaseInputError(_NOT_CONFIGURED)
    return row


def _bump(*, actor: Any, row: RiskQuestionnaireSettings, change: str) -> None:
    RiskQuestionnaireSettings.objects.filter(pk=row.pk).update(version=F("version") + 1, updated_by=actor)
    row.refresh_from_db()
    _check_and_record(actor=actor, row=row, change=change)


def _check(row: RiskQuestionnaireSettings) -> None:
    questions = tuple(
        Question(q.code, q.text, q.weight, q.hint) for q in RiskQuestion.objects.filter(active=True).order_by("order")
    )
    problems = questionnaire_problems(
        Questionnaire(name=row.name, questions=questions, medium_from=row.medium_from, high_from=row.high_from)
    )
    if problems:
        # Raised inside the service's transaction, so nothing of the change is kept.
        raise RiskQuestionnaireInvalidError(" ".join(problems))


def _check_and_record(*, actor: Any, row: RiskQuestionnaireSettings, change: str) -> None:
    _check(row)
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.QUESTIONNAIRE_CHANGED,
        target_type="casework.riskquestionnaire",
        target_label=str(row),
        detail={"change": change, "version": row.version},
    )
