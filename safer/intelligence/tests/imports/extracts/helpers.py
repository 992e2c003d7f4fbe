"""Helpers for extract import tests: write small CSVs, digest the warehouse, read rejects."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from pathlib import Path

import duckdb
from django.conf import settings

from safer.intelligence.sources.schemas import ASB_SCHEMA, OFFENCE_SCHEMA

TABLES = ("import_run", "offence", "asb_incident", "custom_area_record")

GOOD_OFFENCE = {
    "offence_ref": "43/1/21",
    "offence_code": "8N",
    "occurred_at": "2021-07-03 23:40",
    "latitude": "51.7520",
    "longitude": "-1.2577",
    "lsoa_code": "E01028522",
    "domestic_abuse": "false",
    "hate_strand": "none",
    "knife_sharp_instrument": "false",
    "alcohol": "yes",
    "victim_age_band": "18-24",
    "victim_sex": "F",
    "victim_ethnicity": "White",
    "suspect_age_band": "25-34",
    "suspect_sex": "male",
    "suspect_ethnicity": "not stated",
}
GOOD_ASB = {
    "incident_ref": "ASB-1",
    "occurred_at": "2021-07-03 22:15",
    "asb_category": "nuisance",
    "asb_type": "Noise",
    "latitude": "51.7520",
    "longitude": "-1.2577",
    "lsoa_code": "E01028522",
    "reporter_pseudonym": "R-1",
    "source_agency": "Police",
}


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    return path


def offence_rows(path: Path, rows: Sequence[dict[str, str]], header: Sequence[str] | None = None) -> Path:
    header = list(header or [c for c in OFFENCE_SCHEMA.names if c in GOOD_OFFENCE])
    return write_csv(path, header, [[{**GOOD_OFFENCE, **r}.get(c, "") for c in header] for r in rows])


def asb_rows(path: Path, rows: Sequence[dict[str, str]], header: Sequence[str] | None = None) -> Path:
    header = list(header or [c for c in ASB_SCHEMA.names if c in GOOD_ASB])
    return write_csv(path, header, [[{**GOOD_ASB, **r}.get(c, "") for c in header] for r in rows])


def warehouse_digest() -> str:
    path = Path(settings.SAFER_WAREHOUSE_PATH)
    if not path.exists():
        return "no warehouse"
    digest = hashlib.sha256()
    con = duckdb.connect(str(path), read_only=True)
    try:
        for table in TABLES:
            rows = con.execute(f"SELECT CAST(t AS VARCHAR) FROM {table} t").fetchall()  # noqa: S608 - constants
            for row in sorted(r[0] for r in rows):
                digest.update(row.encode())
            digest.update(f"{table}:{len(rows)}".encode())
    finally:
        con.close()
    return digest.hexdigest()


def fetch(sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.SAFER_WAREHOUSE_PATH), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def rejects(path: str | None) -> list[dict[str, str]]:
    assert path is not None
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
