"""Whether a change between two counts is more than chance: the exact conditional binomial test."""

from __future__ import annotations

import math
from dataclasses import dataclass

LEVEL = 0.05
TEST_NAME = (
    "exact conditional test on two Poisson counts (given their total, the period's count is binomial with "
    "p = 1/2 when the rate has not changed), two-sided, at the 5% level"
)


@dataclass(frozen=True)
class ChangeTest:
    """The test's p-value and whether it is below the 5% level."""

    p_value: float
    significant: bool


def _log_pmf(k: int, n: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) - n * math.log(2)


def change_test(*, period_count: int, compare_count: int) -> ChangeTest | None:
    """Two-sided exact binomial test of period_count out of the total at p = 1/2 (equal months); None if both 0."""
    total = period_count + compare_count
    if total == 0:
        return None
    low = min(period_count, compare_count)
    if 2 * low == total:
        return ChangeTest(1.0, False)
    logs = [_log_pmf(k, total) for k in range(low + 1)]
    top = max(logs)
    tail = math.exp(top) * sum(math.exp(value - top) for value in logs)
    p_value = min(1.0, 2.0 * tail)
    return ChangeTest(p_value, p_value < LEVEL)
