"""Map and hotspot figures for a dashboard Scope: LSOA polygons with class breaks, district outlines, Gi* cells.

The analysis is the pure `safer.intelligence.hotspots` package; this module only gathers the records and
boundaries of the area from the warehouse and shapes rows and GeoJSON for the page, exports and `safer table`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from safer.geography.boundaries import BOUNDARY_ATTRIBUTION, Boundaries, boundaries_load
from safer.intelligence.dashboard.areas import Area
from safer.intelligence.dashboard.figures import (
    _COLUMN_FOR_KIND,
    Row,
    Scope,
    _crime_type_filter,
    _location_filter,
    map_lsoas,
    scope_key,
    warehouse_cached,
)
from safer.intelligence.dashboard.periods import Period
from safer.intelligence.hotspots.breaks import METHODS, breaks_classify
from safer.intelligence.hotspots.errors import HotspotParameterInvalidError
from safer.intelligence.hotspots.grid import CELLS_ON_SHORTER_SIDE, MIN_CELL_SIZE, HotspotGrid, hotspot_grid
from safer.intelligence.hotspots.kde import MAX_KERNEL_CELLS
from safer.intelligence.patterns.nte import PRESETS, NightWindow
from safer.intelligence.warehouse import WarehouseReader

_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
_AREA_COLUMN = {"lsoa": "lsoa_code", "district": "lad_code", "county": "county_name", "force": "pfa_name"}
CONFIDENCE = {
    3: "Hot spot, 99%",
    2: "Hot spot, 95%",
    1: "Hot spot, 90%",
    -1: "Cold spot, 90%",
    -2: "Cold spot, 95%",
    -3: "Cold spot, 99%",
}


def area_lsoa_codes(con: WarehouseReader, area: Area) -> list[str]:
    """The 2011 LSOA codes making up an area (none for a custom area)."""
    column = _AREA_COLUMN.get(area.kind)
    if column is None:
        return []
    rows = con.tuples(f"SELECT lsoa_code FROM lsoa WHERE {column} = ? ORDER BY lsoa_code", [area.code])  # noqa: S608
    return [r[0] for r in rows]


def _to_wgs84(geometries: np.ndarray) -> np.ndarray:
    return shapely.transform(geometries, lambda xy: np.column_stack(_TO_WGS84.transform(xy[:, 0], xy[:, 1])))


def _feature(geometry: shapely.Geometry, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": shapely.geometry.mapping(geometry)}


@lru_cache(maxsize=64)
def _outlines(level: str, codes: tuple[str, ...], tolerance: float) -> tuple[tuple[str, dict[str, Any]], ...]:
    """(code, GeoJSON geometry in WGS84) of the simplified boundaries, kept per process: boundaries never change
    while it runs, and simplifying and projecting them is a large part of a map request. Read-only results."""
    chosen = boundaries_load(level).select(list(codes))
    shapes = _to_wgs84(shapely.simplify(chosen.polygons, tolerance))
    return tuple(
        (code, shapely.geometry.mapping(shape)) for code, shape in zip(chosen.codes.tolist(), shapes, strict=True)
    )


def _geometry_feature(geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def map_lsoa_shapes(con: WarehouseReader, scope: Scope) -> dict[str, Any]:
    """GeoJSON of the area's LSOA polygons (WGS84) with records and rate, and class breaks for each measure
    (quantiles, equal, jenks; 5 classes) for the page's legend (computed once per warehouse version, area,
    period and crime type)."""
    parameters = ("map_lsoa_shapes", *scope_key(scope, filters=("crime_type",)))
    return warehouse_cached(con, parameters, lambda: _map_lsoa_shapes(con, scope))


def _map_lsoa_shapes(con: WarehouseReader, scope: Scope) -> dict[str, Any]:
    codes = area_lsoa_codes(con, scope.area)
    rows = {row["lsoa_code"]: row for row in map_lsoas(con, scope)}
    features = []
    for code, shape in _outlines("lsoa", tuple(sorted(codes)), 5.0):
        row = rows.get(code, {})
        features.append(
            _geometry_feature(
                shape,
                {
                    "lsoa_code": code,
                    "lsoa_name": row.get("lsoa_name") or code,
                    "count": row.get("count") or 0,
                    "rate": row.get("rate"),
                },
            )
        )
    breaks = {}
    for measure in ("count", "rate"):
        values = [f["properties"][measure] for f in features if f["properties"][measure] is not None]
        breaks[measure] = {method: breaks_classify(values=values, method=method) for method in METHODS}
    return {"type": "FeatureCollection", "features": features, "breaks": breaks, "attribution": BOUNDARY_ATTRIBUTION}


def map_district_outlines(con: WarehouseReader, scope: Scope) -> dict[str, Any]:
    """GeoJSON of the outlines of the districts the area lies in (all of them for a county or force)."""
    parameters = ("map_district_outlines", scope.area.kind, scope.area.code)
    return warehouse_cached(con, parameters, lambda: _map_district_outlines(con, scope))


def _map_district_outlines(con: WarehouseReader, scope: Scope) -> dict[str, Any]:
    codes = area_lsoa_codes(con, scope.area)
    if not codes:
        return {"type": "FeatureCollection", "features": []}
    placeholders = ", ".join("?" for _ in codes)
    found = con.tuples(
        f"SELECT DISTINCT lad_code, lad_name FROM lsoa WHERE lsoa_code IN ({placeholders})",  # noqa: S608
        codes,
    )
    names = dict(found)
    return {
        "type": "FeatureCollection",
        "features": [
            _geometry_feature(shape, {"lad_code": code, "district": names[code]})
            for code, shape in _outlines("district", tuple(sorted(names)), 20.0)
        ],
    }


# On the web, a grid over an area may have at most this many cells (a user-set cell size is checked against it).
MAX_WEB_CELLS = 1_000_000
CELL_SIZE_RANGE = (10, 10_000)
BANDWIDTH_RANGE = (10, 50_000)


def hotspot_settings(scope: Scope) -> tuple[float | None, float | None]:
    """The user's grid cell size and kernel bandwidth in metres (None: automatic), from the scope's filters."""
    cell = scope.filters.get("cell_size")
    bandwidth = scope.filters.get("bandwidth")
    return (float(cell) if cell else None), (float(bandwidth) if bandwidth else None)


def area_bounds(con: WarehouseReader, area: Area) -> tuple[tuple[float, float, float, float] | None, Boundaries]:
    """The area's bounding box in BNG metres (None for a custom area) and its LSOA boundaries."""
    memo_key = ("hotspot_bounds", area.kind, area.code)
    found = con.memo.get(memo_key)
    if found is None:
        lsoas = boundaries_load("lsoa").select(area_lsoa_codes(con, area))
        bounds = None
        if lsoas.codes.size:
            x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(lsoas.polygons))
            bounds = (x0, y0, x1, y1)
        found = con.memo[memo_key] = (bounds, lsoas)
    return found  # type: ignore[no-any-return]


