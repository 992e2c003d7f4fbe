"""The map's layers on the scope's grid: Gi* hot and cold spots, kernel density, emerging hot spots over monthly
slices, and the change of Gi* hot spots between the comparison period and the period.

The analysis is the pure `safer.intelligence.hotspots` package (rules in docs/hotspots.md); this module gathers
the records through `hotspot_figures` (same area, grid and cell size for every layer) and shapes table rows.

Each layer is computed once per warehouse version and request parameters and kept in Django's cache
(`figures.warehouse_cached`): the map page (its tables), its data.json and the GeoJSON downloads then share one
computation. A layer with no rows carries the reason (`GridLayer.reason`), e.g. too few grid cells for Gi*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from safer.intelligence.dashboard.figures import Row, Scope, scope_key, warehouse_cached
from safer.intelligence.dashboard.hotspot_figures import (
    CONFIDENCE,
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
    return [
        {**cell_row(grid, x[i], y[i], lon[k], lat[k]), **build(i)}  # type: ignore[operator]
        for k, i in enumerate(chosen.tolist())
    ]


@dataclass(frozen=True)
class GridLayer:
    """One map layer's table rows, and why it has none ("" when it has rows)."""

    rows: list[Row]
    reason: str = ""


NO_GRID_REASON = "Grid layers are not drawn for a custom area: choose a district, county, force or LSOA."
NO_POINTS_REASON = "No records with a location in this area, period and crime type."
NO_CELLS_REASON = "No grid cell is significant at 90% or more after the false discovery rate correction."


class _Empty(Exception):
    """A layer has no rows, for the reason given."""


def _prepared(con: WarehouseReader, scope: Scope) -> tuple[AreaPoints, AreaGrid]:
    layout = area_grid(con, scope)
    if layout is None:
        raise _Empty(NO_GRID_REASON)
    points = area_points(con, scope)
    if points.x.size == 0:
        raise _Empty(NO_POINTS_REASON)
    return points, layout


def _gistar_rows(con: WarehouseReader, scope: Scope) -> list[Row]:
    points, layout = _prepared(con, scope)
    grid = layout.frame.binned(easting=points.x, northing=points.y)
    result = hotspot_gistar(grid=grid, mask=layout.inside)
    fake = _synthetic_counts(grid, points)
    columns = result.columns()
    chosen = np.flatnonzero(columns["bin"] != 0)
    chosen = chosen[np.argsort(-columns["gistar_z"][chosen], kind="stable")]  # hottest first
    if chosen.size == 0:
        raise _Empty(NO_CELLS_REASON)
    return _rows(
        grid,
        chosen,
        lambda i: {
            "confidence": CONFIDENCE[int(columns["bin"][i])],
            "count": int(columns["count"][i]),
            "gistar_z": round(float(columns["gistar_z"][i]), 3),
            "p_adjusted": float(f"{columns['p_adjusted'][i]:.3g}"),
            "synthetic_records": int(fake[i]),
        },
    )


