"""Where areas are, in British National Grid metres, and which subscribers' areas meet a message's areas.

A message reaches a subscriber when one of the subscriber's areas and one of the message's areas share some
ground (their interiors intersect): a message to a district reaches the neighbourhoods (LSOAs) and custom areas
inside or overlapping it, a message to a custom area reaches the neighbourhoods and districts it overlaps, and a
place on the map (a point and a radius) is reached when the point is within its radius of the message's areas.
Neighbourhoods that only touch the message's areas along a boundary are not reached.

Geometry: the shipped 2011 LSOA and district boundaries (safer/geography/boundaries.py), custom areas from the
warehouse (GeoJSON in WGS84, projected with pyproj). An area with no known geometry (a district name missing from
the boundaries) falls back to matching by name and code, as before.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from safer.engagement.messaging.choices import SubscriberAreaKind
from safer.geography.boundaries import boundaries_load

MAX_RADIUS = 2000  # metres: the largest radius residents can choose (areas.RADII)


@dataclass(frozen=True)
class AreaHits:
    """What a message's ground meets: LSOA codes, district names and custom area ids (as text)."""

    lsoas: list[str]
    districts: list[str]
    custom: list[str]


@cache
def _district_codes() -> dict[str, str]:
    """District name -> LAD code, from the ONS lookup shipped with the geography app."""
    from safer.engagement.messaging.areas import LSOA_FILE

    with gzip.open(LSOA_FILE, "rt", encoding="utf-8") as handle:
        return {row["lad_name"]: row["lad_code"] for row in csv.DictReader(handle)}


@cache
def _district_names() -> dict[str, str]:
    return {code: name for name, code in _district_codes().items()}


@cache
def _tree(level: str) -> shapely.STRtree:
    return shapely.STRtree(boundaries_load(level).polygons)


def _to_bng(geometry: BaseGeometry) -> BaseGeometry:
    from safer.engagement.grid import _to_bng as transformer

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer().transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, project)


def custom_area_shapes() -> dict[str, BaseGeometry]:
    """Every custom area's polygon in BNG metres, by id (as text); none without a warehouse.

    An area whose stored GeoJSON is not a usable polygon is left out, so it is matched by its id alone.
    """
    from safer.intelligence import warehouse
    from safer.intelligence.services.custom_areas import CustomAreaInvalidError, custom_area_geometry

    try:
        rows = warehouse.query("SELECT area_id, geojson FROM custom_area ORDER BY area_id", max_rows=500)
    except Exception:  # noqa: BLE001 - no warehouse yet
        return {}
    shapes = {}
    for row in rows:
        try:
            shapes[str(row["area_id"])] = _to_bng(custom_area_geometry(str(row["geojson"])))
        except CustomAreaInvalidError:
            continue
    return shapes


def area_shape(area: dict[str, Any], custom: dict[str, BaseGeometry] | None = None) -> BaseGeometry | None:
    """An area's ground in BNG metres, or None when its geometry is not known."""
    kind, code = area.get("kind"), str(area.get("code", ""))
    if kind == SubscriberAreaKind.LSOA:
        i = boundaries_load("lsoa").index_of(code)
        return boundaries_load("lsoa").polygons[i] if i is not None else None
    if kind == SubscriberAreaKind.DISTRICT:
        i = boundaries_load("district").index_of(_district_codes().get(code, ""))
        return boundaries_load("district").polygons[i] if i is not None else None
    if kind == SubscriberAreaKind.CUSTOM:
        return (custom if custom is not None else custom_area_shapes()).get(code)
    if kind == SubscriberAreaKind.POINT:
        return shapely.Point(float(area["easting"]), float(area["northing"])).buffer(float(area["radius"]), 32)
    return None


def area_hits(ground: BaseGeometry, custom: dict[str, BaseGeometry]) -> AreaHits:
    """The LSOAs, districts and custom areas whose interiors share ground with `ground`."""

    def meeting(level: str) -> list[str]:
        polygons = boundaries_load(level).polygons
        idx = _tree(level).query(ground, predicate="intersects")
        keep = idx[shapely.relate_pattern(polygons[idx], ground, "T********")]
        return [str(c) for c in boundaries_load(level).codes[np.sort(keep)]]

    names = _district_names()
    return AreaHits(
        lsoas=meeting("lsoa"),
        districts=[names[c] for c in meeting("district") if c in names],
        custom=[pk for pk, shape in custom.items() if shapely.relate_pattern(shape, ground, "T********")],
    )


def points_within(ground: BaseGeometry, rows: list[tuple[int, float, float, int]]) -> list[int]:
    """Of (id, easting, northing, radius) rows, the ids whose point is within its radius of `ground`."""
    if not rows:
        return []
    data = np.array(rows, dtype=np.float64)
    shapely.prepare(ground)
    near = shapely.dwithin(ground, shapely.points(data[:, 1], data[:, 2]), data[:, 3])
    return [int(pk) for pk in data[near, 0]]


def values_subquery(values: list[Any], *, integers: bool) -> Any:
    """`values` as one bound parameter for `field__in=`: long lists of ids or codes stay one query parameter."""
    from django.db import connection
    from django.db.models.expressions import RawSQL

    if len(values) <= 500:
        return values
    # The values are bound parameters; the SQL text is fixed (one of two array types).
    if connection.vendor == "postgresql":
        array = "bigint[]" if integers else "text[]"
        return RawSQL(f"SELECT unnest(%s::{array})", [values])  # noqa: S611
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])  # noqa: S611
