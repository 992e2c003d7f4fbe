"""breaks_classify: quantiles, equal intervals and Jenks against hand-worked and brute-force answers."""

import itertools

import numpy as np
import pytest

from safer.intelligence.hotspots.breaks import breaks_classify
from safer.intelligence.hotspots.errors import HotspotParameterInvalidError


def _sdcm(values, bounds):
    """Sum of squared deviations from class means for the classes given by upper bounds."""
    total, lower = 0.0, -np.inf
    for upper in bounds:
        members = values[(values > lower) & (values <= upper)]
        total += ((members - members.mean()) ** 2).sum() if members.size else 0.0
        lower = upper
    return total


class TestBreaksClassify:
    def test_unknown_method_is_an_error(self):
        with pytest.raises(HotspotParameterInvalidError, match="quantiles, equal, jenks"):
            breaks_classify(values=[1, 2, 3], method="natural")

    def test_equal_intervals_by_hand(self):
        # 0..100 in 4 classes: 25, 50, 75, 100.
        assert breaks_classify(values=[0, 10, 40, 60, 100], method="equal", classes=4) == [25, 50, 75, 100]

    def test_quantiles_by_hand(self):
        values = list(range(1, 11))  # 1..10: quintile bounds at the 20/40/60/80% points (numpy's linear rule)
        expected = [2.8, 4.6, 6.4, 8.2, 10.0]
        assert breaks_classify(values=values, method="quantiles", classes=5) == pytest.approx(expected)

    def test_jenks_finds_obvious_groups(self):
        values = [1, 2, 3, 20, 21, 22, 50, 51, 52]
        assert breaks_classify(values=values, method="jenks", classes=3) == [3, 22, 52]

    def test_jenks_is_optimal_against_brute_force(self):
        values = np.sort(np.random.default_rng(3).gamma(2.0, 10.0, 14).round(1))
        found = breaks_classify(values=values, method="jenks", classes=4)
        best = min(
            _sdcm(values, [values[i - 1] for i in cut] + [values[-1]])
            for cut in itertools.combinations(range(1, values.size), 3)
        )
        assert _sdcm(values, found) == pytest.approx(best)

    def test_few_distinct_values_give_fewer_classes(self):
        assert breaks_classify(values=[3, 3, 7, np.nan], method="jenks", classes=5) == [3, 7]
