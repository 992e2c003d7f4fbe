"""The engagement app's one door to recorded crime and the geography in the warehouse.

Every read of police data by this app goes through here (the warehouse module may move: re-point it here).
Queries are parameterised; only constants from this module go into the SQL text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from safer.intelligence import warehouse

# Anti-social behaviour is not recorded crime; the fear-versus-crime comparison leaves it out.
ASB_TYPE = "Anti-social behaviour"
_STREET_PREFIX = "On or near "


@dataclass(frozen=True)
class PlaceMatch:
    """A street or place found by name: what to call it and where it is."""

    label: str
    latitude: float
    longitude: float
    area_name: str = ""


@dataclass(frozen=True)
class Bbox:
    """A WGS84 bounding box."""

    south: float
    west: float
    north: float
    east: float


def district_names() -> list[str]:
    """Districts with police.uk records in the warehouse, by name."""
    rows = warehouse.query(
        "SELECT DISTINCT lad_name FROM crime WHERE lad_name IS NOT NULL ORDER BY lad_name", max_rows=1000
    )
    return [r["lad_name"] for r in rows]


def district_bbox(name: str) -> Bbox | None:
    """The box round a district's police.uk map points, or None when the warehouse has none there."""
    rows = warehouse.query(
        "SELECT min(latitude) s, min(longitude) w, max(latitude) n, max(longitude) e FROM crime "
        "WHERE lad_name = ? AND latitude IS NOT NULL",
        [name],
    )
    row = rows[0] if rows else None
    if not row or row["s"] is None or row["s"] >= row["n"] or row["w"] >= row["e"]:
        return None
    return Bbox(row["s"], row["w"], row["n"], row["e"])


def custom_area(area_id: int) -> tuple[str, Bbox] | None:
    """A custom area's name and bounding box, or None when there is no such area."""
    from shapely.geometry import shape

    rows = warehouse.query("SELECT name, geojson FROM custom_area WHERE area_id = ?", [area_id])
    if not rows:
        return None
    geometry = json.loads(rows[0]["geojson"])
    if geometry.get("type") == "FeatureCollection":
        from shapely.ops import unary_union

        geom = unary_union([shape(f["geometry"]) for f in geometry["features"]])
    elif geometry.get("type") == "Feature":
        geom = shape(geometry["geometry"])
    else:
        geom = shape(geometry)
    w, s, e, n = geom.bounds
    return rows[0]["name"], Bbox(s, w, n, e)


def custom_area_choices() -> list[tuple[int, str]]:
    """Every custom area (id, name)."""
    rows = warehouse.query("SELECT area_id, name FROM custom_area ORDER BY name", max_rows=1000)
    return [(int(r["area_id"]), r["name"]) for r in rows]


def street_search(*, text: str, bbox: Bbox, limit: int = 20) -> list[PlaceMatch]:
    """Streets and places named like `text` among police.uk's anonymous map points inside the box.

    police.uk publishes each record at the centre of a street or place ("On or near Cowley Road"); the same
    name can be several points along a street, so a name's point is their mean.
    """
    words = " ".join(text.split())
    if len(words) < 3:
        return []
    rows = warehouse.query(
        """SELECT location, avg(latitude) AS latitude, avg(longitude) AS longitude, any_value(lad_name) AS lad_name
           FROM (SELECT DISTINCT location, latitude, longitude, lad_name FROM crime
                 WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?
                   AND location IS NOT NULL AND contains(lower(location), lower(?)))
           GROUP BY location ORDER BY location LIMIT ?""",
        [bbox.south, bbox.north, bbox.west, bbox.east, words, limit],
    )
    return [
        PlaceMatch(
            label=_street_label(r["location"]),
            latitude=r["latitude"],
            longitude=r["longitude"],
            area_name=r["lad_name"] or "",
        )
        for r in rows
    ]


def postcode_point(postcode: str) -> PlaceMatch | None:
    """A live postcode's point from the ONS postcode lookup (docs/postcodes.md), or None when the lookup lacks it.

    `postcode` as geography.postcode.postcode_parse gives it ("OX1 2AU"). Terminated postcodes (ONS doterm) and
    those ONS gives no point are not offered: a resident choosing a place needs a point that is still a place.
    """
    rows = warehouse.query(
        """SELECT p.latitude, p.longitude, d.lad_name FROM postcode p LEFT JOIN district d ON d.lad_code = p.lad_code
           WHERE p.postcode = ? AND p.terminated IS NULL AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL
           LIMIT 1""",
        [postcode.replace(" ", "")],
    )
    if not rows:
        return None
    row = rows[0]
    return PlaceMatch(
        label=postcode, latitude=row["latitude"], longitude=row["longitude"], area_name=row["lad_name"] or ""
    )


