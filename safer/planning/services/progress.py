"""Progress on actions: a RAG rating with a required comment each quarter, by the action's agency or a manager."""

from __future__ import annotations

from django.db import transaction

from safer.accounts.models import User
from safer.planning.choices import PlanningAuditAction, Rag
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.models import Action, ActionUpdate
from safer.planning.selectors import can_update_action
from safer.planning.services._common import audited, quarter_check


@transaction.atomic
def progress_record(
    *, actor: User | None, action: Action, year: int, quarter: int, rag: str, comment: str
) -> ActionUpdate:
    """Record this quarter's progress on an action; earlier updates are kept."""
    if actor is None or not can_update_action(actor, action):
        raise PlanningPermissionError(
            "Only the lead agency's officers or a partnership manager can update this action."
        )
    quarter_check(year, quarter)
    if rag not in Rag.values:
        raise PlanningInputError(
            f'"{rag}" is not a progress rating; choose red, amber, green or complete.', field="rag"
        )
    if not comment.strip():
        raise PlanningInputError("Enter a comment saying what has happened this quarter.", field="comment")
    plan = action.priority.plan
    if not plan.starts_on.year - 1 <= year <= plan.ends_on.year:
        raise PlanningInputError(
            f"{year}-{(year + 1) % 100:02d} is outside the plan's period "
            f"({plan.starts_on:%B %Y} to {plan.ends_on:%B %Y}).",
            field="year",
        )
    update = ActionUpdate.objects.create(
        action=action, year=year, quarter=quarter, rag=rag, comment=comment.strip(), recorded_by=actor
    )
    audited(actor, PlanningAuditAction.PROGRESS_RECORDED, action, year=year, quarter=quarter, rag=rag)
    return update
