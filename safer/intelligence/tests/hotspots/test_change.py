"""hotspot_change: grids must match; cells are emerged / persisted / faded by their hot status."""

import numpy as np
import pytest

from safer.intelligence.hotspots.change import hotspot_change
from safer.intelligence.hotspots.errors import HotspotParameterInvalidError
from safer.intelligence.hotspots.gistar import hotspot_gistar
from safer.intelligence.hotspots.grid import HotspotGrid


def _grid(cluster_at, seed, x0=0.0):
    counts = np.random.default_rng(seed).poisson(1.0, (20, 20))
    r, c = cluster_at
    counts[r : r + 3, c : c + 3] += 12
    return HotspotGrid(counts=counts, x0=x0, y0=0.0, cell_size=100.0)


class TestHotspotChange:
    def test_different_grids_are_an_error(self):
        before = hotspot_gistar(grid=_grid((2, 2), 1))
        after = hotspot_gistar(grid=_grid((2, 2), 2, x0=100.0))
        with pytest.raises(HotspotParameterInvalidError, match="different grids"):
            hotspot_change(before=before, after=after)

    def test_emerged_persisted_faded(self):
        # Before: clusters at A and B; after: at B and C.
        b = _grid((2, 2), 1).counts
        b[14:17, 14:17] += 12
        a = _grid((14, 14), 2).counts
        a[2:5, 14:17] += 12
        before = hotspot_gistar(grid=HotspotGrid(counts=b, x0=0, y0=0, cell_size=100))
        after = hotspot_gistar(grid=HotspotGrid(counts=a, x0=0, y0=0, cell_size=100))
        result = hotspot_change(before=before, after=after)
        assert result.change[3, 3] == "faded"
        assert result.change[15, 15] == "persisted"
        assert result.change[3, 15] == "emerged"
        expected = np.where(after.hot & before.hot, "persisted", "")
        assert ((result.change == "persisted") == (expected == "persisted")).all()
        assert set(result.columns()) == {
            "cell_x",
            "cell_y",
            "count_before",
            "count_after",
            "z_before",
            "z_after",
            "change",
        }
