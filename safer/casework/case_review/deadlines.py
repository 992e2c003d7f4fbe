"""Case review deadlines in working days (England and Wales bank holidays, through casework's working-day helper).

England and Wales share one list of bank holidays (a test checks the `holidays` package agrees), so casework's
England calendar is the right one for a partnership in either nation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from safer.casework.deadlines import add_working_days


@dataclass(frozen=True)
class Deadlines:
    """When the applicant must be acknowledged and told the threshold decision."""

    acknowledge_due: datetime
    decision_due: datetime


def application_deadlines(*, received_at: datetime, acknowledge_days: int, decision_days: int) -> Deadlines:
    """Deadlines counted in working days from the day an application is received."""
    return Deadlines(
        acknowledge_due=add_working_days(received_at, acknowledge_days),
        decision_due=add_working_days(received_at, decision_days),
    )


def review_deadline(*, decided_at: datetime, review_days: int) -> datetime:
    """When the review must be done and the applicant told, counted from the threshold decision."""
    return add_working_days(decided_at, review_days)


def is_overdue(due: datetime | None, done: datetime | None) -> bool:
    """True when a deadline has passed and the thing is not done."""
    return due is not None and done is None and due < timezone.now()
