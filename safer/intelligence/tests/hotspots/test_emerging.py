"""hotspot_emerging: input errors, then the classification rules of docs/hotspots.md on built histories."""

import numpy as np
import pytest

from safer.intelligence.hotspots.emerging import _classify, hotspot_emerging
from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPeriodNoDataError


def _points(slices, hot_in, seed=0):
    """Background points over a 3 km square each slice, plus a dense cluster at (1,000, 1,000) in `hot_in`."""
    rng = np.random.default_rng(seed)
    xs, ys, ts = [], [], []
    for k in range(slices):
        n = 400
        xs.append(rng.uniform(0, 3000, n))
        ys.append(rng.uniform(0, 3000, n))
        ts.append(np.full(n, k))
        if k in hot_in:
            xs.append(rng.uniform(1000, 1200, 80 + 10 * k))
            ys.append(rng.uniform(1000, 1200, 80 + 10 * k))
            ts.append(np.full(80 + 10 * k, k))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ts)


class TestHotspotEmerging:
    def test_empty_slice_is_an_error(self):
        x, y, t = _points(4, hot_in=())
        with pytest.raises(HotspotPeriodNoDataError, match="slice 5 of 5"):
            hotspot_emerging(easting=x, northing=y, time_slice=t, slices=5, cell_size=100, bounds=(0, 0, 2999, 2999))

    def test_too_few_slices_is_an_error(self):
        x, y, t = _points(2, hot_in=())
        with pytest.raises(HotspotParameterInvalidError, match="3 to 120"):
            hotspot_emerging(easting=x, northing=y, time_slice=t, slices=2)

    def test_cluster_in_every_slice_is_persistent_or_intensifying(self):
        x, y, t = _points(10, hot_in=range(10))
        result = hotspot_emerging(
            easting=x, northing=y, time_slice=t, slices=10, cell_size=100, bounds=(0, 0, 2999, 2999)
        )
        centre = result.pattern[10:12, 10:12].ravel().tolist()
        assert set(centre) <= {"persistent hot spot", "intensifying hot spot"}
        assert result.hot_slices[10, 10] == 10
        assert "new hot spot" not in result.pattern.ravel().tolist()

    def test_cluster_in_final_slice_only_is_new(self):
        x, y, t = _points(6, hot_in={5})
        result = hotspot_emerging(
            easting=x, northing=y, time_slice=t, slices=6, cell_size=100, bounds=(0, 0, 2999, 2999)
        )
        assert result.pattern[11, 11] == "new hot spot"
        cols = result.columns()
        assert len(cols["pattern"]) == result.grid.counts.size


class TestClassificationRules:
    """Each rule on a one-cell history: hot (H), cold (C) or neither (.) per slice, oldest first."""

    @staticmethod
    def _label(history, trend_z=0.0, trend_p=1.0):
        hot = np.array([[c == "H"] for c in history])
        cold = np.array([[c == "C"] for c in history])
        return _classify(hot, cold, np.array([trend_z]), np.array([trend_p]), 0.05)[0]

    @pytest.mark.parametrize(
        ("history", "trend_z", "trend_p", "expected"),
        [
            (".........H", 0, 1, "new"),
            ("CC.......H", 0, 1, "new"),
            (".......HHH", 0, 1, "consecutive"),
            ("HHHHHHHHHH", 3, 0.001, "intensifying"),
            ("HHHHHHHHHH", -3, 0.001, "diminishing"),
            ("HHHHHHHHHH", 1, 0.3, "persistent"),
            ("H.HHHHHHHH", 0, 1, "persistent"),
            ("H.H.H...HH", 0, 1, "sporadic"),
            ("H.C.H....H", 0, 1, "oscillating"),
            ("HHHHHHHHH.", 0, 1, "historical"),
            ("H.H.H.....", 0, 1, ""),
        ],
    )
    def test_rules(self, history, trend_z, trend_p, expected):
        assert self._label(history, trend_z, trend_p) == expected
