"""Reads for the core app: the audit log with its filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
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
