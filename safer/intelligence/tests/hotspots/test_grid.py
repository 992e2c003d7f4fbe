"""hotspot_grid: input errors first, then the counts and the automatic cell size."""

import numpy as np
import pytest

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPointsMissingError
from safer.intelligence.hotspots.grid import hotspot_grid


class TestHotspotGrid:
    def test_no_points_is_an_error(self):
        with pytest.raises(HotspotPointsMissingError, match="no records with coordinates"):
            hotspot_grid(easting=[], northing=[])

    def test_mismatched_lengths_are_an_error(self):
        with pytest.raises(HotspotParameterInvalidError, match="same length"):
            hotspot_grid(easting=[1.0, 2.0], northing=[1.0])

    def test_tiny_cell_size_is_an_error(self):
        with pytest.raises(HotspotParameterInvalidError, match="too small"):
            hotspot_grid(easting=[0, 1000], northing=[0, 1000], cell_size=1)

    def test_counts_fall_in_the_right_cells(self):
        grid = hotspot_grid(
            easting=[450010, 450090, 450150, 450250], northing=[200010, 200020, 200110, 200010], cell_size=100
        )
        assert (grid.x0, grid.y0) == (450000, 200000)
        # Row 0 is the south edge: cells (0,0) twice, (1,1) once, (0,2) once.
        assert grid.counts.tolist() == [[2, 0, 1], [0, 1, 0]]
        assert grid.counts.sum() == 4

    def test_automatic_cell_size_gives_about_fifty_cells_on_the_shorter_side(self):
        rng = np.random.default_rng(3)
        x = rng.uniform(400_000, 420_000, 500)
        y = rng.uniform(200_000, 210_000, 500)
        grid = hotspot_grid(easting=x, northing=y)
        assert grid.cell_size == 200
        assert 50 <= grid.shape[0] <= 52

    def test_points_outside_bounds_are_left_out(self):
        grid = hotspot_grid(easting=[50, 150, 5000], northing=[50, 50, 50], cell_size=100, bounds=(0, 0, 199, 99))
        assert grid.counts.sum() == 2

    def test_columns_give_cell_centres(self):
        grid = hotspot_grid(easting=[50, 150], northing=[50, 150], cell_size=100)
        cols = grid.columns()
        assert cols["cell_x"].tolist() == [50, 150, 50, 150]
        assert cols["cell_y"].tolist() == [50, 50, 150, 150]
        assert cols["count"].tolist() == [1, 0, 0, 1]
