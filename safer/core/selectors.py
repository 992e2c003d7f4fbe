"""Reads for the core app: the audit log with its filters, its events described as people read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from safer.core.models import AuditEvent

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class AuditFilter:
    """Filters an administrator can apply to the audit log."""

    actor: str = ""
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_event_list(*, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Audit events matching the filters, newest first (permission checked by the caller's view)."""
    events = AuditEvent.objects.all()
    if filters.actor:
        events = events.filter(actor_label__icontains=filters.actor)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.target_id:
        events = events.filter(target_id=filters.target_id)
    if filters.date_from:
        events = events.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, LONDON))
    if filters.date_to:
        events = events.filter(occurred_at__lte=datetime.combine(filters.date_to, time.max, LONDON))
    return events.order_by("-occurred_at", "-id")


def audit_action_names() -> list[str]:
    """Every action that has been recorded, for the filter drop-down."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


# What each kind of audit target is called on the audit log page. Extension point: apps add their kinds here.
AUDIT_TARGET_KINDS: dict[str, str] = {
    "accounts.user": "User",
    "accounts.organisation": "Organisation",
    "accounts.team": "Team",
    "casework.case": "Case",
    "casework.incident": "Incident",
    "casework.person": "Person",
    "casework.performance": "Casework performance",
    "casework.riskquestionnaire": "Risk questionnaire",
    "core.auditevent": "Audit log",
    "geography.custom_area": "Custom area",
    "warehouse.import_run": "Data import",
}
# Targets named by kind alone when the event names no single one of them (a list or a page was viewed).
_WHOLE = {"casework.case": "Case list", "accounts.user": "User list"}


@dataclass(frozen=True)
class AuditRow:
    """One audit event as the log shows it: who (name and organisation) and what it was done to, in words."""

    event: AuditEvent
    who: str
    organisation: str
    target: str


def audit_rows(*, events: list[AuditEvent]) -> list[AuditRow]:
    """The events with readable names for who acted and the target: a case's reference, a user's name and
    organisation (looked up in one query for the page), never an internal model name or id."""
    from safer.accounts.models import User

    user_ids = {e.actor_id for e in events if e.actor_id}
    user_ids |= {int(e.target_id) for e in events if e.target_type == "accounts.user" and e.target_id.isdigit()}
    usernames = {e.target_label for e in events if e.target_type == "accounts.user" and not e.target_id}
    users = User.objects.select_related("organisation").filter(pk__in=user_ids)
    by_id = {u.pk: u for u in users}
    by_name = {u.username: u for u in User.objects.select_related("organisation").filter(username__in=usernames)}
    rows = []
    for event in events:
        actor = by_id.get(event.actor_id) if event.actor_id else None
        rows.append(
            AuditRow(
                event=event,
                who=actor.display_name if actor else (event.actor_label or "Not signed in"),
                organisation=event.organisation_label,
                target=_target_text(event, by_id, by_name),
            )
        )
    return rows


def _user_text(user: Any) -> str:
    organisation = f" ({user.organisation.name})" if user.organisation else ""
    return f"{user.display_name}{organisation}"


def _target_text(event: AuditEvent, by_id: dict[int, Any], by_name: dict[str, Any]) -> str:
    kind = event.target_type
    if not kind:
        return "–"
    name = AUDIT_TARGET_KINDS.get(kind) or kind.split(".", 1)[-1].replace("_", " ").capitalize()
    if kind == "accounts.user":
        user = by_id.get(int(event.target_id)) if event.target_id.isdigit() else by_name.get(event.target_label)
        if user is not None:
            return f"User {_user_text(user)}"
        return f"User name typed: {event.target_label}" if event.target_label else "User"
    if kind == "casework.person":
        # People in cases are named only on casework pages; the log shows the record's opaque id.
        return f"Person record {event.target_id}" if event.target_id else name
    if event.target_label:
        return f"{name} {event.target_label}"
    if not event.target_id:
        return _WHOLE.get(kind, name)
    return f"{name} {event.target_id}"
