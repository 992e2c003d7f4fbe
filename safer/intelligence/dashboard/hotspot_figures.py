"""Map and hotspot figures for a dashboard Scope: LSOA polygons with class breaks, district outlines, Gi* cells.

The analysis is the pure `safer.intelligence.hotspots` package; this module only gathers the records and
boundaries of the area from the warehouse and shapes rows and GeoJSON for the page, exports and `safer table`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from safer.geography.boundaries import BOUNDARY_ATTRIBUTION, boundaries_load
from safer.intelligence.dashboard.areas import Area
from safer.intelligence.dashboard.figures import (
    Row,
    Scope,
    _crime_type_filter,
    _location_filter,
    _period_where,
    map_lsoas,
)
from safer.intelligence.hotspots.breaks import METHODS, breaks_classify
from safer.intelligence.hotspots.errors import HotspotError
from safer.intelligence.hotspots.gistar import hotspot_gistar
from safer.intelligence.hotspots.grid import hotspot_grid
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


def map_lsoa_shapes(con: WarehouseReader, scope: Scope) -> dict[str, Any]:
    """GeoJSON of the area's LSOA polygons (WGS84) with records and rate, and class breaks for each measure
    (quantiles, equal, jenks; 5 classes) for the page's legend."""
    codes = area_lsoa_codes(con, scope.area)
    rows = {row["lsoa_code"]: row for row in map_lsoas(con, scope)}
    lsoas = boundaries_load("lsoa").select(codes)
    shapes = _to_wgs84(shapely.simplify(lsoas.polygons, 5.0))
    features = []
    for code, shape in zip(lsoas.codes.tolist(), shapes, strict=True):
        row = rows.get(code, {})
        features.append(
            _feature(
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
    codes = area_lsoa_codes(con, scope.area)
    if not codes:
        return {"type": "FeatureCollection", "features": []}
    placeholders = ", ".join("?" for _ in codes)
    found = con.tuples(
        f"SELECT DISTINCT lad_code, lad_name FROM lsoa WHERE lsoa_code IN ({placeholders})",  # noqa: S608
        codes,
    )
    names = dict(found)
    districts = boundaries_load("district").select(list(names))
    shapes = _to_wgs84(shapely.simplify(districts.polygons, 20.0))
    return {
        "type": "FeatureCollection",
        "features": [
            _feature(shape, {"lad_code": code, "district": names[code]})
            for code, shape in zip(districts.codes.tolist(), shapes, strict=True)
        ],
    }


def _area_points(con: WarehouseReader, scope: Scope) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Easting and northing of every record of the scope with a location (repeated per record), and whether
    each is synthetic."""
    where, params = _location_filter(scope.area, con)
    months, month_params = _period_where(scope, compare=False)
    type_sql, type_params = _crime_type_filter(scope)
    rows = con.rows(
        f"""SELECT longitude, latitude, sum(n) AS n, coalesce(sum(n) FILTER (WHERE synthetic), 0) AS synthetic
            FROM agg_crime_location a WHERE {where} AND {months} {type_sql} AND longitude IS NOT NULL
            GROUP BY longitude, latitude""",  # noqa: S608
        [*params, *month_params, *type_params],
    )
    if not rows:
        return np.empty(0), np.empty(0), np.empty(0, dtype=bool)
    lon = np.array([r["longitude"] for r in rows], dtype=np.float64)
    lat = np.array([r["latitude"] for r in rows], dtype=np.float64)
    n = np.array([r["n"] for r in rows], dtype=np.int64)
    synthetic = np.array([r["synthetic"] for r in rows], dtype=np.int64)
    x, y = _TO_BNG.transform(lon, lat)
    # Per location: its synthetic records first, then its real ones.
    flags = np.concatenate([np.arange(count) < fake for count, fake in zip(n, synthetic, strict=True)])
    return np.repeat(x, n), np.repeat(y, n), flags


def hotspot_cells(con: WarehouseReader, scope: Scope) -> list[Row]:
    """Getis-Ord Gi* hot and cold spot cells (FDR-adjusted, 90% or more) on an automatic grid over the area.

    The grid covers the area's LSOAs (cells whose centre is outside them are not part of the analysis); the
    cell size gives about 50 cells on the shorter side. An area with too few records or cells gives no rows.
    """
    x, y, synthetic = _area_points(con, scope)
    lsoas = boundaries_load("lsoa").select(area_lsoa_codes(con, scope.area))
    if x.size == 0 or lsoas.codes.size == 0:
        return []
    bounds = tuple(float(v) for v in shapely.total_bounds(lsoas.polygons))
    try:
        grid = hotspot_grid(easting=x, northing=y, bounds=bounds)  # type: ignore[arg-type]
        cx, cy = grid.centres()
        tree = shapely.STRtree(lsoas.polygons)
        inside = np.zeros(cx.size, dtype=bool)
        inside[tree.query(shapely.points(cx, cy), predicate="intersects")[0]] = True
        result = hotspot_gistar(grid=grid, mask=inside.reshape(grid.shape))
    except HotspotError:
        return []
    fake = grid.binned(easting=x[synthetic], northing=y[synthetic]).counts.ravel()
    columns = result.columns()
    chosen = np.flatnonzero(columns["bin"] != 0)
    chosen = chosen[np.argsort(-columns["gistar_z"][chosen], kind="stable")]  # hottest first
    lon, lat = _TO_WGS84.transform(columns["cell_x"][chosen], columns["cell_y"][chosen])
    rows = []
    for k, i in enumerate(chosen.tolist()):
        rows.append(
            {
                "cell_easting": int(columns["cell_x"][i]),
                "cell_northing": int(columns["cell_y"][i]),
                "cell_size": int(grid.cell_size),
                "latitude": round(float(lat[k]), 5),
                "longitude": round(float(lon[k]), 5),
                "count": int(columns["count"][i]),
                "gistar_z": round(float(columns["gistar_z"][i]), 3),
                "p_adjusted": float(f"{columns['p_adjusted'][i]:.3g}"),
                "confidence": CONFIDENCE[int(columns["bin"][i])],
                "synthetic_records": int(fake[i]),
            }
        )
    return rows


def hotspot_cells_geojson(rows: list[Row]) -> dict[str, Any]:
    """The hotspot cells as GeoJSON squares (WGS84), each with the row's columns as properties."""
    features = []
    for row in rows:
        half = row["cell_size"] / 2
        square = shapely.box(
            row["cell_easting"] - half,
            row["cell_northing"] - half,
            row["cell_easting"] + half,
            row["cell_northing"] + half,
        )
        features.append(_feature(_to_wgs84(np.array([square], dtype=object))[0], dict(row)))
    return {"type": "FeatureCollection", "features": features}
