"""Tasks and the case timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from safer.casework.models import Case, CaseEvent, Incident, Task
from safer.casework.selectors.access import visible_cases


def task_list_for_user(*, user: Any, overdue_only: bool = False, today: date | None = None) -> QuerySet[Task]:
    """The user's open tasks on cases they can still see, soonest first; `overdue_only` keeps late ones."""
    today = today or timezone.localdate()
    tasks = Task.objects.filter(owner=user, done_at__isnull=True, case__in=visible_cases(user)).select_related(
        "case", "organisation"
    )
    if overdue_only:
        tasks = tasks.filter(due_on__lt=today)
    return tasks.order_by("due_on", "id")


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a case timeline."""

    at: datetime
    title: str
    detail: str
    actor: str
    organisation: str


def case_timeline(*, case: Case) -> list[TimelineEntry]:
    """Everything that happened on the case, newest first: its events and the incidents' own dates."""
    entries = [
        TimelineEntry(
            at=event.at,
            title=event.get_kind_display(),
            detail=event.detail,
            actor=event.actor.display_name if event.actor else "System",
            organisation=event.organisation_name,
        )
        for event in CaseEvent.objects.filter(case=case).select_related("actor")
    ]
    for incident in Incident.objects.filter(case_links__case=case).select_related("receiving_organisation"):
        entries.append(
            TimelineEntry(
                at=incident.occurred_at,
                title=f"Incident {incident.reference} happened",
                detail=f"{incident.get_asb_category_display()}: {incident.asb_type}",
                actor="",
                organisation=incident.receiving_organisation.name,
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