def hotspot_settings_check(con: WarehouseReader, *, area: Area, cell_size: str, bandwidth: str) -> dict[str, str]:
    """Check a user-set cell size and bandwidth (metres, text as typed) for an area; returns them cleaned.

    Raises HotspotParameterInvalidError naming the value and what to use instead; its `args[1]` is the field.
    """
    cleaned: dict[str, str] = {}
    for name, text, (low, high) in (
        ("cell_size", cell_size, CELL_SIZE_RANGE),
        ("bandwidth", bandwidth, BANDWIDTH_RANGE),
    ):
        text = (text or "").strip()
        if not text:
            continue
        label = "Cell size" if name == "cell_size" else "Bandwidth"
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not (value == value and low <= value <= high and value == int(value)):
            raise HotspotParameterInvalidError(
                f'{label} "{text[:20]}": give a whole number of metres from {low:,} to {high:,}, '
                "or leave it empty to have it chosen automatically.",
                name,
            )
        cleaned[name] = str(int(value))
    if not cleaned:  # nothing set: the map chooses both from the area (the area's bounds are not needed here)
        return cleaned
    bounds, _ = area_bounds(con, area)
    if bounds is None or "cell_size" not in cleaned:
        cell = None
    else:
        cell = float(cleaned["cell_size"])
        cells = (math.floor((bounds[2] - bounds[0]) / cell) + 2) * (math.floor((bounds[3] - bounds[1]) / cell) + 2)
        if cells > MAX_WEB_CELLS:
            smallest = math.ceil(math.sqrt((bounds[2] - bounds[0]) * (bounds[3] - bounds[1]) / MAX_WEB_CELLS) / 10) * 10
            raise HotspotParameterInvalidError(
                f"A {cell:g} m grid over {area.name} has about {cells:,} cells; the map allows up to "
                f"{MAX_WEB_CELLS:,}. Use a cell size of {smallest + 10:,} m or more, or a smaller area.",
                "cell_size",
            )
    if "bandwidth" in cleaned and bounds is not None:
        if cell is None:
            shorter = min(bounds[2] - bounds[0], bounds[3] - bounds[1])
            cell = max(MIN_CELL_SIZE, round(shorter / CELLS_ON_SHORTER_SIDE / 10.0) * 10.0)
        widest = math.floor((math.isqrt(MAX_KERNEL_CELLS) - 1) / 2 - 1) * cell
        if float(cleaned["bandwidth"]) > widest:
            raise HotspotParameterInvalidError(
                f"A {cleaned['bandwidth']} m bandwidth spans too many {cell:g} m cells; use at most {widest:,.0f} m, "
                "or larger cells.",
                "bandwidth",
            )
    return cleaned