def _kde_rows(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Kernel density (quartic kernel, records per km²) at the centre of each grid cell inside the area, densest
    first; the bandwidth is the user's or ArcGIS Pro's default rule (docs/hotspots.md)."""
    points, layout = _prepared(con, scope)
    bounds, _ = area_bounds(con, scope.area)
    cell_size, bandwidth = hotspot_settings(scope)
    result = hotspot_kde(easting=points.x, northing=points.y, cell_size=cell_size, bounds=bounds, bandwidth=bandwidth)
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


def _emerging_rows(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Emerging hot and cold spot patterns per cell over monthly time slices of the period (the months that hold
    records), by Gi* in each month and a Mann-Kendall trend; cells with no pattern are left out."""
    points, layout = _prepared(con, scope)
    months, slice_of = np.unique(points.month, return_inverse=True)
    if months.size < 3:
        raise _Empty(
            f"Emerging hot spots need at least 3 months with records (one time slice each); this period has "
            f"{months.size}. Choose a longer period."
        )
    bounds, _ = area_bounds(con, scope.area)
    cell_size, _ = hotspot_settings(scope)
    result = hotspot_emerging(
        easting=points.x,
        northing=points.y,
        time_slice=slice_of,
        slices=int(months.size),
        cell_size=cell_size,
        bounds=bounds,
        mask=layout.inside,
    )
    columns = result.columns()
    pattern = columns["pattern"]
    chosen = np.flatnonzero([p is not None and p != "no pattern" for p in pattern])
    if chosen.size == 0:
        raise _Empty(f"No grid cell shows an emerging hot or cold spot pattern over the {months.size} months.")
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


def _change_rows(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Gi* hot spots of the comparison period against the period on the same grid: cells that emerged,
    persisted or faded (FDR-adjusted, alpha 0.05)."""
    after_points, layout = _prepared(con, scope)
    before_points = area_points(con, scope, compare=True)
    if before_points.x.size == 0:
        raise _Empty(
            f"No records with a location in the comparison period ({scope.compare.label}) to compare with. "
            "Choose another comparison period."
        )
    before_grid = layout.frame.binned(easting=before_points.x, northing=before_points.y)
    after_grid = layout.frame.binned(easting=after_points.x, northing=after_points.y)
    try:
        before = hotspot_gistar(grid=before_grid, mask=layout.inside)
    except HotspotError as error:
        raise _Empty(f"Comparison period ({scope.compare.label}): {error}") from None
    result = hotspot_change(before=before, after=hotspot_gistar(grid=after_grid, mask=layout.inside))
    columns = result.columns()
    change = columns["change"]
    order = {name: k for k, name in enumerate(CHANGES)}
    chosen = np.flatnonzero(change != "")
    if chosen.size == 0:
        raise _Empty("No grid cell is a hot spot (false discovery rate 5%) in either period.")
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


_LAYERS: dict[str, Callable[[WarehouseReader, Scope], list[Row]]] = {
    "hotspots": _gistar_rows,
    "kde": _kde_rows,
    "emerging": _emerging_rows,
    "change": _change_rows,
}


def _compute(con: WarehouseReader, scope: Scope, name: str) -> GridLayer:
    try:
        return GridLayer(rows=_LAYERS[name](con, scope))
    except _Empty as empty:
        return GridLayer(rows=[], reason=str(empty))
    except HotspotError as error:  # too few cells or slices, no variation, ...: the analysis says why
        return GridLayer(rows=[], reason=str(error))


def grid_layer(con: WarehouseReader, scope: Scope, name: str) -> GridLayer:
    """The layer `name` (hotspots, kde, emerging, change) for the scope: computed once per warehouse version and
    request parameters (area, periods, crime type, cell size, bandwidth, time window), then read from Django's
    cache, so the map page, its data and the downloads share one computation."""
    parameters = ("grid_layer", name, *scope_key(scope, compare=True))
    return warehouse_cached(con, parameters, lambda: _compute(con, scope, name))


def hotspot_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Getis-Ord Gi* hot and cold spot cells (FDR-adjusted, 90% or more) on the scope's grid over the area,
    hottest first. The grid covers the area's LSOAs (cells whose centre is outside them are not part of the
    analysis); the cell size is the user's, or gives about 50 cells on the shorter side."""
    return grid_layer(con, scope, "hotspots").rows


def kde_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Kernel density (quartic kernel, records per km²) at the centre of each grid cell inside the area, densest
    first; the bandwidth is the user's or ArcGIS Pro's default rule (docs/hotspots.md)."""
    return grid_layer(con, scope, "kde").rows


def emerging_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Emerging hot and cold spot patterns per cell over monthly time slices of the period (the months that hold
    records), by Gi* in each month and a Mann-Kendall trend; cells with no pattern are left out."""
    return grid_layer(con, scope, "emerging").rows


def change_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Gi* hot spots of the comparison period against the period on the same grid: cells that emerged,
    persisted or faded (FDR-adjusted, alpha 0.05)."""
    return grid_layer(con, scope, "change").rows
