"""Getis-Ord Gi* hot and cold spots on a grid, with a false discovery rate correction (sfhotspot's `hotspot_gistar`).

Weights are binary: a cell's neighbourhood is itself and every cell within `neighbour_cells` rows and columns
(the queen neighbourhood for 1), restricted to cells inside the area's `mask`. The statistic is the
standardised Gi* of Getis and Ord (1995), the same z as PySAL esda `G_Local(star=True, transform="B")`:

    z_i = (sum_j w_ij x_j - xbar W_i) / (s sqrt((n W_i - W_i^2) / (n - 1))),   W_i = sum_j w_ij,

with xbar and s (population standard deviation) over the n cells in the mask. Two-sided p-values from the
normal distribution, adjusted by Benjamini-Hochberg across the cells in the mask.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPointsTooFewError
from safer.intelligence.hotspots.fdr import fdr_adjust
from safer.intelligence.hotspots.grid import HotspotGrid
from safer.intelligence.hotspots.window import window_sum

# Fewer cells than this cannot give a meaningful Gi*: the neighbourhood would be most of the area.
MIN_CELLS = 30
# Confidence bins as ArcGIS and sfhotspot report them: 3 = 99%, 2 = 95%, 1 = 90% hot; negatives cold.
_BIN_LEVELS = ((0.01, 3), (0.05, 2), (0.10, 1))


@dataclass(frozen=True)
class GistarResult:
    """Gi* per cell, arrays shaped like the grid; NaN / 0 outside the mask.

    z: Gi* z-score; p: two-sided p-value; p_adjusted: Benjamini-Hochberg q-value (equal to p when fdr=False);
    bin: -3..3 confidence bin from p_adjusted (3 = hot at 99%, 2 = 95%, 1 = 90%, 0 = not significant,
    negatives cold); hot / cold: significant at `alpha` after adjustment.
    """

    grid: HotspotGrid
    z: NDArray[np.float64]
    p: NDArray[np.float64]
    p_adjusted: NDArray[np.float64]
    bin: NDArray[np.int8]
    alpha: float
    neighbour_cells: int

    @property
    def hot(self) -> NDArray[np.bool_]:
        """Cells that are significant hot spots at `alpha`."""
        return (self.p_adjusted < self.alpha) & (self.z > 0)

    @property
    def cold(self) -> NDArray[np.bool_]:
        """Cells that are significant cold spots at `alpha`."""
        return (self.p_adjusted < self.alpha) & (self.z < 0)

    def columns(self) -> dict[str, NDArray]:
        """Documented columns, one row per cell: cell_x, cell_y, count, gistar_z, p_value, p_adjusted, bin."""
        cols = self.grid.columns()
        cols.update(
            gistar_z=self.z.ravel(), p_value=self.p.ravel(), p_adjusted=self.p_adjusted.ravel(), bin=self.bin.ravel()
        )
        return cols


def hotspot_gistar(
    *,
    grid: HotspotGrid,
    mask: NDArray[np.bool_] | None = None,
    neighbour_cells: int = 1,
    alpha: float = 0.05,
    fdr: bool = True,
) -> GistarResult:
    """Gi* z-score, p-value and FDR-adjusted p-value of every cell of `grid` inside `mask` (default: all)."""
    if not (isinstance(neighbour_cells, int) and 1 <= neighbour_cells <= 50):
        raise HotspotParameterInvalidError(f"Neighbourhood of {neighbour_cells!r} cells: use a whole number 1 to 50.")
    if not 0 < alpha < 1:
        raise HotspotParameterInvalidError(f"Significance level {alpha!r} must be between 0 and 1, e.g. 0.05.")
    counts = grid.counts
    if mask is None:
        inside = np.ones(counts.shape, dtype=bool)
    else:
        inside = np.asarray(mask, dtype=bool)
        if inside.shape != counts.shape:
            raise HotspotParameterInvalidError(f"Mask shape {inside.shape} differs from the grid's {counts.shape}.")
    x = np.where(inside, counts, 0).astype(np.float64)
    n = int(inside.sum())
    if n < MIN_CELLS:
        raise HotspotPointsTooFewError(
            f"The area has {n} grid cells; Gi* needs at least {MIN_CELLS}. Use a smaller cell size or a larger area."
        )
    total = float(x.sum())
    xbar = total / n
    variance = float((x * x).sum()) / n - xbar * xbar
    if total == 0 or variance <= 0:
        raise HotspotPointsTooFewError(
            f"All {n} cells hold the same count ({xbar:g}), so there are no hot or cold spots to find. "
            "Widen the period or crime types, or use a smaller cell size."
        )
    s = np.sqrt(variance)
    lag = window_sum(x, neighbour_cells)
    if mask is None:
        # Every cell is in: the neighbourhood size is (cells in reach along the column) x (along the row).
        rows, cols = counts.shape
        k = neighbour_cells
        along_r = np.minimum(np.arange(rows) + k, rows - 1) - np.maximum(np.arange(rows) - k, 0) + 1
        along_c = np.minimum(np.arange(cols) + k, cols - 1) - np.maximum(np.arange(cols) - k, 0) + 1
        weights = np.outer(along_r, along_c).astype(np.float64)
    else:
        weights = window_sum(inside.astype(np.float64), neighbour_cells)
    spread = np.sqrt(np.maximum(n * weights - weights * weights, 0.0) / (n - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (lag - xbar * weights) / (s * spread)
    z[~inside] = np.nan
    p = 2.0 * ndtr(-np.abs(z))
    p_adjusted = fdr_adjust(p) if fdr else p.copy()
    bins = np.zeros(counts.shape, dtype=np.int8)
    sign = np.sign(np.nan_to_num(z)).astype(np.int8)
    for level, value in reversed(_BIN_LEVELS):
        bins[p_adjusted < level] = value
    bins *= sign
    return GistarResult(
        grid=grid, z=z, p=p, p_adjusted=p_adjusted, bin=bins, alpha=alpha, neighbour_cells=neighbour_cells
    )
