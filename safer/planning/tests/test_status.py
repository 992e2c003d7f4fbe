"""Indicator statuses over hand-built series, and the significance test against exact reference values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import comb

import pytest

from safer.planning.status import (
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    PARTIAL_DATA,
    Rule,
    assess,
    poisson_change_p_value,
)


def _exact_two_sided(a: int, b: int) -> float:
    """Reference: exact rational arithmetic of the conditional binomial test."""
    n = a + b
    lower = sum(Fraction(comb(n, k), 2**n) for k in range(0, a + 1))
    upper = sum(Fraction(comb(n, k), 2**n) for k in range(a, n + 1))
    return float(min(Fraction(1), 2 * min(lower, upper)))


class TestPoissonChangePValue:
    def test_negative_count_is_refused(self):
        with pytest.raises(ValueError, match="negative"):
            poisson_change_p_value(-1, 3)

    def test_no_records_at_all_is_no_evidence_of_change(self):
        assert poisson_change_p_value(0, 0) == 1.0

    def test_nine_of_ten_matches_the_hand_computed_value(self):
        # P(X >= 9 | n = 10, p = 1/2) = 11/1024, doubled.
        assert poisson_change_p_value(9, 1) == pytest.approx(22 / 1024)

    @pytest.mark.parametrize(("a", "b"), [(130, 90), (24, 22), (5, 0), (0, 7), (310, 262), (50, 50)])
    def test_matches_exact_rational_reference(self, a, b):
        assert poisson_change_p_value(a, b) == pytest.approx(_exact_two_sided(a, b), rel=1e-9)

    def test_symmetric(self):
        assert poisson_change_p_value(30, 45) == pytest.approx(poisson_change_p_value(45, 30))


LOWER = Rule(direction="lower", tolerance_pct=Decimal(5), use_significance=True)
HIGHER_65 = Rule(direction="higher", target=Decimal(65), tolerance_pct=Decimal(10))


class TestAssess:
    def test_no_value_is_no_data_never_zero(self):
        result = assess(rule=LOWER, value=None, previous=Decimal(10))
        assert result.status == NO_DATA

    def test_missing_months_are_not_enough_data(self):
        assert assess(rule=LOWER, value=5, previous=6, complete=False).status == PARTIAL_DATA

    def test_no_target_and_no_previous_cannot_be_judged(self):
        assert assess(rule=LOWER, value=5, previous=None).status == PARTIAL_DATA

    def test_count_falling_is_on_track(self):
        assert assess(rule=LOWER, value=80, previous=90, is_count=True).status == ON_TRACK

    def test_count_rising_within_tolerance_is_at_risk(self):
        # 94 against 90: 4.4% worse, inside 5%.
        assert assess(rule=LOWER, value=94, previous=90, is_count=True).status == AT_RISK

    def test_significant_rise_beyond_tolerance_is_off_track(self):
        result = assess(rule=LOWER, value=130, previous=90, is_count=True)
        assert result.status == OFF_TRACK
        assert result.p_value is not None and result.p_value < 0.05
        assert "significant" in result.reason

    def test_rise_beyond_tolerance_but_not_significant_is_at_risk(self):
        # 24 against 20: 20% worse, but p is about 0.64.
        result = assess(rule=LOWER, value=24, previous=20, is_count=True)
        assert result.status == AT_RISK
        assert "not statistically significant" in result.reason

    def test_without_the_significance_test_the_same_rise_is_off_track(self):
        rule = Rule(direction="lower", tolerance_pct=Decimal(5), use_significance=False)
        assert assess(rule=rule, value=24, previous=20, is_count=True).status == OFF_TRACK

    def test_share_meeting_target_is_on_track(self):
        assert assess(rule=HIGHER_65, value=Decimal("70.0")).status == ON_TRACK

    def test_share_just_below_target_within_tolerance_is_at_risk(self):
        # 10% of 65 is 6.5 points: 59 is inside, 58 is outside.
        assert assess(rule=HIGHER_65, value=59).status == AT_RISK
        assert assess(rule=HIGHER_65, value=58).status == OFF_TRACK

    def test_target_wins_over_previous_period(self):
        rule = Rule(direction="lower", target=Decimal(100), tolerance_pct=Decimal(0))
        assert assess(rule=rule, value=95, previous=50).status == ON_TRACK
