"""Kernel density estimate on a grid (sfhotspot's `hotspot_kde`; the kernel and bandwidth rule of ArcGIS Pro).

Kernel: the quartic (biweight) kernel of Silverman (1986, eq. 4.5), K(d) = 3 / (pi h^2) (1 - d^2/h^2)^2 for
d < h, evaluated at each cell centre. Default bandwidth h (ArcGIS Pro's "Kernel Density" rule, a spatial
form of Silverman's rule of thumb): h = 0.9 min(SD, sqrt(1 / ln 2) Dm) n^-0.2, where SD is the standard
distance of the points, Dm their median distance from the mean centre and n their number. Density is in
points per square kilometre, so the sum over cells times the cell area (km^2) is close to the number of points
(less what falls beyond the grid's edge).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safer.intelligence.hotspots.errors import (
    HotspotParameterInvalidError,
    HotspotPointsMissingError,
    HotspotPointsTooFewError,
)
from safer.intelligence.hotspots.grid import HotspotGrid, hotspot_grid

# Past this many cells under one kernel the user asked for a bandwidth far wider than the cells.
MAX_KERNEL_CELLS = 40_000


@dataclass(frozen=True)
class KdeResult:
    """density[row, col]: points per km^2 at each cell centre of `grid`; bandwidth in metres and how it was set
    ("rule" or "user")."""

    grid: HotspotGrid
    density: NDArray[np.float64]
    bandwidth: float
    bandwidth_source: str

    def columns(self) -> dict[str, NDArray]:
        """Documented columns, one row per cell: cell_x, cell_y, count, density (points per km^2)."""
        cols = self.grid.columns()
        cols["density"] = self.density.ravel()
        return cols


def hotspot_kde(
    *,
    easting: ArrayLike,
    northing: ArrayLike,
    cell_size: float | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    bandwidth: float | None = None,
) -> KdeResult:
    """Quartic-kernel density of the points at every cell centre; bandwidth from the rule above unless given."""
    x = np.asarray(easting, dtype=np.float64)
    y = np.asarray(northing, dtype=np.float64)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if x.size == 0:
        raise HotspotPointsMissingError("There are no records with coordinates to map. Widen the area or period.")
    grid = hotspot_grid(easting=x, northing=y, cell_size=cell_size, bounds=bounds)
    source = "user"
    if bandwidth is None:
        bandwidth = _bandwidth_rule(x, y)
        source = "rule"
    h = float(bandwidth)
    if not (math.isfinite(h) and h > 0):
        raise HotspotParameterInvalidError(f"Bandwidth {bandwidth!r} m must be a positive number of metres.")
    reach = int(math.ceil(h / grid.cell_size)) + 1
    if (2 * reach + 1) ** 2 > MAX_KERNEL_CELLS:
        raise HotspotParameterInvalidError(
            f"A {h:g} m bandwidth spans too many {grid.cell_size:g} m cells; use larger cells or a smaller bandwidth."
        )
    # Records share locations (police.uk snaps them to map points): each distinct location is computed once.
    points, weight = np.unique(np.column_stack([x, y]), axis=0, return_counts=True)
    px, py = points[:, 0], points[:, 1]
    rows, cols = grid.shape
    pc = np.floor((px - grid.x0) / grid.cell_size).astype(np.int64)
    pr = np.floor((py - grid.y0) / grid.cell_size).astype(np.int64)
    density = np.zeros(rows * cols)
    scale = 3.0 / (math.pi * h * h) * 1e6  # per m^2 -> per km^2
    for dr in range(-reach, reach + 1):
        r = pr + dr
        cy = grid.y0 + (r + 0.5) * grid.cell_size
        for dc in range(-reach, reach + 1):
            c = pc + dc
            cx = grid.x0 + (c + 0.5) * grid.cell_size
            u = ((cx - px) ** 2 + (cy - py) ** 2) / (h * h)
            hit = (u < 1) & (r >= 0) & (r < rows) & (c >= 0) & (c < cols)
            if hit.any():
                density += np.bincount(
                    r[hit] * cols + c[hit], weights=weight[hit] * (1 - u[hit]) ** 2, minlength=rows * cols
                )
    return KdeResult(grid=grid, density=(density * scale).reshape(rows, cols), bandwidth=h, bandwidth_source=source)


def _bandwidth_rule(x: NDArray, y: NDArray) -> float:
    """ArcGIS Pro's default search radius: 0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2 (metres)."""
    n = x.size
    dx, dy = x - x.mean(), y - y.mean()
    distance = np.sqrt(dx * dx + dy * dy)
    sd = math.sqrt(float((distance**2).sum()) / n)
    dm = float(np.median(distance))
    h = 0.9 * min(sd, math.sqrt(1 / math.log(2)) * dm) * n**-0.2
    if not h > 0:
        raise HotspotPointsTooFewError(
            f"The {n} records are all at one place, so no bandwidth can be chosen; set one in metres."
        )
    return h
