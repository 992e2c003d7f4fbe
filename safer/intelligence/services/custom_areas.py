"""Custom areas: user-uploaded GeoJSON polygons (a night-time-economy zone, a road corridor) and the records
inside them.

    area = custom_area_create(actor=user, name="Oxford NTE", geojson_text=text)   # validates, stores, tags
    custom_area_delete(actor=user, area_id=area.area_id)

Tagging is point-in-polygon with shapely 2's vectorised `contains_xy` over the records' WGS84 coordinates,
pulled from DuckDB in chunks after a bounding-box filter, so memory stays bounded on national data. A point
exactly on the boundary counts as outside (shapely's `contains`). Tags live in the warehouse table
custom_area_record (area_id, record_table, record_id) for crime, offence and asb_incident.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from safer.core.services.audit import audit_record
from safer.geography.bng import UK_BOUNDS
from safer.intelligence.warehouse import query, writer
from safer.intelligence.warehouse.custom_areas import RECORD_TABLES, custom_area_tag_records

MAX_GEOJSON_BYTES = 2 * 1024 * 1024
MAX_VERTICES = 200_000
MAX_NAME_LENGTH = 100


class CustomAreaInvalidError(ValueError):
    """The uploaded GeoJSON or name cannot be used as a custom area; the message says why and what to do."""


class CustomAreaNotFoundError(LookupError):
    """No custom area has that id."""


@dataclass(frozen=True)
class CustomArea:
    area_id: int
    name: str
    created_at: str
    records: dict[str, int]  # record table -> records inside

    @property
    def total_records(self) -> int:
        return sum(self.records.values())


def custom_area_geometry(geojson_text: str) -> Polygon | MultiPolygon:
    """Parse and check GeoJSON text: a Polygon, MultiPolygon, Feature or FeatureCollection of them, in WGS84
    longitude/latitude inside the UK, valid (no self-intersections). Several polygons are unioned."""
    if len(geojson_text.encode("utf-8")) > MAX_GEOJSON_BYTES:
        raise CustomAreaInvalidError(
            f"The GeoJSON file is larger than {MAX_GEOJSON_BYTES // (1024 * 1024)} MB. Simplify the polygon first."
        )
    try:
        data = json.loads(geojson_text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CustomAreaInvalidError(
            f"The file is not valid JSON (line {getattr(error, 'lineno', '?')}). Export it again as GeoJSON."
        ) from None
    geometries = [_geometry_of(g) for g in _geometry_objects(data)]
    if not geometries:
        raise CustomAreaInvalidError("The GeoJSON holds no polygon. Draw the area as a Polygon or MultiPolygon.")
    for geometry in geometries:
        if not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            raise CustomAreaInvalidError(
                f"The polygon is not valid ({reason}). Redraw it so its edges do not cross, then upload it again."
            )
        if geometry.is_empty or geometry.area == 0:
            raise CustomAreaInvalidError("The polygon has no area. Draw at least three distinct corners.")
    merged = shapely.union_all(geometries) if len(geometries) > 1 else geometries[0]
    if shapely.get_num_coordinates(merged) > MAX_VERTICES:
        raise CustomAreaInvalidError(f"The polygon has more than {MAX_VERTICES:,} corners. Simplify it first.")
    min_x, min_y, max_x, max_y = merged.bounds
    b = UK_BOUNDS
    if not (
        b["min_longitude"] <= min_x <= max_x <= b["max_longitude"]
        and b["min_latitude"] <= min_y <= max_y <= b["max_latitude"]
    ):
        raise CustomAreaInvalidError(
            f"The polygon is not inside the UK (its corners span longitude {min_x:.4f} to {max_x:.4f}, latitude "
            f"{min_y:.4f} to {max_y:.4f}). GeoJSON must be WGS84 longitude, latitude (not British National Grid "
            "metres, and not latitude first)."
        )
    if not isinstance(merged, Polygon | MultiPolygon):
        raise CustomAreaInvalidError("The polygons could not be combined into one area.")
    return merged


def _geometry_objects(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or "type" not in data:
        raise CustomAreaInvalidError('The JSON is not GeoJSON (it has no "type"). Export the area as GeoJSON.')
    kind = data["type"]
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise CustomAreaInvalidError('The FeatureCollection has no "features" list.')
        found: list[dict[str, Any]] = []
        for feature in features:
            found.extend(_geometry_objects(feature))
        return found
    if kind == "Feature":
        geometry = data.get("geometry")
        if not isinstance(geometry, dict):
            raise CustomAreaInvalidError("A Feature has no geometry.")
        return [geometry]
    if kind in ("Polygon", "MultiPolygon"):
        return [data]
    raise CustomAreaInvalidError(
        f"The GeoJSON holds a {str(kind)[:30]}, not a Polygon or MultiPolygon. Upload the area as a polygon."
    )


def _geometry_of(obj: dict[str, Any]) -> BaseGeometry:
    if obj.get("type") not in ("Polygon", "MultiPolygon"):
        raise CustomAreaInvalidError(
            f"The GeoJSON holds a {str(obj.get('type'))[:30]}, not a Polygon or MultiPolygon. "
            "Upload the area as a polygon."
        )
    try:
        return shape(obj)
    except (ValueError, TypeError, IndexError, AttributeError, shapely.errors.GEOSException):
        raise CustomAreaInvalidError(
            "The polygon's coordinates are malformed (each ring needs at least 4 [longitude, latitude] pairs, "
            "first = last)."
        ) from None


def custom_area_create(*, actor: Any, name: str, geojson_text: str) -> CustomArea:
    """Validate, store the area and tag every existing record inside it; audited."""
    name = " ".join(name.split())
    if not name:
        raise CustomAreaInvalidError("Enter a name for the area.")
    if len(name) > MAX_NAME_LENGTH:
        raise CustomAreaInvalidError(f"The name is longer than {MAX_NAME_LENGTH} characters. Shorten it.")
    geometry = custom_area_geometry(geojson_text)
    with writer() as con:
        if con.execute("SELECT count(*) FROM custom_area WHERE lower(name) = lower(?)", [name]).fetchone() != (0,):
            raise CustomAreaInvalidError(f'An area called "{name}" already exists. Choose another name.')
        con.execute("BEGIN TRANSACTION")
        try:
            row = con.execute("SELECT coalesce(max(area_id), 0) + 1 FROM custom_area").fetchone()
            assert row is not None
            area_id = int(row[0])
            created_at = dt.datetime.now(dt.UTC)
            con.execute(
                "INSERT INTO custom_area (area_id, name, geojson, created_at) VALUES (?, ?, ?, ?)",
                [area_id, name, shapely.to_geojson(geometry), created_at],
            )
            records = {
                table: custom_area_tag_records(con=con, area_id=area_id, geometry=geometry, record_table=table)
                for table in RECORD_TABLES
            }
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    area = CustomArea(area_id=area_id, name=name, created_at=created_at.isoformat(), records=records)
    audit_record(
        actor=actor,
        action="geography.custom_area_created",
        target_type="geography.custom_area",
        target_id=area_id,
        target_label=name,
        detail={"records": records},
    )
    return area


def custom_area_delete(*, actor: Any, area_id: int) -> None:
    """Delete an area and its tags; audited."""
    with writer() as con:
        row = con.execute("SELECT name FROM custom_area WHERE area_id = ?", [area_id]).fetchone()
        if row is None:
            raise CustomAreaNotFoundError(f"There is no custom area {area_id}.")
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM custom_area_record WHERE area_id = ?", [area_id])
        con.execute("DELETE FROM custom_area WHERE area_id = ?", [area_id])
        con.execute("COMMIT")
    audit_record(
        actor=actor,
        action="geography.custom_area_deleted",
        target_type="geography.custom_area",
        target_id=area_id,
        target_label=str(row[0]),
    )


def custom_area_list() -> list[CustomArea]:
    """Every custom area with how many records of each table fall inside it, by name."""
    areas = query("SELECT area_id, name, created_at::VARCHAR AS created_at FROM custom_area ORDER BY lower(name)")
    counts = query("SELECT area_id, record_table, count(*) AS n FROM custom_area_record GROUP BY ALL")
    by_area: dict[int, dict[str, int]] = {}
    for c in counts:
        by_area.setdefault(int(c["area_id"]), {})[str(c["record_table"])] = int(c["n"])
    return [
        CustomArea(
            area_id=int(a["area_id"]),
            name=str(a["name"]),
            created_at=str(a["created_at"])[:16],
            records={t: by_area.get(int(a["area_id"]), {}).get(t, 0) for t in RECORD_TABLES},
        )
        for a in areas
    ]
