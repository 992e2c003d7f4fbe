"""The night-time-economy window as a filter: which records fall in chosen nights between two clock hours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.patterns.errors import PatternWindowInvalidError


@dataclass(frozen=True)
class NightWindow:
    """Nights starting on `nights` (0 = Monday .. 6 = Sunday) from `start_hour` up to `end_hour` (the next morning
    when it is smaller; start == end means 24 hours)."""

    nights: tuple[int, ...]
    start_hour: int
    end_hour: int
    label: str


# The preset analysts use for the night-time economy: Friday and Saturday nights, 19:00 to 03:00.
NTE_PRESET = NightWindow(nights=(4, 5), start_hour=19, end_hour=3, label="Friday and Saturday 19:00 to 03:00")
# The windows a user can choose by name (e.g. `window=nte`).
PRESETS: dict[str, NightWindow] = {"nte": NTE_PRESET}


def pattern_in_window(*, times: ArrayLike, window: NightWindow = NTE_PRESET) -> NDArray[np.bool_]:
    """True for each local time inside the window; the small hours belong to the night before (Sat 01:00 is
    Friday night). NaT is outside."""
    if not (0 <= window.start_hour <= 23 and 0 <= window.end_hour <= 23) or not window.nights:
        raise PatternWindowInvalidError(
            f"Night window {window.start_hour}:00 to {window.end_hour}:00 on nights {window.nights}: hours must be "
            "0 to 23 and at least one night chosen."
        )
    if any(not 0 <= d <= 6 for d in window.nights):
        raise PatternWindowInvalidError(f"Nights {window.nights}: use 0 (Monday) to 6 (Sunday).")
    t = np.asarray(times, dtype="datetime64[m]")
    valid = ~np.isnat(t)
    # Shift back by the start hour: each night becomes one calendar day and its window the day's first hours.
    shifted = t - np.timedelta64(window.start_hour, "h")
    day = shifted.astype("datetime64[D]")
    offset = (shifted - day).astype("timedelta64[h]").astype(np.int64)
    night = (day.astype(np.int64) + 3) % 7
    length = (window.end_hour - window.start_hour) % 24 or 24
    inside = offset < length
    return valid & inside & np.isin(night, window.nights)
