"""Indicator status from the partnership's rules, and the significance test for crime counts (no Django).

The rules, in the order they apply:
1. No current value: "no data". Data missing for some months of a period: "not enough data".
2. The reference is the target when one is set, otherwise the comparison period's value.
   No reference: "on track" cannot be judged, so the status is "not enough data".
3. On the right side of the reference (direction-aware, equal counts as right): "on track".
4. On the wrong side by no more than the tolerance (a percentage of the reference): "at risk".
5. Further on the wrong side: "off track" -- except a crime count compared with the previous period
   whose change is not statistically significant (the test below, p >= 0.05), which is "at risk":
   a count that moved by chance is watched, not called off track.

Significance of a change between two counts over periods of equal length is the exact conditional test
for two Poisson counts (Przyborowski and Wilenski, 1940): given n = a + b, under "no change" a follows
Binomial(n, 1/2); the two-sided p-value doubles the smaller tail (capped at 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from safer.intelligence.dashboard.significance import change_test
from safer.planning.phrases import Phrase, gettext_noop, number

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, PARTIAL_DATA = "on_track", "at_risk", "off_track", "no_data", "partial_data"
SIGNIFICANCE_LEVEL = 0.05


@dataclass(frozen=True)
class Rule:
    """What the partnership decided for an indicator."""

    direction: str  # "lower" or "higher" is better
    target: Decimal | None = None
    tolerance_pct: Decimal = Decimal(5)
    use_significance: bool = False


@dataclass(frozen=True)
class Assessment:
    """A status and the one-line reason for it, in words (a Phrase: English, and sayable in Welsh)."""

    status: str
    reason: str
    p_value: float | None = None


def poisson_change_p_value(current: int, previous: int) -> float:
    """Two-sided p-value that two counts over equal periods come from the same Poisson rate (the dashboard's
    test, safer/intelligence/dashboard/significance.py, so a plan and the dashboard never disagree)."""
    if current < 0 or previous < 0:
        raise ValueError(f"Counts cannot be negative: {current}, {previous}.")
    tested = change_test(period_count=current, compare_count=previous)
    return 1.0 if tested is None else tested.p_value


def assess(
    *,
    rule: Rule,
    value: Decimal | float | int | None,
    previous: Decimal | float | int | None = None,
    complete: bool = True,
    is_count: bool = False,
    unit: str = "",
) -> Assessment:
    """The status of a value under `rule` (see the module docstring for the rules)."""
    if value is None:
        return Assessment(NO_DATA, Phrase(gettext_noop("No data for this area and period.")))
    if not complete:
        return Assessment(
            PARTIAL_DATA, Phrase(gettext_noop("Some months of the period (or of the comparison) have no data yet."))
        )
    current = Decimal(str(value))
    if rule.target is not None:
        reference = Decimal(rule.target)
        against = Phrase(gettext_noop("the target of %(target)s"), target=number(rule.target, unit))
    elif previous is not None:
        reference = Decimal(str(previous))
        against = Phrase(gettext_noop("the previous period (%(previous)s)"), previous=number(previous, unit))
    else:
        return Assessment(PARTIAL_DATA, Phrase(gettext_noop("No target and no previous period to compare with.")))
    shown = number(current, unit)
    worse_by = (current - reference) if rule.direction == "lower" else (reference - current)
    p_value = None
    if is_count and rule.use_significance and previous is not None:
        p_value = poisson_change_p_value(int(current), int(Decimal(str(previous))))
    if worse_by <= 0:
        return Assessment(
            ON_TRACK, Phrase(gettext_noop("%(value)s meets %(against)s."), value=shown, against=against), p_value
        )
    allowed = abs(reference) * Decimal(rule.tolerance_pct) / 100
    if worse_by <= allowed:
        return Assessment(
            AT_RISK,
            Phrase(
                gettext_noop("%(value)s misses %(against)s by no more than the %(tolerance)s tolerance."),
                value=shown,
                against=against,
                tolerance=number(rule.tolerance_pct, "%"),
            ),
            p_value,
        )
    if p_value is not None and p_value >= SIGNIFICANCE_LEVEL:
        return Assessment(
            AT_RISK,
            Phrase(
                gettext_noop(
                    "%(value)s misses %(against)s, but the change from the previous period is not statistically "
                    "significant (p = %(p)s)."
                ),
                value=shown,
                against=against,
                p=number(p_value, places=2),
            ),
            p_value,
        )
    if p_value is not None:
        reason = Phrase(
            gettext_noop("%(value)s misses %(against)s by more than the tolerance (a significant change, p = %(p)s)."),
            value=shown,
            against=against,
            p=number(p_value, places=3),
        )
    else:
        reason = Phrase(
            gettext_noop("%(value)s misses %(against)s by more than the tolerance."), value=shown, against=against
        )
    return Assessment(OFF_TRACK, reason, p_value)
