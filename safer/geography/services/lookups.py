"""Load the shipped geography lookups (LSOA -> district -> county -> force, populations) into the warehouse."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

LOOKUP_PATH = Path(__file__).resolve().parent.parent / "data" / "lsoa2011.csv.gz"
_COLUMNS = (
    "lsoa_code, lsoa_name, msoa_code, msoa_name, lad_code, lad_name, county_name, region_name, pfa_name, population"
)


def lookup_checksum() -> str:
    """sha256 of the shipped lookup file, so a changed lookup reloads and an unchanged one does not."""
    return hashlib.sha256(LOOKUP_PATH.read_bytes()).hexdigest()


def geography_load(*, con: duckdb.DuckDBPyConnection) -> int:
    """Fill the warehouse `lsoa` table from the shipped lookup (idempotent); return its row count.

    Runs inside the caller's writer connection; replaces the table in one transaction when the shipped
    file changed, does nothing when it has already been loaded.
    """
    checksum = lookup_checksum()
    loaded = con.execute("SELECT checksum FROM geography_info").fetchone()
    if loaded is not None and loaded[0] == checksum:
        row = con.execute("SELECT count(*) FROM lsoa").fetchone()
        return int(row[0]) if row else 0
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM lsoa")
        con.execute(
            f"INSERT INTO lsoa ({_COLUMNS}) SELECT {_COLUMNS} FROM read_csv(?, header = true, all_varchar = false, "  # noqa: S608
            "types = {'population': 'INTEGER'})",
            [str(LOOKUP_PATH)],
        )
        con.execute("DELETE FROM geography_info")
        con.execute("INSERT INTO geography_info VALUES (?)", [checksum])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    row = con.execute("SELECT count(*) FROM lsoa").fetchone()
    return int(row[0]) if row else 0
