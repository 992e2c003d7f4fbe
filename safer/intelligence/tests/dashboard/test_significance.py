"""The exact conditional binomial test against values worked by hand."""

from __future__ import annotations

import math

import pytest

from safer.intelligence.dashboard.significance import change_test


class TestChangeTest:
    def test_15_against_5_matches_the_hand_computed_binomial_tail(self):
        # P(X <= 5 | n = 20, p = 1/2) = (1 + 20 + 190 + 1140 + 4845 + 15504) / 2**20; two-sided doubles it.
        result = change_test(period_count=15, compare_count=5)
        assert result is not None
        assert result.p_value == pytest.approx(2 * 21700 / 2**20, rel=1e-9)
        assert result.significant

    def test_equal_counts_and_small_changes_are_not_significant(self):
        assert change_test(period_count=10, compare_count=10).p_value == 1.0  # type: ignore[union-attr]
        assert not change_test(period_count=12, compare_count=8).significant  # type: ignore[union-attr]

    def test_large_counts_agree_with_the_normal_approximation(self):
        result = change_test(period_count=5200, compare_count=4800)
        z = (5200 - 5000) / math.sqrt(10000 / 4)
        assert result is not None and result.p_value == pytest.approx(math.erfc(z / math.sqrt(2)), rel=0.05)

    def test_no_records_in_either_period_has_no_test(self):
        assert change_test(period_count=0, compare_count=0) is None
