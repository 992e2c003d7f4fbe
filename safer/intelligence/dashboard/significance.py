"""Whether a change between two counts is more than chance: the exact conditional binomial test."""

from __future__ import annotations

import math
from dataclasses import dataclass

LEVEL = 0.05
TEST_NAME = (
    "exact conditional test on two Poisson counts (given their total, the period's count is binomial with "
    "p = 1/2 when the rate has not changed), two-sided, at the 5% level, with the exact 95% confidence interval "
    "of the rate ratio"
)


@dataclass(frozen=True)
class ChangeTest:
    """The test's p-value, whether it is below the 5% level, and the rate ratio with its exact 95% CI."""

    p_value: float
    significant: bool
    rate_ratio: float | None = None  # period / comparison (equal lengths); None when the comparison is 0
    ci_low: float | None = None
    ci_high: float | None = None


def rate_ratio_ci(*, period_count: int, compare_count: int, level: float = 0.95) -> tuple[float, float | None]:
    """Exact (Clopper-Pearson) CI of the rate ratio: the binomial proportion's interval mapped by p / (1 - p)."""
    from scipy.stats import beta

    alpha = 1.0 - level
    low = 0.0 if period_count == 0 else float(beta.ppf(alpha / 2, period_count, compare_count + 1))
    high = 1.0 if compare_count == 0 else float(beta.ppf(1 - alpha / 2, period_count + 1, compare_count))
    return low / (1.0 - low), (None if high >= 1.0 else high / (1.0 - high))


def _log_pmf(k: int, n: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) - n * math.log(2)


def change_test(*, period_count: int, compare_count: int) -> ChangeTest | None:
    """Two-sided exact binomial test of period_count out of the total at p = 1/2 (equal months); None if both 0."""
    total = period_count + compare_count
    if total == 0:
        return None
    low = min(period_count, compare_count)
    ratio = period_count / compare_count if compare_count else None
    ci_low, ci_high = rate_ratio_ci(period_count=period_count, compare_count=compare_count)
    if 2 * low == total:
        return ChangeTest(1.0, False, ratio, ci_low, ci_high)
    logs = [_log_pmf(k, total) for k in range(low + 1)]
    top = max(logs)
    tail = math.exp(top) * sum(math.exp(value - top) for value in logs)
    p_value = min(1.0, 2.0 * tail)
    return ChangeTest(p_value, p_value < LEVEL, ratio, ci_low, ci_high)
