"""Counts of records by day of week and hour of day (the analyst's "heat clock" table)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.patterns.errors import PatternTimesMissingError

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def pattern_week_hour(*, times: ArrayLike) -> NDArray[np.int64]:
    """7 x 24 counts: row 0 = Monday .. 6 = Sunday, column = hour 0..23 of the local time; NaT left out."""
    t = np.asarray(times, dtype="datetime64[m]")
    t = t[~np.isnat(t)]
    if t.size == 0:
        raise PatternTimesMissingError(
            "No records have a time of day. Day-and-hour patterns need an offence-level extract with times."
        )
    days = t.astype("datetime64[D]")
    # 1970-01-01 was a Thursday (weekday 3 counting Monday as 0).
    weekday = (days.astype(np.int64) + 3) % 7
    hour = (t - days).astype("timedelta64[h]").astype(np.int64)
    return np.bincount(weekday * 24 + hour, minlength=7 * 24).reshape(7, 24)
