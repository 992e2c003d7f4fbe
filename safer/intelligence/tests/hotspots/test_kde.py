"""hotspot_kde against a direct evaluation of the quartic kernel and the stated bandwidth rule."""

import math

import numpy as np
import pytest

from safer.intelligence.hotspots.errors import (
    HotspotParameterInvalidError,
    HotspotPointsMissingError,
    HotspotPointsTooFewError,
)
from safer.intelligence.hotspots.kde import hotspot_kde


def _direct(px, py, cx, cy, h):
    """Quartic kernel sum written out point by point (Silverman 1986, eq. 4.5), per km^2."""
    total = 0.0
    for x, y in zip(px, py, strict=True):
        d2 = (cx - x) ** 2 + (cy - y) ** 2
        if d2 < h * h:
            total += 3 / (math.pi * h * h) * (1 - d2 / (h * h)) ** 2
    return total * 1e6


class TestHotspotKde:
    def test_no_points_is_an_error(self):
        with pytest.raises(HotspotPointsMissingError):
            hotspot_kde(easting=[], northing=[])

    def test_all_points_at_one_place_needs_a_bandwidth(self):
        with pytest.raises(HotspotPointsTooFewError, match="set one in metres"):
            hotspot_kde(easting=[5.0, 5.0], northing=[5.0, 5.0], cell_size=10)

    def test_negative_bandwidth_is_an_error(self):
        with pytest.raises(HotspotParameterInvalidError, match="positive"):
            hotspot_kde(easting=[0, 100], northing=[0, 100], cell_size=10, bandwidth=-5)

    def test_matches_direct_evaluation_on_a_small_case(self):
        rng = np.random.default_rng(8)
        px = np.concatenate([rng.uniform(0, 1000, 25), [300.0, 300.0]])
        py = np.concatenate([rng.uniform(0, 800, 25), [400.0, 400.0]])
        result = hotspot_kde(easting=px, northing=py, cell_size=50, bounds=(0, 0, 999, 799), bandwidth=230)
        cols = result.columns()
        expected = [_direct(px, py, cx, cy, 230) for cx, cy in zip(cols["cell_x"], cols["cell_y"], strict=True)]
        np.testing.assert_allclose(cols["density"], expected, rtol=1e-12, atol=1e-12)
        assert result.bandwidth_source == "user"

    def test_default_bandwidth_follows_the_stated_rule(self):
        rng = np.random.default_rng(9)
        px, py = rng.normal(0, 500, 300), rng.normal(0, 300, 300)
        result = hotspot_kde(easting=px, northing=py, cell_size=100)
        d = np.hypot(px - px.mean(), py - py.mean())
        sd = math.sqrt((d**2).mean())
        expected = 0.9 * min(sd, math.sqrt(1 / math.log(2)) * np.median(d)) * 300**-0.2
        assert result.bandwidth == pytest.approx(expected)
        assert result.bandwidth_source == "rule"

    def test_density_integrates_to_the_number_of_points_away_from_edges(self):
        rng = np.random.default_rng(10)
        px, py = rng.uniform(2000, 3000, 200), rng.uniform(2000, 3000, 200)
        result = hotspot_kde(easting=px, northing=py, cell_size=10, bounds=(0, 0, 4999, 4999), bandwidth=300)
        assert result.density.sum() * (10 / 1000) ** 2 == pytest.approx(200, rel=0.01)
