"""Domestic Homicide Review deadlines: calendar months from the statutory guidance, moved to a working day.

The defaults (decide within one month of the notification; complete within six months of the decision) come
from the Home Office's statutory guidance and can be changed with the setting SAFER_DHR_DEADLINES. A deadline
that falls on a weekend or an England and Wales bank holiday moves to the next working day (the casework
working-day helper).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings

from safer.casework.deadlines import is_working_day

DEFAULT_DEADLINES = {"decision_months": 1, "completion_months": 6}


def deadline_settings() -> dict[str, int]:
    """The months allowed for each step (defaults, overridden by settings.SAFER_DHR_DEADLINES)."""
    return DEFAULT_DEADLINES | dict(getattr(settings, "SAFER_DHR_DEADLINES", {}) or {})


def add_months_to_working_day(start: date, months: int) -> date:
    """The same day `months` calendar months later (clamped to the month's end), then the next working day."""
    if months < 0:
        raise ValueError(f"months must be 0 or more (got {months}).")
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    due = date(year, month + 1, day)
    while not is_working_day(due):
        due += timedelta(days=1)
    return due


def decision_due(notified_on: date) -> date:
    """When the decision whether to commission a review is due."""
    return add_months_to_working_day(notified_on, deadline_settings()["decision_months"])


def completion_due(decision_on: date) -> date:
    """When a commissioned review is due to be completed (submitted to the Home Office)."""
    return add_months_to_working_day(decision_on, deadline_settings()["completion_months"])
