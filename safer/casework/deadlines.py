"""Response deadlines: calendar hours for high risk, working days (England bank holidays excluded) otherwise."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from safer.casework.choices import RiskLevel

LONDON = ZoneInfo("Europe/London")

# Risk level -> ("hours", n) or ("working_days", n); the defaults of the partnership's response standard.
RESPONSE_STANDARD: dict[str, tuple[str, int]] = {
    RiskLevel.HIGH: ("hours", 24),
    RiskLevel.MEDIUM: ("working_days", 3),
    RiskLevel.STANDARD: ("working_days", 5),
}


@lru_cache(maxsize=64)
def _england_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    """True for Monday to Friday that is not a bank holiday in England."""
    return day.weekday() < 5 and day not in _england_holidays(day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    """The same London wall-clock time `days` working days after `start` (aware datetime in, aware out)."""
    if start.tzinfo is None:
        raise ValueError("add_working_days needs an aware datetime (got a naive one).")
    if days < 0:
        raise ValueError(f"days must be 0 or more (got {days}).")
    local = start.astimezone(LONDON)
    day = local.date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return datetime.combine(day, local.time(), tzinfo=LONDON)


def response_due(*, start: datetime, level: str) -> datetime:
    """When first contact is due for a case of this risk level reported at `start`."""
    try:
        unit, amount = RESPONSE_STANDARD[level]
    except KeyError:
        raise ValueError(f"Unknown risk level {level!r}; use standard, medium or high.") from None
    if unit == "hours":
        return start + timedelta(hours=amount)
    return add_working_days(start, amount)
