"""More map layers on the scope's grid: kernel density, emerging hot spots over monthly slices, and the change of
Gi* hot spots between the comparison period and the period.

The analysis is the pure `safer.intelligence.hotspots` package (rules in docs/hotspots.md); this module gathers
the records through `hotspot_figures` (same area, grid and cell size as the Gi* layer) and shapes table rows.
"""

from __future__ import annotations

import numpy as np

from safer.intelligence.dashboard.figures import Row, Scope
from safer.intelligence.dashboard.hotspot_figures import (
    AreaGrid,
    AreaPoints,
    area_bounds,
    area_grid,
    area_points,
    cell_row,
    hotspot_settings,
    to_wgs84_points,
)
from safer.intelligence.hotspots.change import CHANGES, hotspot_change
from safer.intelligence.hotspots.emerging import PATTERNS, hotspot_emerging
from safer.intelligence.hotspots.errors import HotspotError
from safer.intelligence.hotspots.gistar import hotspot_gistar
from safer.intelligence.hotspots.grid import HotspotGrid
from safer.intelligence.hotspots.kde import hotspot_kde
from safer.intelligence.warehouse import WarehouseReader

# The density table lists this many of the densest cells (the GeoJSON layer holds the same rows).
KDE_MAX_ROWS = 1000
BANDWIDTH_SOURCES = {"rule": "ArcGIS Pro default rule", "user": "set by the user"}
_PATTERN_ORDER = {
    f"{p} {kind} spot": k
    for kind in ("hot", "cold")
    for k, p in enumerate(PATTERNS, start=len(PATTERNS) * (kind == "cold"))
}


def _synthetic_counts(grid: HotspotGrid, points: AreaPoints) -> np.ndarray:
    """Synthetic records per cell (flattened like the grid)."""
    return grid.binned(easting=points.x[points.synthetic], northing=points.y[points.synthetic]).counts.ravel()


def _rows(grid: HotspotGrid, chosen: np.ndarray, build: object) -> list[Row]:
    """One row per chosen cell: the cell's location columns, then `build(i)`'s."""
    x, y = grid.centres()
    lon, lat = to_wgs84_points(x[chosen], y[chosen])
    return [{**cell_row(grid, i, lon[k], lat[k]), **build(i)} for k, i in enumerate(chosen.tolist())]  # type: ignore[operator]


def _prepared(con: WarehouseReader, scope: Scope) -> tuple[AreaPoints, AreaGrid] | None:
    points = area_points(con, scope)
    layout = area_grid(con, scope)
    if points.x.size == 0 or layout is None:
        return None
    return points, layout


def kde_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Kernel density (quartic kernel, records per km²) at the centre of each grid cell inside the area, densest
    first; the bandwidth is the user's or ArcGIS Pro's default rule (docs/hotspots.md)."""
    prepared = _prepared(con, scope)
    if prepared is None:
        return []
    points, layout = prepared
    bounds, _ = area_bounds(con, scope.area)
    cell_size, bandwidth = hotspot_settings(scope)
    try:
        result = hotspot_kde(
            easting=points.x, northing=points.y, cell_size=cell_size, bounds=bounds, bandwidth=bandwidth
        )
    except HotspotError:
        return []
    density = np.where(layout.inside, result.density, 0.0).ravel()
    chosen = np.flatnonzero(density > 0)
    chosen = chosen[np.argsort(-density[chosen], kind="stable")][:KDE_MAX_ROWS]
    counts = result.grid.counts.ravel()
    fake = _synthetic_counts(result.grid, points)
    return _rows(
        result.grid,
        chosen,
        lambda i: {
            "count": int(counts[i]),
            "density": round(float(density[i]), 2),
            "bandwidth": round(result.bandwidth),
            "bandwidth_source": BANDWIDTH_SOURCES[result.bandwidth_source],
            "synthetic_records": int(fake[i]),
        },
    )


def emerging_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Emerging hot and cold spot patterns per cell over monthly time slices of the period (the months that hold
    records), by Gi* in each month and a Mann-Kendall trend; cells with no pattern are left out."""
    prepared = _prepared(con, scope)
    if prepared is None:
        return []
    points, layout = prepared
    months, slice_of = np.unique(points.month, return_inverse=True)
    if months.size < 3:
        return []
    bounds, _ = area_bounds(con, scope.area)
    cell_size, _ = hotspot_settings(scope)
    try:
        result = hotspot_emerging(
            easting=points.x,
            northing=points.y,
            time_slice=slice_of,
            slices=int(months.size),
            cell_size=cell_size,
            bounds=bounds,
            mask=layout.inside,
        )
    except HotspotError:
        return []
    columns = result.columns()
    pattern = columns["pattern"]
    chosen = np.flatnonzero([p is not None and p != "no pattern" for p in pattern])
    chosen = np.array(
        sorted(chosen.tolist(), key=lambda i: (_PATTERN_ORDER[str(pattern[i])], -int(columns["count"][i]), i)),
        dtype=np.int64,
    )
    fake = _synthetic_counts(result.grid, points)
    return _rows(
        result.grid,
        chosen,
        lambda i: {
            "pattern": str(pattern[i]).capitalize(),
            "count": int(columns["count"][i]),
            "slices": int(months.size),
            "hot_slices": int(columns["hot_slices"][i]),
            "cold_slices": int(columns["cold_slices"][i]),
            "trend_z": round(float(columns["trend_z"][i]), 3),
            "trend_p": float(f"{columns['trend_p'][i]:.3g}"),
            "synthetic_records": int(fake[i]),
        },
    )


def change_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Gi* hot spots of the comparison period against the period on the same grid: cells that emerged,
    persisted or faded (FDR-adjusted, alpha 0.05)."""
    prepared = _prepared(con, scope)
    if prepared is None:
        return []
    after_points, layout = prepared
    before_points = area_points(con, scope, compare=True)
    if before_points.x.size == 0:
        return []
    before_grid = layout.frame.binned(easting=before_points.x, northing=before_points.y)
    after_grid = layout.frame.binned(easting=after_points.x, northing=after_points.y)
    try:
        result = hotspot_change(
            before=hotspot_gistar(grid=before_grid, mask=layout.inside),
            after=hotspot_gistar(grid=after_grid, mask=layout.inside),
        )
    except HotspotError:
        return []
    columns = result.columns()
    change = columns["change"]
    order = {name: k for k, name in enumerate(CHANGES)}
    chosen = np.flatnonzero(change != "")
    chosen = np.array(
        sorted(chosen.tolist(), key=lambda i: (order[str(change[i])], -int(columns["count_after"][i]), i)),
        dtype=np.int64,
    )
    fake = _synthetic_counts(after_grid, after_points) + _synthetic_counts(before_grid, before_points)
    return _rows(
        after_grid,
        chosen,
        lambda i: {
            "change": str(change[i]).capitalize(),
            "compare_count": int(columns["count_before"][i]),
            "period_count": int(columns["count_after"][i]),
            "compare_z": round(float(columns["z_before"][i]), 3),
            "period_z": round(float(columns["z_after"][i]), 3),
            "synthetic_records": int(fake[i]),
        },
    )
