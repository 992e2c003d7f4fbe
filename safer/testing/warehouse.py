"""Test helpers for the DuckDB warehouse: police.uk-shaped crime rows written straight in."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

COLUMNS = [
    "record_id",
    "crime_id",
    "month",
    "force",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lad_code",
    "lad_name",
    "county_name",
    "pfa_name",
    "crime_type",
    "import_id",
    "synthetic",
]


def crime_insert(
    con: duckdb.DuckDBPyConnection, counts: dict[tuple[str, date, str], int], *, lsoa_name: str | None = None
) -> None:
    """Insert counts[(district name, month, crime type)] crime rows in that district: in its first LSOA by code,
    or in the LSOA called `lsoa_name` when given."""
    rows = []
    record_id = 0
    for (district, month, crime_type), n in counts.items():
        place = con.execute(
            "SELECT lsoa_code, lad_code, lad_name, county_name, pfa_name FROM lsoa "
            "WHERE lad_name = ? AND (CAST(? AS VARCHAR) IS NULL OR lsoa_name = ?) ORDER BY lsoa_code LIMIT 1",
            [district, lsoa_name, lsoa_name],
        ).fetchone()
        assert place is not None, (district, lsoa_name)
        for _ in range(n):
            record_id += 1
            test_place = (-1.5, 51.8, "On or near Test")
            rows.append((record_id, f"c{record_id}", month, "thames-valley", *test_place, *place, crime_type, 1, False))
    frame = pd.DataFrame(rows, columns=COLUMNS)  # noqa: F841 - read by DuckDB below
    con.execute("INSERT INTO crime BY NAME SELECT * FROM frame")
