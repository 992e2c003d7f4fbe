"""Hand-built warehouse rows for engagement tests: police.uk street crime and offence-extract records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from safer.engagement.grid import to_bng
from safer.intelligence import warehouse

# Real Oxford street centres (police.uk map points near them), used as fixtures.
COWLEY_ROAD = (51.7475, -1.2380)
GLOUCESTER_GREEN = (51.7543, -1.2629)
HEADINGTON = (51.7600, -1.2160)
OUT_OF_AREA = (51.9000, -1.5000)


def crime_insert(rows: Iterable[dict[str, Any]]) -> None:
    """Insert street records: latitude, longitude, and optional month, crime_type, location, lad_name."""
    with warehouse.writer() as con:
        for row in rows:
            easting, northing = to_bng(row["longitude"], row["latitude"])
            con.execute(
                """INSERT INTO crime (record_id, month, force, latitude, longitude, easting, northing, location,
                       lad_name, crime_type, import_id, synthetic)
                   VALUES (nextval('record_id_seq'), ?, 'thames-valley', ?, ?, ?, ?, ?, ?, ?, 1, FALSE)""",
                [
                    row.get("month", dt.date(2024, 6, 1)),
                    row["latitude"],
                    row["longitude"],
                    easting,
                    northing,
                    row.get("location", "On or near Test Street"),
                    row.get("lad_name", "Oxford"),
                    row.get("crime_type", "Violence and sexual offences"),
                ],
            )


def offence_insert(rows: Iterable[dict[str, Any]]) -> None:
    """Insert offence-extract records: month, hate_strand and optional lad_name."""
    with warehouse.writer() as con:
        for n, row in enumerate(rows):
            con.execute(
                """INSERT INTO offence (record_id, offence_ref, offence_code, month, lad_name, hate_strand,
                       import_id, synthetic)
                   VALUES (nextval('record_id_seq'), ?, '8M', ?, ?, ?, 1, FALSE)""",
                [f"T{n}", row["month"], row.get("lad_name", "Oxford"), row["hate_strand"]],
            )


def oxford_streets() -> None:
    """A few Oxford streets, enough for the district's box and the street search."""
    crime_insert(
        [
            {"latitude": COWLEY_ROAD[0], "longitude": COWLEY_ROAD[1], "location": "On or near Cowley Road"},
            {
                "latitude": COWLEY_ROAD[0] + 0.001,
                "longitude": COWLEY_ROAD[1] + 0.002,
                "location": "On or near Cowley Road",
            },
            {
                "latitude": GLOUCESTER_GREEN[0],
                "longitude": GLOUCESTER_GREEN[1],
                "location": "On or near Gloucester Green",
            },
            {"latitude": HEADINGTON[0], "longitude": HEADINGTON[1], "location": "On or near London Road"},
            {"latitude": 51.7300, "longitude": -1.2700, "location": "On or near Abingdon Road"},
            {"latitude": 51.7800, "longitude": -1.2000, "location": "On or near Marsh Lane"},
        ]
    )
