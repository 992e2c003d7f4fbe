"""MATAC meeting writes: plan a meeting, record decisions and actions, mark it held."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from safer.accounts.models import Organisation
from safer.core.services.audit import audit_record
from safer.safeguarding.choices import (
    ActionKind,
    ActionStatus,
    Intervention,
    MeetingStatus,
    SafeguardingAuditAction,
    SubjectStatus,
)
from safer.safeguarding.errors import SafeguardingConflictError, SafeguardingError
from safer.safeguarding.models import AgendaItem, MatacAction, Meeting, ProgrammeEpisode, Subject
from safer.safeguarding.selectors.access import area_get_for_user, require_capability


@transaction.atomic
def meeting_create(*, actor: Any, area_id: int, held_on: date, chair: str = "") -> Meeting:
    """Plan an area's next MATAC meeting."""
    require_capability(actor, "safeguarding.matac.manage")
    area = area_get_for_user(actor, area_id=area_id)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(area=area, held_on=held_on, chair=chair.strip(), synthetic=area.synthetic)
    except IntegrityError:
        raise SafeguardingConflictError(
            f"{area.name} already has a meeting on {held_on:%d %B %Y}.", field="held_on"
        ) from None
    audit_record(actor=actor, action=SafeguardingAuditAction.MEETING_CREATED, target=meeting)
    return meeting


@transaction.atomic
def meeting_record_decision(*, actor: Any, item: AgendaItem, intervention: str, decision: str) -> AgendaItem:
    """Record the meeting's decision on an agenda item; a newly chosen subject starts on the programme."""
    require_capability(actor, "safeguarding.matac.manage")
    area_get_for_user(actor, area_id=item.meeting.area_id)
    if intervention and intervention not in Intervention.values:
        raise SafeguardingError(f"Unknown intervention {intervention!r}.", field="intervention")
    if not decision.strip():
        raise SafeguardingError("Write down the decision.", field="decision")
    item.intervention = intervention
    item.decision = decision.strip()
    item.save(update_fields=["intervention", "decision"])
    subject: Subject = item.subject
    if intervention and subject.status == SubjectStatus.SELECTED:
        ProgrammeEpisode.objects.create(
            subject=subject, started_on=item.meeting.held_on, score_at_start=item.score or 0.0
        )
        subject.status = SubjectStatus.ACTIVE
        subject.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=SafeguardingAuditAction.DECISION_RECORDED,
        target=subject,
        detail={"meeting": item.meeting_id, "intervention": intervention},
    )
    return item


@transaction.atomic
def meeting_mark_held(*, actor: Any, meeting: Meeting, notes: str = "") -> Meeting:
    """Record that the meeting took place (minutes can then be exported as final)."""
    require_capability(actor, "safeguarding.matac.manage")
    area_get_for_user(actor, area_id=meeting.area_id)
    if meeting.held_on > timezone.localdate():
        raise SafeguardingConflictError("A meeting cannot be recorded as held before its date.")
    meeting.status = MeetingStatus.HELD
    meeting.notes = notes.strip() or meeting.notes
    meeting.save(update_fields=["status", "notes"])
    audit_record(actor=actor, action=SafeguardingAuditAction.MEETING_HELD, target=meeting)
    return meeting


@transaction.atomic
def action_add(
    *,
    actor: Any,
    meeting: Meeting,
    subject: Subject,
    kind: str,
    organisation: Organisation,
    owner: str,
    description: str,
    due_on: date,
) -> MatacAction:
    """Give an agency an action about a subject (a perpetrator intervention or a victim's safety)."""
    require_capability(actor, "safeguarding.matac.manage")
    area = area_get_for_user(actor, area_id=meeting.area_id)
    if subject.area_id != area.pk or not meeting.items.filter(subject=subject).exists():
        raise SafeguardingError("The subject is not on this meeting's agenda.", field="subject")
    if kind not in ActionKind.values:
        raise SafeguardingError(f"Unknown action kind {kind!r}.", field="kind")
    if not area.organisations.filter(pk=organisation.pk).exists():
        raise SafeguardingError(f"{organisation.name} does not take part in {area.name}'s MATAC.", field="organisation")
    if not owner.strip() or not description.strip():
        raise SafeguardingError("Give the action and who owns it.", field="description" if owner else "owner")
    if due_on < meeting.held_on:
        raise SafeguardingError("The due date is before the meeting.", field="due_on")
    action = MatacAction.objects.create(
        meeting=meeting,
        subject=subject,
        kind=kind,
        organisation=organisation,
        owner=owner.strip(),
        description=description.strip(),
        due_on=due_on,
    )
    audit_record(actor=actor, action=SafeguardingAuditAction.ACTION_ADDED, target=subject, detail={"action": action.pk})
    return action


@transaction.atomic
def action_update(*, actor: Any, action: MatacAction, status: str, completed_on: date | None = None) -> MatacAction:
    """Move an action on; the owning agency's members and the coordinator may do this."""
    require_capability(actor, "safeguarding.matac.refer")
    area_get_for_user(actor, area_id=action.meeting.area_id)
    if not actor.has_capability("safeguarding.matac.manage") and actor.organisation_id != action.organisation_id:
        raise SafeguardingError("Only the agency that owns the action, or the coordinator, can update it.")
    if status not in ActionStatus.values:
        raise SafeguardingError(f"Unknown status {status!r}.", field="status")
    action.status = status
    action.completed_on = (completed_on or timezone.localdate()) if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "completed_on"])
    audit_record(
        actor=actor,
        action=SafeguardingAuditAction.ACTION_UPDATED,
        target=action.subject,
        detail={"action": action.pk, "status": status},
    )
    return action
