"""Shared checks for planning services: capabilities, the plan's period, audit."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models

from safer.core.services.audit import audit_record
from safer.planning.errors import PlanningInputError, PlanningPermissionError
from safer.planning.models import Plan


def require_manager(actor: Any) -> None:
    """Only partnership managers change plans, indicators and funding."""
    if actor is None or not actor.has_capability("planning.manage"):
        raise PlanningPermissionError("Only partnership managers can change the plan or its funding.")


def within_plan(plan: Plan, value: date | None, *, field: str, label: str) -> None:
    """A date must fall in the plan's period."""
    if value is not None and not plan.starts_on <= value <= plan.ends_on:
        raise PlanningInputError(
            f"{label} must be within the plan's period, {plan.starts_on:%-d %B %Y} to {plan.ends_on:%-d %B %Y} "
            f"(you entered {value:%-d %B %Y}).",
            field=field,
        )


def audited(actor: Any, action: str, target: models.Model, **detail: Any) -> None:
    """Record one audit event naming the actor and the target."""
    audit_record(actor=actor, action=action, target=target, detail=detail or None)


def quarter_check(year: int, quarter: int) -> None:
    """A financial year and quarter 1 to 4."""
    if quarter not in (1, 2, 3, 4):
        raise PlanningInputError(f"The quarter must be 1, 2, 3 or 4 (you entered {quarter}).", field="quarter")
    if not 2000 <= year <= 2100:
        raise PlanningInputError(
            f"Enter the financial year it starts in, like 2024 (you entered {year}).", field="year"
        )
