"""Helpers for import tests: fixture paths, a digest of the warehouse contents, independent counts."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path

import duckdb
from django.conf import settings

FIXTURES = Path(__file__).parent / "fixtures"
STREET_2022_03 = FIXTURES / "policeuk" / "2022-03" / "2022-03-thames-valley-street.csv"
OUTCOMES_2022_03 = FIXTURES / "policeuk" / "2022-03" / "2022-03-thames-valley-outcomes.csv"
STOP_2022_03 = FIXTURES / "policeuk" / "2022-03" / "2022-03-thames-valley-stop-and-search.csv"
STREET_2022_01 = FIXTURES / "policeuk" / "2022-01" / "2022-01-thames-valley-street.csv"
EARLIER_2022_03 = FIXTURES / "earlier" / "2022-03" / "2022-03-thames-valley-street.csv"
RECORD_TABLES = ("import_run", "crime", "outcome", "stop_search")


def warehouse_digest(path: Path | None = None) -> str:
    """sha256 over every row of the import tables (sorted), so 'unchanged' can be asserted exactly."""
    path = path or Path(settings.SAFER_WAREHOUSE_PATH)
    if not path.exists():
        return "no warehouse"
    digest = hashlib.sha256()
    con = duckdb.connect(str(path), read_only=True)
    try:
        for table in RECORD_TABLES:
            exists = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
            ).fetchone()
            if not exists or not exists[0]:
                digest.update(f"{table}:absent".encode())
                continue
            rows = con.execute(f"SELECT CAST(t AS VARCHAR) FROM {table} t").fetchall()  # noqa: S608 - constants
            for row in sorted(r[0] for r in rows):
                digest.update(row.encode())
            digest.update(f"{table}:{len(rows)}".encode())
    finally:
        con.close()
    return digest.hexdigest()


def warehouse_rows(sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.SAFER_WAREHOUSE_PATH), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The file read with Python's csv module: an independent reading of the same rows."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def count_by(path: Path, column: str) -> Counter[str]:
    return Counter(row[column] for row in csv_rows(path))


_TEMPLATE: dict[str, Path] = {}


def warehouse_from_template(target: Path) -> None:
    """Copy an empty warehouse (schema and shipped geography loaded once per test session) to `target`.

    Loading the geography into a new warehouse takes about a second; tests start from this copy instead.
    """
    import shutil
    import tempfile

    from safer.intelligence.warehouse import ensure_schema

    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="safer-warehouse-template-"))
        path = folder / "warehouse.duckdb"
        con = duckdb.connect(str(path))
        try:
            ensure_schema(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _TEMPLATE["path"] = path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATE["path"], target)