@dataclass(frozen=True)
class AreaPoints:
    """Every record of the scope with a location (one entry per record): BNG easting and northing, month,
    and whether it is synthetic."""

    x: np.ndarray
    y: np.ndarray
    month: np.ndarray
    synthetic: np.ndarray

    def where(self, chosen: np.ndarray) -> AreaPoints:
        """The records where `chosen` is true."""
        return AreaPoints(self.x[chosen], self.y[chosen], self.month[chosen], self.synthetic[chosen])


def time_window(scope: Scope) -> NightWindow | None:
    """The time window the user chose (e.g. the night-time economy), or None for all times."""
    return PRESETS.get(scope.filters.get("window", ""))


def offence_source(area: Area, period: Period) -> tuple[str, str, list[Any]]:
    """(FROM, WHERE, params) of the offence-extract records (alias `o`) of an area and period."""
    params: list[Any] = [period.start, period.end]
    if area.kind == "custom":
        source = (
            "offence o JOIN custom_area_record r ON r.record_table = 'offence' AND r.record_id = o.record_id "
            "AND r.area_id = ?"
        )
        return source, "o.month BETWEEN ? AND ?", [int(area.code), *params]
    return "offence o", f"o.{_COLUMN_FOR_KIND[area.kind]} = ? AND o.month BETWEEN ? AND ?", [area.code, *params]


def window_where(window: NightWindow) -> str:
    """SQL condition: the offence's local time (Europe/London) is inside the window, as `pattern_in_window`
    decides (shifted back by the start hour, each night is one calendar day and its window the first hours)."""
    shifted = f"(timezone('Europe/London', o.occurred_at) - INTERVAL {int(window.start_hour)} HOUR)"
    nights = ", ".join(str(int(n) + 1) for n in window.nights)  # isodow: 1 = Monday
    length = (window.end_hour - window.start_hour) % 24 or 24
    return f"o.occurred_at IS NOT NULL AND isodow({shifted}) IN ({nights}) AND hour({shifted}) < {int(length)}"


def window_offences(
    con: WarehouseReader, scope: Scope, columns: str, *, compare: bool = False
) -> list[tuple[Any, ...]]:
    """Counts of the offence-extract records of the scope's area, period (or comparison period) and crime type
    inside the scope's time window, grouped by `columns` (SQL over alias `o`; a fixed list, never user input):
    rows of (*columns, records, synthetic records)."""
    window = time_window(scope)
    assert window is not None, "window_offences needs a time window in the scope"
    source, where, params = offence_source(scope.area, scope.compare if compare else scope.period)
    crime_type = scope.filters.get("crime_type")
    type_sql, type_params = ("AND o.policeuk_category = ?", [crime_type]) if crime_type else ("", [])
    return con.tuples(
        f"""SELECT {columns}, count(*), count(*) FILTER (WHERE o.synthetic)
            FROM {source} WHERE {where} {type_sql} AND {window_where(window)} GROUP BY ALL""",  # noqa: S608
        [*params, *type_params],
    )


def _window_points(con: WarehouseReader, scope: Scope, *, compare: bool) -> AreaPoints:
    """The offence-extract records with a location inside the scope's time window, as AreaPoints."""
    rows = window_offences(con, scope, "o.easting, o.northing, o.month", compare=compare)
    rows = [r for r in rows if r[0] is not None and r[1] is not None]
    return _points(
        np.array([r[0] for r in rows], dtype=np.float64),
        np.array([r[1] for r in rows], dtype=np.float64),
        np.array([r[2] for r in rows], dtype="datetime64[M]"),
        np.array([r[3] for r in rows], dtype=np.int64),
        np.array([r[4] for r in rows], dtype=np.int64),
    )


def _points(x: np.ndarray, y: np.ndarray, month: np.ndarray, n: np.ndarray, synthetic: np.ndarray) -> AreaPoints:
    """One entry per record from counts per place and month; per place and month its synthetic records first."""
    starts = np.repeat(np.cumsum(n) - n, n)
    flags = (np.arange(int(n.sum())) - starts) < np.repeat(synthetic, n)
    return AreaPoints(np.repeat(x, n), np.repeat(y, n), np.repeat(month, n), flags)


