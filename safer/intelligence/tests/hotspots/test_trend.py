"""trend_mann_kendall against scipy's Kendall tau of each series against time."""

import numpy as np
import pytest
from scipy.stats import kendalltau

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError
from safer.intelligence.hotspots.trend import trend_mann_kendall


class TestTrendMannKendall:
    def test_too_few_steps_is_an_error(self):
        with pytest.raises(HotspotParameterInvalidError, match="at least 3"):
            trend_mann_kendall([[1, 2]])

    def test_matches_kendalltau_against_time_with_ties(self):
        rng = np.random.default_rng(4)
        series = np.vstack([rng.poisson(3, (30, 12)), np.arange(12) + rng.integers(0, 3, (5, 12))]).astype(float)
        result = trend_mann_kendall(series)
        time = np.arange(12)
        for row, s, p in zip(series, result.s, result.p, strict=True):
            tau = kendalltau(time, row, method="asymptotic")
            assert s == sum(np.sign(row[j] - row[i]) for i in range(12) for j in range(i + 1, 12))
            assert p == pytest.approx(tau.pvalue, rel=1e-9, abs=1e-15)
            assert np.sign(s) == np.sign(tau.statistic)

    def test_constant_series_has_no_trend(self):
        result = trend_mann_kendall(np.ones((2, 6)))
        assert result.z.tolist() == [0.0, 0.0]
        assert result.p.tolist() == [1.0, 1.0]
