"""Month-of-year seasonality from a monthly series that may have gaps (police.uk months go missing)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.patterns.errors import PatternTimesMissingError


@dataclass(frozen=True)
class SeasonalityResult:
    """Per calendar month (index 0 = January): total records, months_observed (how many of that calendar
    month are in the data), mean per observed month (NaN when none), and index = mean / mean of the means
    (1.0 = an average month; NaN when the month was never observed)."""

    total: NDArray[np.int64]
    months_observed: NDArray[np.int64]
    mean: NDArray[np.float64]
    index: NDArray[np.float64]


def pattern_month_of_year(*, months: ArrayLike, counts: ArrayLike) -> SeasonalityResult:
    """Seasonality of a monthly series: `months` (datetime64 months, each once) and their record `counts`."""
    m = np.asarray(months, dtype="datetime64[M]")
    c = np.asarray(counts, dtype=np.int64)
    if m.size == 0 or m.shape != c.shape:
        raise PatternTimesMissingError("There are no months of data to compare. Widen the period.")
    if np.unique(m).size != m.size:
        raise PatternTimesMissingError("A month appears twice in the series; give one count per month.")
    calendar = m.astype(np.int64) % 12
    total = np.bincount(calendar, weights=c, minlength=12).astype(np.int64)
    observed = np.bincount(calendar, minlength=12)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(observed > 0, total / observed, np.nan)
    index = mean / np.nanmean(mean) if np.nanmean(mean) > 0 else np.full(12, np.nan)
    return SeasonalityResult(total=total, months_observed=observed, mean=mean, index=index)