def _area_points(con: WarehouseReader, scope: Scope, *, start: date, end: date) -> AreaPoints:
    """The scope's records with a location in the months start..end (area and crime type as the scope)."""
    where, params = _location_filter(scope.area, con)
    type_sql, type_params = _crime_type_filter(scope)
    rows = con.tuples(
        f"""SELECT longitude, latitude, month, sum(n) AS n,
                   coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic
            FROM agg_crime_location a WHERE {where} AND month BETWEEN ? AND ? {type_sql} AND longitude IS NOT NULL
            GROUP BY longitude, latitude, month""",  # noqa: S608
        [*params, start, end, *type_params],
    )
    if not rows:
        empty = np.empty(0)
        return AreaPoints(empty, empty, np.empty(0, dtype="datetime64[M]"), np.empty(0, dtype=bool))
    lon = np.array([r[0] for r in rows], dtype=np.float64)
    lat = np.array([r[1] for r in rows], dtype=np.float64)
    month = np.array([r[2] for r in rows], dtype="datetime64[M]")
    n = np.array([r[3] for r in rows], dtype=np.int64)
    synthetic = np.array([r[4] for r in rows], dtype=np.int64)
    x, y = _TO_BNG.transform(lon, lat)
    return _points(np.asarray(x), np.asarray(y), month, n, synthetic)


def area_points(con: WarehouseReader, scope: Scope, *, compare: bool = False) -> AreaPoints:
    """The records with a location of the scope's period (or its comparison period), read once per request:
    police.uk's street records, or with a time window (night-time economy) the offence extract's records inside
    it (police.uk has months only)."""
    period = scope.compare if compare else scope.period
    key = (
        "hotspot_points",
        scope.area.kind,
        scope.area.code,
        period.start,
        period.end,
        scope.filters.get("crime_type"),
        scope.filters.get("window"),
    )
    found = con.memo.get(key)
    if not isinstance(found, AreaPoints):
        if time_window(scope) is not None:
            found = _window_points(con, scope, compare=compare)
        else:
            found = _area_points(con, scope, start=period.start, end=period.end)
        con.memo[key] = found
    return found


@dataclass(frozen=True)
class AreaGrid:
    """The grid over an area's LSOAs (empty of counts) and which cells have their centre inside them."""

    frame: HotspotGrid
    inside: np.ndarray


def area_grid(con: WarehouseReader, scope: Scope) -> AreaGrid | None:
    """The analysis grid of the scope: over the area's LSOAs, at the user's cell size or about 50 cells on the
    shorter side; None for an area without LSOA boundaries (a custom area)."""
    bounds, lsoas = area_bounds(con, scope.area)
    if bounds is None:
        return None
    cell_size, _ = hotspot_settings(scope)
    frame = hotspot_grid(easting=np.empty(0), northing=np.empty(0), bounds=bounds, cell_size=cell_size)
    cx, cy = frame.centres()
    inside = np.zeros(cx.size, dtype=bool)
    inside[shapely.STRtree(lsoas.polygons).query(shapely.points(cx, cy), predicate="intersects")[0]] = True
    return AreaGrid(frame=frame, inside=inside.reshape(frame.shape))


def cell_row(grid: HotspotGrid, x: float, y: float, lon: float, lat: float) -> Row:
    """The location columns every grid-cell table starts with, for the cell centred at (x, y)."""
    return {
        "cell_easting": int(x),
        "cell_northing": int(y),
        "cell_size": int(grid.cell_size),
        "latitude": round(float(lat), 5),
        "longitude": round(float(lon), 5),
    }


def to_wgs84_points(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of BNG points."""
    lon, lat = _TO_WGS84.transform(x, y)
    return np.asarray(lon), np.asarray(lat)


def hotspot_cells_geojson(rows: list[Row], reason: str = "") -> dict[str, Any]:
    """Grid-cell rows (any table starting with `cell_row`'s columns) as GeoJSON squares (WGS84), each with the
    row's columns as properties; with no rows, `reason` says why (a foreign member of the collection)."""
    if not rows:
        return {"type": "FeatureCollection", "features": [], "reason": reason}
    x = np.array([row["cell_easting"] for row in rows], dtype=np.float64)
    y = np.array([row["cell_northing"] for row in rows], dtype=np.float64)
    half = np.array([row["cell_size"] for row in rows], dtype=np.float64) / 2
    squares = _to_wgs84(shapely.box(x - half, y - half, x + half, y + half))
    return {
        "type": "FeatureCollection",
        "features": [_feature(square, dict(row)) for square, row in zip(squares, rows, strict=True)],
    }
