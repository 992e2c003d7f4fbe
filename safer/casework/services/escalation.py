"""Escalating a case up the intervention ladder, recording breaches, and producing letters."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safer.casework.choices import CaseEventKind, CaseworkAuditAction, LetterStatus, PartyRole
from safer.casework.deadlines import LONDON
from safer.casework.errors import (
    CaseInputError,
    EnforcementNotConfirmedError,
    LetterRecipientMissingError,
    StageSkipReasonMissingError,
)
from safer.casework.inputs import ACTION_MAX, NOTES_MAX, REASON_MAX, text_within
from safer.casework.ladder import Stage, ladder_stage
from safer.casework.letters import LETTER_TEMPLATES, LetterContent, letter_docx, letter_fill, letter_pdf
from safer.casework.models import Breach, Case, CaseParty, Incident, Intervention, Letter, Person
from safer.casework.services._common import case_write, event_add, require_case
from safer.core.services.audit import audit_record


def _on_day(day: date) -> datetime:
    """Timeline time of something that happened on a past day (now, if it happened today)."""
    if day >= timezone.localdate():
        return timezone.now()
    return datetime.combine(day, time(9, 0), tzinfo=LONDON)


def escalation_check(
    *, case: Case, stage: int, occurred_on: date | None, person: Person | None, skipped_reason: str
) -> Stage:
    """The ladder stage an intervention would be recorded at; CaseInputError when it may not be (checked before a
    confirmation is asked for, and again when recording)."""
    try:
        configured = ladder_stage(stage)
    except ValueError as exc:
        raise CaseInputError(str(exc), field="stage") from None
    if stage < case.stage:
        raise CaseInputError(
            f"Case {case.reference} is at stage {case.stage}; record a stage {case.stage} or higher intervention, "
            "or a breach.",
            field="stage",
        )
    if stage > case.stage + 1 and not skipped_reason.strip():
        raise StageSkipReasonMissingError(
            f"Going from stage {case.stage} to stage {stage} skips stage {case.stage + 1}. "
            "Record why the stage is skipped.",
            field="skipped_reason",
        )
    when = occurred_on or timezone.localdate()
    if when > timezone.localdate():
        raise CaseInputError(f"The intervention date {when:%d %B %Y} is in the future.", field="occurred_on")
    if (
        person is not None
        and not CaseParty.objects.filter(case=case, person=person, role=PartyRole.PERPETRATOR).exists()
    ):
        raise CaseInputError("The person must be an alleged perpetrator in this case.", field="person")
    return configured


@transaction.atomic
def case_escalate(
    *,
    actor: Any,
    case: Case,
    version: int,
    stage: int,
    action: str = "",
    occurred_on: date | None = None,
    person: Person | None = None,
    skipped_reason: str = "",
    notes: str = "",
    confirm_enforcement: bool = False,
) -> Intervention:
    """Record an intervention at `stage`; refuses to skip a stage without a reason, or to enforce unconfirmed."""
    require_case(actor, case, owner_only=True)
    configured = escalation_check(
        case=case, stage=stage, occurred_on=occurred_on, person=person, skipped_reason=skipped_reason
    )
    if configured.is_enforcement and not confirm_enforcement:
        raise EnforcementNotConfirmedError(
            f"Stage {stage} ({configured.name}) is an enforcement stage. Check the stage and confirm that you want "
            "to record enforcement action on this case.",
            field="stage",
        )
    action = text_within(action, limit=ACTION_MAX, field="action", subject="description of what was done")
    skipped_reason = text_within(skipped_reason, limit=REASON_MAX, field="skipped_reason", subject="reason")
    notes = text_within(notes, limit=NOTES_MAX, field="notes", subject="notes")
    when = occurred_on or timezone.localdate()
    intervention = Intervention.objects.create(
        case=case,
        person=person,
        stage=stage,
        from_stage=case.stage,
        stage_name=configured.name,
        action=action.strip() or configured.name,
        occurred_on=when,
        skipped_reason=skipped_reason.strip() if stage > case.stage + 1 else "",
        notes=notes.strip(),
        recorded_by=actor,
    )
    case_write(actor=actor, case=case, expected_version=version, fields={"stage": stage})
    detail = f"Stage {stage}: {intervention.action}"
    if intervention.skipped_reason:
        detail += f" (stage skipped: {intervention.skipped_reason})"
    event_add(case=case, kind=CaseEventKind.ESCALATED, actor=actor, detail=detail, at=_on_day(when))
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.CASE_ESCALATED,
        target=case,
        detail={"stage": stage, "from_stage": intervention.from_stage, "skipped": bool(intervention.skipped_reason)},
    )
    return intervention


@transaction.atomic
def breach_record(
    *, actor: Any, case: Case, occurred_on: date, description: str, intervention: Intervention | None = None
) -> Breach:
    """Record a breach of an agreement, warning, notice or order on the case."""
    require_case(actor, case, owner_only=True)
    if case.stage == 0:
        raise CaseInputError(
            f"Case {case.reference} has no intervention yet. Record the warning, agreement, notice or order that "
            "was breached first.",
            field="intervention",
        )
    if not description.strip():
        raise CaseInputError("Describe the breach.", field="description")
    if occurred_on > timezone.localdate():
        raise CaseInputError(f"The breach date {occurred_on:%d %B %Y} is in the future.", field="occurred_on")
    if intervention is not None and intervention.case_id != case.pk:
        raise CaseInputError("That intervention belongs to another case.", field="intervention")
    breach = Breach.objects.create(
        case=case,
        intervention=intervention,
        occurred_on=occurred_on,
        description=description.strip(),
        recorded_by=actor,
    )
    event_add(
        case=case,
        kind=CaseEventKind.BREACH,
        actor=actor,
        detail=f"Breach on {occurred_on:%d %b %Y}",
        at=_on_day(occurred_on),
    )
    audit_record(actor=actor, action=CaseworkAuditAction.BREACH_RECORDED, target=case, detail={"breach": breach.pk})
    return breach


@transaction.atomic
def letter_generate(
    *, actor: Any, case: Case, intervention: Intervention, recipient: Person | None = None, template: str = ""
) -> Letter:
    """Queue a letter for an intervention; a background job writes the DOCX and PDF after the commit."""
    require_case(actor, case, owner_only=True)
    if intervention.case_id != case.pk:
        raise CaseInputError("That intervention belongs to another case.", field="intervention")
    addressee = recipient or intervention.person
    if addressee is None:
        raise LetterRecipientMissingError(
            f"The stage {intervention.stage} intervention of {intervention.occurred_on:%d %B %Y} names no one, so the "
            "letter would have no recipient. Add the alleged perpetrator to the case with their address, then record "
            "the intervention naming them.",
            field="recipient",
        )
    if not addressee.address.strip():
        raise LetterRecipientMissingError(
            f"The person this stage {intervention.stage} letter is for has no address recorded, so it cannot be "
            "addressed. Record their address, then produce the letter.",
            field="recipient",
        )
    key = template or ladder_stage(intervention.stage).letter_template
    if key not in LETTER_TEMPLATES:
        raise CaseInputError(f"No letter template {key!r}; use one of {', '.join(LETTER_TEMPLATES)}.", field="template")
    letter = Letter.objects.create(
        case=case,
        intervention=intervention,
        recipient=addressee,
        template=key,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.LETTER_REQUESTED,
        target=case,
        detail={"letter": str(letter.public_id), "template": key},
    )
    from safer.casework.tasks import letter_render_task

    letter_id = letter.pk
    transaction.on_commit(lambda: letter_render_task(letter_id))
    return letter


def letter_render(*, letter_id: int) -> Letter:
    """Fill the letter's template and store it as DOCX and PDF (run by the background job)."""
    letter = Letter.objects.select_related(
        "case", "case__owner_organisation", "case__officer", "recipient", "intervention"
    ).get(pk=letter_id)
    case = letter.case
    if letter.status == LetterStatus.READY:
        return letter  # already produced (a job may run twice)
    try:
        template = LETTER_TEMPLATES[letter.template]
        recipient = letter.recipient
        if recipient is None:  # letters are refused without one; an old letter request may still lack it
            raise LetterRecipientMissingError("The letter names no recipient.", field="recipient")
        types = Incident.objects.filter(case_links__case=case).values_list("asb_type", flat=True)
        behaviour = ", ".join(sorted({t.lower() for t in types})) or "as described in the reports"
        values = {
            "reference": case.reference,
            "organisation": case.owner_organisation.name,
            "officer": case.officer.display_name if case.officer else "the case officer",
            "behaviour": behaviour,
        }
        content = LetterContent(
            title=template.title,
            recipient_lines=tuple(
                line.strip()
                for line in (recipient.full_name, *recipient.address.splitlines(), recipient.postcode)
                if line.strip()
            ),
            date_line=timezone.localdate().strftime("%d %B %Y"),
            paragraphs=letter_fill(template, values),
            signature=f"{values['officer']}, {values['organisation']}",
        )
        stem = f"{case.reference}-{letter.template}"
        letter.docx_file.save(f"{stem}.docx", ContentFile(letter_docx(content)), save=False)
        letter.pdf_file.save(f"{stem}.pdf", ContentFile(letter_pdf(content)), save=False)
        letter.status = LetterStatus.READY
        letter.save(update_fields=["docx_file", "pdf_file", "status"])
    except Exception as exc:  # noqa: BLE001 - recorded on the letter for the user to see
        letter.status = LetterStatus.FAILED
        letter.error = f"{type(exc).__name__}: the letter could not be produced. Try again or contact support."
        letter.save(update_fields=["status", "error"])
        raise
    event_add(case=case, kind=CaseEventKind.LETTER, actor=letter.created_by, detail=template.title)
    audit_record(
        actor=None, action=CaseworkAuditAction.LETTER_GENERATED, target=case, detail={"letter": str(letter.public_id)}
    )
    return letter
