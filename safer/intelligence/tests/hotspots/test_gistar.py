"""hotspot_gistar against PySAL esda G_Local(star=True) and statsmodels' fdrcorrection."""

import warnings

import numpy as np
import pytest
from esda.getisord import G_Local
from libpysal.weights import W, lat2W
from statsmodels.stats.multitest import fdrcorrection

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPointsTooFewError
from safer.intelligence.hotspots.fdr import fdr_adjust
from safer.intelligence.hotspots.gistar import hotspot_gistar
from safer.intelligence.hotspots.grid import HotspotGrid


def _esda_z(counts, weights):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return G_Local(counts.ravel().astype(float), weights, transform="B", star=True, permutations=0).Zs


def _clustered(shape, seed):
    rng = np.random.default_rng(seed)
    counts = rng.poisson(1.0, shape)
    counts[3:6, 4:8] += rng.poisson(6.0, (3, 4))
    return counts


class TestHotspotGistar:
    def test_too_few_cells_is_an_error(self):
        with pytest.raises(HotspotPointsTooFewError, match="at least 30"):
            hotspot_gistar(grid=HotspotGrid(counts=np.ones((4, 5), dtype=np.int64), x0=0, y0=0, cell_size=100))

    def test_no_variation_is_an_error(self):
        with pytest.raises(HotspotPointsTooFewError, match="same count"):
            hotspot_gistar(grid=HotspotGrid(counts=np.full((8, 8), 2, dtype=np.int64), x0=0, y0=0, cell_size=100))

    def test_bad_alpha_is_an_error(self):
        grid = HotspotGrid(counts=_clustered((10, 12), 1), x0=0, y0=0, cell_size=100)
        with pytest.raises(HotspotParameterInvalidError, match="between 0 and 1"):
            hotspot_gistar(grid=grid, alpha=5)

    def test_z_equals_esda_queen_neighbours(self):
        counts = _clustered((17, 23), 7)
        result = hotspot_gistar(grid=HotspotGrid(counts=counts, x0=0, y0=0, cell_size=100))
        expected = _esda_z(counts, lat2W(17, 23, rook=False))
        np.testing.assert_allclose(result.z.ravel(), expected, atol=1e-6)

    def test_z_equals_esda_with_wider_neighbourhood_and_a_mask(self):
        rows, cols = 14, 16
        counts = _clustered((rows, cols), 11)
        yy, xx = np.mgrid[0:rows, 0:cols]
        mask = (yy - 7) ** 2 + (xx - 8) ** 2 <= 49  # a round area: cells outside are not part of it
        result = hotspot_gistar(
            grid=HotspotGrid(counts=counts, x0=0, y0=0, cell_size=100), mask=mask, neighbour_cells=2
        )
        ids = {cell: k for k, cell in enumerate(zip(*np.nonzero(mask), strict=True))}
        neighbours = {
            k: [
                ids[(r + dr, c + dc)]
                for dr in range(-2, 3)
                for dc in range(-2, 3)
                if (dr or dc) and (r + dr, c + dc) in ids
            ]
            for (r, c), k in ids.items()
        }
        weights = W(neighbours, silence_warnings=True)
        expected = _esda_z(counts[mask], weights)
        np.testing.assert_allclose(result.z[mask], expected, atol=1e-6)
        assert np.isnan(result.z[~mask]).all()

    def test_adjusted_p_equals_statsmodels_fdrcorrection(self):
        counts = _clustered((20, 20), 5)
        result = hotspot_gistar(grid=HotspotGrid(counts=counts, x0=0, y0=0, cell_size=100))
        rejected, q = fdrcorrection(result.p.ravel(), alpha=0.05)
        np.testing.assert_allclose(result.p_adjusted.ravel(), q, rtol=1e-12)
        np.testing.assert_array_equal((result.p_adjusted < 0.05).ravel(), rejected)

    def test_cluster_is_found_hot_and_bins_follow_adjusted_p(self):
        counts = _clustered((20, 20), 5)
        result = hotspot_gistar(grid=HotspotGrid(counts=counts, x0=0, y0=0, cell_size=100))
        assert result.hot[3:6, 4:8].any()
        assert not result.hot[15:, 15:].any()
        assert (result.bin[result.p_adjusted < 0.01] == 3 * np.sign(result.z[result.p_adjusted < 0.01])).all()
        assert (result.bin[result.p_adjusted >= 0.1] == 0).all()

    def test_without_fdr_adjusted_equals_raw(self):
        counts = _clustered((10, 10), 2)
        result = hotspot_gistar(grid=HotspotGrid(counts=counts, x0=0, y0=0, cell_size=100), fdr=False)
        np.testing.assert_array_equal(result.p, result.p_adjusted)


class TestFdrAdjust:
    def test_equals_statsmodels_with_ties_and_nan(self):
        rng = np.random.default_rng(0)
        p = np.concatenate([rng.uniform(0, 1, 200), rng.uniform(0, 0.01, 20), [0.5, 0.5, 0.5]])
        _, q = fdrcorrection(p)
        np.testing.assert_allclose(fdr_adjust(p), q, rtol=1e-12)
        with_nan = np.append(p, np.nan)
        assert np.isnan(fdr_adjust(with_nan)[-1])
        np.testing.assert_allclose(fdr_adjust(with_nan)[:-1], q, rtol=1e-12)
