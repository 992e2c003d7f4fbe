"""Difference-in-differences of record counts as a rate ratio, with a confidence interval and two tests.

Method: Poisson regression of the counts on area (target / control), period (before / after) and their
interaction; exp(interaction) is the rate ratio RR = (Ta / Tb) / (Ca / Cb), below 1 when records fell more
(or rose less) in the target than in the control. On the four totals the maximum-likelihood estimate and its
Wald standard error have a closed form: log RR and sqrt(1/Ta + 1/Tb + 1/Ca + 1/Cb) (Farrington and Welsh's
relative effect size uses the same). The Wald interval and p-value come from the normal distribution. An
exact conditional test is given too: given the four margins, Ta follows the hypergeometric law of Fisher's
exact test on the 2 x 2 table, which needs no large-count approximation. Poisson assumes no over-dispersion;
crime counts are often over-dispersed, so read a borderline p-value with care.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from scipy.stats import fisher_exact

from safer.intelligence.evaluation.errors import EvaluationError, EvaluationPeriodNoDataError


@dataclass(frozen=True)
class DidResult:
    """rate_ratio (RR), its confidence interval (ci_low, ci_high at `confidence`), percent_change = 100 (RR - 1),
    wald_z and wald_p, exact_p (Fisher, two-sided), expected_target_after = Tb Ca / Cb (the target had it
    followed the control) and difference = Ta - expected (negative: fewer records than expected)."""

    rate_ratio: float
    ci_low: float
    ci_high: float
    confidence: float
    percent_change: float
    wald_z: float
    wald_p: float
    exact_p: float
    expected_target_after: float
    difference: float


def evaluation_did(
    *, target_before: int, target_after: int, control_before: int, control_after: int, confidence: float = 0.95
) -> DidResult:
    """Rate ratio of the target's change to the control's change, with interval and tests (method above)."""
    if not 0 < confidence < 1:
        raise EvaluationError(f"Confidence {confidence!r} must be between 0 and 1, e.g. 0.95.")
    counts = {
        "target before": target_before,
        "target after": target_after,
        "control before": control_before,
        "control after": control_after,
    }
    empty = [name for name, value in counts.items() if value <= 0]
    if empty:
        raise EvaluationPeriodNoDataError(
            f"No records in: {', '.join(empty)}. A rate ratio needs records in all four; widen the period or area."
        )
    tb, ta, cb, ca = target_before, target_after, control_before, control_after
    log_rr = math.log(ta / tb) - math.log(ca / cb)
    se = math.sqrt(1 / ta + 1 / tb + 1 / ca + 1 / cb)
    normal = NormalDist()
    q = normal.inv_cdf(0.5 + confidence / 2)
    z = log_rr / se
    _, exact_p = fisher_exact([[ta, tb], [ca, cb]], alternative="two-sided")
    expected = tb * ca / cb
    return DidResult(
        rate_ratio=math.exp(log_rr),
        ci_low=math.exp(log_rr - q * se),
        ci_high=math.exp(log_rr + q * se),
        confidence=confidence,
        percent_change=100 * (math.exp(log_rr) - 1),
        wald_z=z,
        wald_p=2 * normal.cdf(-abs(z)),
        exact_p=float(exact_p),
        expected_target_after=expected,
        difference=ta - expected,
    )
