"""Planning errors: each says what was wrong, the value received and what to do next (no personal data)."""

from __future__ import annotations


class PlanningError(Exception):
    """A planning service refused; `field` names the form field it is about (or "" for the whole form)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PlanningInputError(PlanningError):
    """The input breaks a rule of the plan or the funding (a date outside the plan, an overspent fund)."""


class PlanningPermissionError(PlanningError):
    """The user may not do this to this plan, action or return."""


class PlanningNotFoundError(PlanningError):
    """No such plan, action, indicator, fund or return (or the user may not see it)."""
