"""Opening, changing, closing and reopening cases, and linking incidents to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.casework.choices import CaseEventKind, CaseOutcome, CaseStatus, CaseworkAuditAction
from safer.casework.errors import CaseClosedError, CaseInputError
from safer.casework.inputs import AREA_MAX, SUMMARY_MAX, text_within
from safer.casework.models import Case, CaseIncident, Incident
from safer.casework.selectors.access import visible_incidents
from safer.casework.services._common import case_write, event_add, next_reference, require_case, require_editor
from safer.core.services.audit import audit_record

_UNSET: Any = object()
_FIELD_LABELS = {
    "first_contact_at": "first contact",
    "officer": "officer",
    "team": "team",
    "area": "area",
    "summary": "summary",
}


def _check_incidents(actor: Any, incidents: list[Incident]) -> None:
    visible = set(visible_incidents(actor).filter(pk__in=[i.pk for i in incidents]).values_list("pk", flat=True))
    hidden = [i.reference for i in incidents if i.pk not in visible]
    if hidden:
        raise CaseInputError(
            f"You cannot see incident(s) {', '.join(hidden)}. Check the references.", field="incidents"
        )


@transaction.atomic
def case_open(
    *,
    actor: Any,
    incidents: list[Incident],
    summary: str = "",
    officer: Any | None = None,
    area: str = "",
    opened_at: datetime | None = None,
) -> Case:
    """Open a case owned by the actor's organisation from one or more incidents."""
    require_editor(actor)
    if not incidents:
        raise CaseInputError("Choose at least one incident to open a case from.", field="incidents")
    _check_incidents(actor, incidents)
    summary = text_within(summary, limit=SUMMARY_MAX, field="summary", subject="summary")
    area = text_within(area, limit=AREA_MAX, field="area", subject="area")
    officer = officer or actor
    if officer.organisation_id != actor.organisation_id:
        raise CaseInputError("The officer must belong to your organisation.", field="officer")
    when = opened_at or timezone.now()
    case = Case.objects.create(
        reference=next_reference("ASB"),
        summary=summary,
        owner_organisation=actor.organisation,
        officer=officer,
        team_id=officer.team_id,
        area=area.strip() or next((i.area for i in incidents if i.area), ""),
        opened_at=when,
    )
    for incident in incidents:
        CaseIncident.objects.create(case=case, incident=incident, linked_by=actor)
    event_add(
        case=case,
        kind=CaseEventKind.OPENED,
        actor=actor,
        at=when,
        detail=f"Opened from {', '.join(i.reference for i in incidents)}",
    )
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.CASE_OPENED,
        target=case,
        detail={"incidents": [i.reference for i in incidents]},
    )
    return case


@transaction.atomic
def case_link_incident(*, actor: Any, case: Case, incident: Incident) -> CaseIncident:
    """Link a further incident to a case (owner or a partner the case is shared with)."""
    require_case(actor, case)
    _check_incidents(actor, [incident])
    if CaseIncident.objects.filter(case=case, incident=incident).exists():
        raise CaseInputError(f"Incident {incident.reference} is already linked to {case.reference}.", field="incident")
    link = CaseIncident.objects.create(case=case, incident=incident, linked_by=actor)
    case_write(actor=actor, case=case, expected_version=None, fields={})
    event_add(case=case, kind=CaseEventKind.INCIDENT_LINKED, actor=actor, detail=incident.reference)
    audit_record(
        actor=actor, action=CaseworkAuditAction.INCIDENT_LINKED, target=case, detail={"incident": incident.reference}
    )
    return link


@transaction.atomic
def case_update(
    *,
    actor: Any,
    case: Case,
    version: int,
    summary: str = _UNSET,
    officer: Any = _UNSET,
    area: str = _UNSET,
    first_contact_at: datetime | None = _UNSET,
) -> Case:
    """Change a case's details; CaseConflictError when someone saved a change since `version` was read."""
    require_case(actor, case, owner_only=True)
    fields: dict[str, Any] = {}
    if summary is not _UNSET:
        fields["summary"] = text_within(summary, limit=SUMMARY_MAX, field="summary", subject="summary")
    if officer is not _UNSET:
        if officer is not None and officer.organisation_id != case.owner_organisation_id:
            raise CaseInputError("The officer must belong to the organisation that owns the case.", field="officer")
        fields["officer"] = officer
        fields["team"] = officer.team if officer is not None else None
    if area is not _UNSET:
        fields["area"] = text_within(area, limit=AREA_MAX, field="area", subject="area")
    if first_contact_at is not _UNSET:
        if first_contact_at is not None and first_contact_at < case.opened_at:
            raise CaseInputError("First contact cannot be before the case was opened.", field="first_contact_at")
        if first_contact_at is not None and first_contact_at > timezone.now():
            raise CaseInputError("First contact cannot be in the future.", field="first_contact_at")
        fields["first_contact_at"] = first_contact_at
    changed = sorted(name for name, value in fields.items() if getattr(case, name) != value)
    case = case_write(actor=actor, case=case, expected_version=version, fields=fields)
    if changed:
        labels = [_FIELD_LABELS.get(name, name) for name in changed]
        event_add(case=case, kind=CaseEventKind.UPDATED, actor=actor, detail=f"Changed: {', '.join(labels)}")
    audit_record(actor=actor, action=CaseworkAuditAction.CASE_UPDATED, target=case, detail={"changed": changed})
    return case


@transaction.atomic
def case_close(*, actor: Any, case: Case, version: int, outcome: str, closed_at: datetime | None = None) -> Case:
    """Close an open case with an outcome."""
    require_case(actor, case, owner_only=True)
    if outcome not in CaseOutcome.values or not outcome:
        raise CaseInputError(f"Choose an outcome to close the case (got {outcome!r}).", field="outcome")
    when = closed_at or timezone.now()
    if when < case.opened_at:
        raise CaseInputError("A case cannot be closed before it was opened.", field="closed_at")
    case = case_write(
        actor=actor,
        case=case,
        expected_version=version,
        fields={"status": CaseStatus.CLOSED, "outcome": outcome, "closed_at": when},
    )
    event_add(case=case, kind=CaseEventKind.CLOSED, actor=actor, at=when, detail=CaseOutcome(outcome).label)
    audit_record(actor=actor, action=CaseworkAuditAction.CASE_CLOSED, target=case, detail={"outcome": outcome})
    return case


@transaction.atomic
def case_reopen(*, actor: Any, case: Case, version: int, reason: str) -> Case:
    """Reopen a closed case (not one already anonymised), recording why."""
    require_case(actor, case, owner_only=True, must_be_open=False)
    if case.status != CaseStatus.CLOSED:
        raise CaseInputError(f"Case {case.reference} is already open.", field="reason")
    if case.anonymised_at is not None:
        raise CaseClosedError(f"Case {case.reference} was anonymised under the retention policy and cannot reopen.")
    if not reason.strip():
        raise CaseInputError("Say why the case is being reopened.", field="reason")
    case = case_write(
        actor=actor,
        case=case,
        expected_version=version,
        fields={"status": CaseStatus.OPEN, "outcome": "", "closed_at": None},
    )
    event_add(case=case, kind=CaseEventKind.REOPENED, actor=actor, detail=reason.strip())
    audit_record(actor=actor, action=CaseworkAuditAction.CASE_REOPENED, target=case)
    return case