def _street_label(location: str) -> str:
    return location[len(_STREET_PREFIX) :] if location.startswith(_STREET_PREFIX) else location


def area_name_at(*, easting: float, northing: float, within_metres: float = 1000) -> str:
    """The district of the nearest police.uk map point within `within_metres`, or "" when none is near."""
    rows = warehouse.query(
        """SELECT lad_name FROM crime
           WHERE easting BETWEEN ? AND ? AND northing BETWEEN ? AND ? AND lad_name IS NOT NULL
           ORDER BY (easting - ?) * (easting - ?) + (northing - ?) * (northing - ?) LIMIT 1""",
        [
            easting - within_metres,
            easting + within_metres,
            northing - within_metres,
            northing + within_metres,
            easting,
            easting,
            northing,
            northing,
        ],
    )
    return rows[0]["lad_name"] if rows else ""


def crime_cell_counts_recent(
    *, bbox: Bbox, not_after: dt.date, cell_metres: int
) -> tuple[dt.date, dt.date, dict[tuple[int, int], int]] | None:
    """Recorded crime (not ASB) per grid cell in the box over the 12 months ending with the latest month of data
    no later than `not_after`: (first month, last month, counts), or None when there is no data. One query."""
    rows = warehouse.query(
        f"""WITH inbox AS (SELECT month, easting, northing FROM crime
                WHERE month <= ? AND crime_type <> '{ASB_TYPE}' AND easting IS NOT NULL
                  AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?),
            period AS (SELECT max(month) AS last, max(month) - INTERVAL 11 MONTH AS first FROM inbox)
            SELECT CAST(floor(easting / ?) AS BIGINT) AS cx, CAST(floor(northing / ?) AS BIGINT) AS cy,
                   count(*) AS n, any_value(period.first) AS first, any_value(period.last) AS last
            FROM inbox, period WHERE inbox.month BETWEEN period.first AND period.last
            GROUP BY 1, 2""",  # noqa: S608 - constant only
        [not_after, bbox.south, bbox.north, bbox.west, bbox.east, cell_metres, cell_metres],
    )
    if not rows:
        return None
    first, last = rows[0]["first"], rows[0]["last"]
    first = first.date() if isinstance(first, dt.datetime) else first
    last = last.date() if isinstance(last, dt.datetime) else last
    return first, last, {(int(r["cx"]), int(r["cy"])): int(r["n"]) for r in rows}


def hate_crime_counts(*, district: str, month_from: dt.date, month_to: dt.date) -> list[dict[str, Any]]:
    """Police-recorded hate crime from the offence extract: one row per month and extract strand, with n.

    A record naming several strands ("race;religion") counts once under each strand, as the Home Office
    hate crime tables do; `records` on the same row counts each record once per month for the total.
    """
    return warehouse.query(
        """WITH h AS (SELECT record_id, month, hate_strand FROM offence
                      WHERE lad_name = ? AND month BETWEEN ? AND ?
                        AND hate_strand IS NOT NULL AND lower(trim(hate_strand)) NOT IN ('', 'none'))
           SELECT month, lower(trim(strand)) AS strand, count(*) AS n
           FROM (SELECT month, unnest(string_split(hate_strand, ';')) AS strand FROM h)
           WHERE trim(strand) <> '' GROUP BY ALL ORDER BY month, strand""",
        [district, month_from, month_to],
    )


def hate_crime_records_by_month(*, district: str, month_from: dt.date, month_to: dt.date) -> dict[dt.date, int]:
    """How many police-recorded hate crimes (records, not strands) per month in the district."""
    rows = warehouse.query(
        """SELECT month, count(*) AS n FROM offence WHERE lad_name = ? AND month BETWEEN ? AND ?
           AND hate_strand IS NOT NULL AND lower(trim(hate_strand)) NOT IN ('', 'none') GROUP BY month""",
        [district, month_from, month_to],
    )
    return {r["month"]: int(r["n"]) for r in rows}
