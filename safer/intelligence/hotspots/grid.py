"""Count points on a regular square grid in British National Grid metres (sfhotspot's `hotspot_count`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPointsMissingError

# About this many cells on the shorter side of the area when the user sets no cell size (sfhotspot's default).
CELLS_ON_SHORTER_SIDE = 50
MIN_CELL_SIZE = 10.0


@dataclass(frozen=True)
class HotspotGrid:
    """Counts per cell: `counts[row, col]`, row 0 at the south edge; cell (r, c) spans
    x0 + c*cell_size .. x0 + (c+1)*cell_size and y0 + r*cell_size .. y0 + (r+1)*cell_size."""

    counts: NDArray[np.int64]
    x0: float
    y0: float
    cell_size: float

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return self.counts.shape  # type: ignore[return-value]

    def centres(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Easting and northing of every cell centre, flattened in the same order as `counts.ravel()`."""
        rows, cols = self.shape
        xs = self.x0 + (np.arange(cols) + 0.5) * self.cell_size
        ys = self.y0 + (np.arange(rows) + 0.5) * self.cell_size
        return np.tile(xs, rows), np.repeat(ys, cols)

    def columns(self) -> dict[str, NDArray]:
        """Documented columns, one row per cell: cell_x, cell_y (centre, BNG metres), count."""
        x, y = self.centres()
        return {"cell_x": x, "cell_y": y, "count": self.counts.ravel()}

    def binned(self, *, easting: ArrayLike, northing: ArrayLike) -> HotspotGrid:
        """A grid on the same cells counting other points (points outside it are left out)."""
        rows, cols = self.shape
        counts = _bin(
            np.asarray(easting, np.float64),
            np.asarray(northing, np.float64),
            self.x0,
            self.y0,
            self.cell_size,
            rows,
            cols,
        )
        return HotspotGrid(counts=counts, x0=self.x0, y0=self.y0, cell_size=self.cell_size)


def hotspot_grid(
    *,
    easting: ArrayLike,
    northing: ArrayLike,
    cell_size: float | None = None,
    bounds: tuple[float, float, float, float] | None = None,
) -> HotspotGrid:
    """Count points per grid cell; the grid covers `bounds` (min_x, min_y, max_x, max_y) or the points' extent.

    With no `cell_size`, the shorter side of the extent is divided into about 50 cells, rounded to a whole
    10 m. The grid's origin is a multiple of the cell size, so grids of the same cell size line up. Points
    outside `bounds` are left out.
    """
    x = np.asarray(easting, dtype=np.float64)
    y = np.asarray(northing, dtype=np.float64)
    if x.shape != y.shape or x.ndim != 1:
        raise HotspotParameterInvalidError(
            f"Easting and northing must be two lists of the same length (got {x.shape} and {y.shape})."
        )
    keep = np.isfinite(x) & np.isfinite(y)
    if not keep.all():
        x, y = x[keep], y[keep]
    if x.size == 0 and bounds is None:
        raise HotspotPointsMissingError(
            "There are no records with coordinates to map. Widen the area, period or crime types."
        )
    if bounds is None:
        bounds = (float(x.min()), float(y.min()), float(x.max()), float(y.max()))
    min_x, min_y, max_x, max_y = bounds
    if not (max_x >= min_x and max_y >= min_y):
        raise HotspotParameterInvalidError(f"The area's bounds are inverted: {bounds}.")
    if cell_size is None:
        shorter = min(max_x - min_x, max_y - min_y)
        cell_size = max(MIN_CELL_SIZE, round(shorter / CELLS_ON_SHORTER_SIDE / 10.0) * 10.0)
    cell_size = float(cell_size)
    if not (cell_size >= MIN_CELL_SIZE and math.isfinite(cell_size)):
        raise HotspotParameterInvalidError(f"Cell size {cell_size:g} m is too small; use {MIN_CELL_SIZE:g} m or more.")
    x0 = math.floor(min_x / cell_size) * cell_size
    y0 = math.floor(min_y / cell_size) * cell_size
    cols = max(1, math.floor((max_x - x0) / cell_size) + 1)
    rows = max(1, math.floor((max_y - y0) / cell_size) + 1)
    if rows * cols > 20_000_000:
        raise HotspotParameterInvalidError(
            f"A {cell_size:g} m grid over this area has {rows * cols:,} cells (over 20 million); use larger cells."
        )
    counts = _bin(x, y, x0, y0, cell_size, rows, cols)
    return HotspotGrid(counts=counts, x0=x0, y0=y0, cell_size=cell_size)


def _bin(x: NDArray, y: NDArray, x0: float, y0: float, size: float, rows: int, cols: int) -> NDArray[np.int64]:
    """Counts of the points per cell of the frame, rows x cols; non-finite or outside points left out."""
    c = np.floor((x - x0) / size)
    r = np.floor((y - y0) / size)
    inside = (c >= 0) & (c < cols) & (r >= 0) & (r < rows)
    if not inside.all():
        c, r = c[inside], r[inside]
    index = r.astype(np.int64) * cols + c.astype(np.int64)
    return np.bincount(index, minlength=rows * cols).reshape(rows, cols).astype(np.int64, copy=False)
