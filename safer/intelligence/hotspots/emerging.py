"""Emerging hot spot analysis: Gi* in each time slice and a Mann-Kendall trend per cell, classified as in ArcGIS.

The categories and the rules are written out in docs/hotspots.md (section "Emerging hot spots"); the code
below follows them in the order given there, for hot spots and, mirrored, for cold spots.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.hotspots.errors import HotspotParameterInvalidError, HotspotPeriodNoDataError
from safer.intelligence.hotspots.gistar import hotspot_gistar
from safer.intelligence.hotspots.grid import HotspotGrid, hotspot_grid
from safer.intelligence.hotspots.trend import trend_mann_kendall

PATTERNS = ("new", "consecutive", "intensifying", "persistent", "diminishing", "sporadic", "oscillating", "historical")
# Share of slices that makes a cell "mostly" a hot spot (ArcGIS's ninety per cent).
MOSTLY = 0.9


@dataclass(frozen=True)
class EmergingResult:
    """Per cell (arrays shaped like the grid): pattern ("new hot spot", ..., "no pattern"), trend_z and
    trend_p (Mann-Kendall of the cell's Gi* z-scores over the slices), hot_slices and cold_slices (counts),
    z (slices x rows x cols Gi* z-scores)."""

    grid: HotspotGrid
    pattern: NDArray[np.object_]
    trend_z: NDArray[np.float64]
    trend_p: NDArray[np.float64]
    hot_slices: NDArray[np.int64]
    cold_slices: NDArray[np.int64]
    z: NDArray[np.float64]

    def columns(self) -> dict[str, NDArray]:
        """Documented columns, one row per cell: cell_x, cell_y, count, pattern, trend_z, trend_p, hot_slices,
        cold_slices."""
        cols = self.grid.columns()
        cols.update(
            pattern=self.pattern.ravel(),
            trend_z=self.trend_z.ravel(),
            trend_p=self.trend_p.ravel(),
            hot_slices=self.hot_slices.ravel(),
            cold_slices=self.cold_slices.ravel(),
        )
        return cols


def hotspot_emerging(
    *,
    easting: ArrayLike,
    northing: ArrayLike,
    time_slice: ArrayLike,
    slices: int,
    cell_size: float | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    mask: NDArray[np.bool_] | None = None,
    neighbour_cells: int = 1,
    alpha: float = 0.05,
) -> EmergingResult:
    """Classify every cell by how its Gi* hot/cold status changed over `slices` time slices.

    `time_slice` gives each point's slice, 0 (earliest) to slices - 1 (latest); every slice must hold records.
    """
    x = np.asarray(easting, dtype=np.float64)
    y = np.asarray(northing, dtype=np.float64)
    t = np.asarray(time_slice)
    if not 3 <= slices <= 120:
        raise HotspotParameterInvalidError(f"Emerging hot spots need 3 to 120 time slices (got {slices}).")
    if t.shape != x.shape:
        raise HotspotParameterInvalidError("Every point needs a time slice (the lists differ in length).")
    if t.size and (t.min() < 0 or t.max() >= slices):
        raise HotspotParameterInvalidError(f"Time slices must run from 0 to {slices - 1}.")
    whole = hotspot_grid(easting=x, northing=y, cell_size=cell_size, bounds=bounds)
    per_slice = np.bincount(t.astype(np.int64), minlength=slices)
    empty = np.flatnonzero(per_slice == 0)
    if empty.size:
        raise HotspotPeriodNoDataError(
            f"Time slice {int(empty[0]) + 1} of {slices} holds no records; shorten the period or use fewer slices."
        )
    zs = np.empty((slices, *whole.shape))
    hot_history = np.empty((slices, *whole.shape), dtype=bool)
    cold_history = np.empty((slices, *whole.shape), dtype=bool)
    for k in range(slices):
        chosen = t == k
        grid = whole.binned(easting=x[chosen], northing=y[chosen])
        result = hotspot_gistar(grid=grid, mask=mask, neighbour_cells=neighbour_cells, alpha=alpha)
        zs[k] = result.z
        hot_history[k] = result.hot
        cold_history[k] = result.cold
    hot = hot_history.sum(axis=0)
    cold = cold_history.sum(axis=0)
    trend = trend_mann_kendall(np.nan_to_num(zs).reshape(slices, -1).T)
    trend_z = trend.z.reshape(whole.shape)
    trend_p = trend.p.reshape(whole.shape)
    pattern = np.full(whole.shape, "no pattern", dtype=object)
    for kind, mine, other, rising in (("hot", hot_history, cold_history, 1), ("cold", cold_history, hot_history, -1)):
        labels = _classify(mine, other, trend_z * rising, trend_p, alpha)
        chosen = labels != ""
        pattern[chosen] = np.char.add(labels[chosen].astype(str), f" {kind} spot").astype(object)
    if mask is not None:
        pattern[~np.asarray(mask, dtype=bool)] = None
    return EmergingResult(
        grid=whole, pattern=pattern, trend_z=trend_z, trend_p=trend_p, hot_slices=hot, cold_slices=cold, z=zs
    )


def _classify(
    mine: NDArray[np.bool_], other: NDArray[np.bool_], rising_z: NDArray, trend_p: NDArray, alpha: float
) -> NDArray:
    """Pattern name per cell for one kind (hot or cold): `mine` is that kind's history (slices x cells)."""
    slices = mine.shape[0]
    share = mine.sum(axis=0) / slices
    last = mine[-1]
    # Length of the run of significant slices that ends at the final slice.
    run = np.zeros(mine.shape[1:], dtype=np.int64)
    open_run = np.ones(mine.shape[1:], dtype=bool)
    for k in range(slices - 1, -1, -1):
        open_run &= mine[k]
        run += open_run
    before_run = mine.sum(axis=0) - run
    ever_other = other[:-1].any(axis=0)
    mostly = share >= MOSTLY
    significant_trend = trend_p < alpha
    labels = np.full(mine.shape[1:], "", dtype="<U12")
    rules = (
        ("new", last & (run == 1) & (before_run == 0)),
        ("consecutive", last & (run >= 2) & (before_run == 0) & ~mostly),
        ("intensifying", last & mostly & significant_trend & (rising_z > 0)),
        ("diminishing", last & mostly & significant_trend & (rising_z < 0)),
        ("persistent", last & mostly),
        ("oscillating", last & ~mostly & ever_other),
        ("sporadic", last & ~mostly),
        ("historical", ~last & mostly),
    )
    for name, rule in rules:
        labels[(labels == "") & rule] = name
    return labels
