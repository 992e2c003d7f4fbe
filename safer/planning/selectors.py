"""Reads for planning: who may do what, plans with their actions and progress, overdue actions, audit of views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from safer.core.services.audit import audit_record
from safer.planning.choices import PlanningAuditAction, Rag
from safer.planning.errors import PlanningNotFoundError, PlanningPermissionError
from safer.planning.models import Action, ActionUpdate, Allocation, Plan, Priority, ReturnLine


def can_view(user: Any) -> bool:
    """Board members, agency officers and managers read plans."""
    return bool(user and user.is_authenticated and user.has_capability("planning.view"))


def can_manage(user: Any) -> bool:
    """Partnership managers edit plans, indicators and funding."""
    return bool(user and user.is_authenticated and user.has_capability("planning.manage"))


def can_update_action(user: Any, action: Action) -> bool:
    """A manager, the action's owner, or an officer of its lead agency may record progress."""
    if can_manage(user):
        return True
    if not user.has_capability("planning.update"):
        return False
    return action.owner_id == user.pk or (
        action.lead_organisation_id is not None and action.lead_organisation_id == user.organisation_id
    )


def can_update_return_line(user: Any, line: ReturnLine) -> bool:
    """A manager, or an officer of the row's lead agency, may write a return row's progress."""
    if can_manage(user):
        return True
    return bool(
        user.has_capability("planning.update")
        and line.lead_organisation_id is not None
        and line.lead_organisation_id == user.organisation_id
    )


def can_record_spend(user: Any, allocation: Allocation) -> bool:
    """A manager, or an officer of the allocation's recipient agency, may record, change or remove its spend."""
    if can_manage(user):
        return True
    return bool(
        user.has_capability("planning.update")
        and allocation.recipient_organisation_id is not None
        and allocation.recipient_organisation_id == user.organisation_id
    )


def plan_list_for_user(*, user: Any) -> QuerySet[Plan]:
    """Plans the user may read."""
    if not can_view(user):
        raise PlanningPermissionError("You do not have access to the partnership plans.")
    return Plan.objects.all()


def plan_get_for_user(*, user: Any, slug: str, audit: bool = True) -> Plan:
    """One plan with its priorities, actions and latest progress (the read is audited)."""
    if not can_view(user):
        raise PlanningPermissionError("You do not have access to the partnership plans.")
    plan = _plan_with_content(Plan.objects.filter(slug=slug)).first()
    if plan is None:
        raise PlanningNotFoundError(f'No plan has the address "{slug}".')
    if audit:
        audit_record(actor=user, action=PlanningAuditAction.PLAN_VIEWED, target=plan)
    return plan


def plan_get_published(*, slug: str) -> Plan:
    """A published plan for its public page (no sign-in)."""
    plan = _plan_with_content(Plan.objects.filter(slug=slug, published=True)).first()
    if plan is None:
        raise PlanningNotFoundError(f'No published plan has the address "{slug}".')
    return plan


def _plan_with_content(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    actions = Action.objects.select_related("lead_organisation", "owner", "indicator", "objective").prefetch_related(
        Prefetch("updates", queryset=ActionUpdate.objects.select_related("recorded_by")), "partner_organisations"
    )
    priorities = Priority.objects.prefetch_related(Prefetch("actions", queryset=actions), "objectives")
    return plans.prefetch_related(
        Prefetch("priorities", queryset=priorities), "duties", "members", "glossary", "versions", "indicators"
    )


def latest_update(action: Action) -> ActionUpdate | None:
    """The action's most recent progress update (from the prefetched list when there is one)."""
    updates = list(action.updates.all())
    return updates[0] if updates else None


def financial_quarter(day: date) -> tuple[int, int]:
    """(financial year it starts in, quarter 1 to 4) of a day: April to June is quarter 1."""
    year = day.year if day.month >= 4 else day.year - 1
    return year, ((day.month - 4) % 12) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """'Q2 2024-25'."""
    return f"Q{quarter} {year}-{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class OverdueAction:
    """An action needing attention: past its timescale and not complete, or no update this quarter."""

    action: Action
    reason: str


def overdue_actions(*, plan: Plan, today: date) -> list[OverdueAction]:
    """Actions past their timescale and not complete, or with no progress recorded for the current quarter."""
    year, quarter = financial_quarter(today)
    found = []
    for priority in plan.priorities.all():
        for action in priority.actions.all():
            update = latest_update(action)
            complete = update is not None and update.rag == Rag.COMPLETE
            if complete or (action.starts_on and action.starts_on > today):
                continue
            if action.due_on and action.due_on < today:
                found.append(OverdueAction(action, f"Past its timescale ({action.due_on:%-d %B %Y})"))
            elif update is None or (update.year, update.quarter) < (year, quarter):
                last = quarter_label(update.year, update.quarter) if update else "never"
                found.append(OverdueAction(action, f"No update for {quarter_label(year, quarter)} (last: {last})"))
    return found
