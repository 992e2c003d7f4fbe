"""The ONE adapter between safeguarding and the intelligence warehouse: domestic abuse incidents as columns.

Two sources count: the domestic abuse incident extract (warehouse table `da_incident`) and offences in the
offence extract flagged `domestic_abuse` that carry a `suspect_ref` (optional columns; skipped when the
warehouse lacks them). Only pseudonymous references leave here. Re-point this module when the warehouse moves.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from safer.intelligence import warehouse
from safer.intelligence.imports import Progress
from safer.intelligence.sources.schemas import DA_SCHEMA

LONDON = ZoneInfo("Europe/London")
COLUMNS = ("perpetrator_ref", "victim_ref", "occurred_at", "offence_code", "crime", "risk_level", "incident_ref")
DA_TABLE = DA_SCHEMA.table
DA_KIND = DA_SCHEMA.kind


def da_extract_import(*, path: Path, actor_label: str, progress: Progress | None = None) -> str:
    """Import a domestic abuse incident extract through the one extracts pipeline; its one-line result."""
    from safer.intelligence.imports.extracts import extract_import

    return extract_import(DA_SCHEMA, path=path, actor_label=actor_label, progress=progress).message


def _columns_of(con: object, table: str) -> set[str]:
    rows = con.execute(  # type: ignore[attr-defined]
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    return {str(r[0]) for r in rows}


def _sources_sql(con: object) -> str:
    """UNION of the sources present in this warehouse, each shaped as COLUMNS plus lad_code."""
    parts = []
    if {"perpetrator_ref", "victim_ref", "dash_risk"} <= _columns_of(con, DA_TABLE):
        parts.append(
            f"""SELECT perpetrator_ref, victim_ref, occurred_at, coalesce(offence_code, '') AS offence_code,
                   crime, coalesce(dash_risk, '') AS risk_level, incident_ref, lad_code FROM {DA_TABLE}"""  # noqa: S608
        )
    if {"suspect_ref", "victim_ref"} <= _columns_of(con, "offence"):
        parts.append(
            """SELECT suspect_ref AS perpetrator_ref, victim_ref, occurred_at, offence_code, TRUE AS crime,
                   '' AS risk_level, offence_ref AS incident_ref, lad_code
               FROM offence WHERE domestic_abuse AND suspect_ref IS NOT NULL AND suspect_ref <> ''"""
        )
    return " UNION ALL ".join(parts)  # only fixed SQL text from this module


def da_incident_columns(*, district_codes: list[str], as_of: date, lookback_months: int) -> dict[str, np.ndarray]:
    """Domestic abuse incidents in the districts up to the end of `as_of` (a month's slack before the window)."""
    since = datetime.combine(as_of, time.min, tzinfo=LONDON).replace(year=as_of.year - (lookback_months // 12 + 1))
    until = datetime.combine(as_of, time.max, tzinfo=LONDON)
    empty = {name: np.array([], dtype=object) for name in COLUMNS}
    empty["occurred_at"] = np.array([], dtype="datetime64[s]")
    empty["crime"] = np.array([], dtype=bool)
    with warehouse.reader() as con:
        union = _sources_sql(con)
        if not union or not district_codes:
            return empty
        marks = ", ".join("?" for _ in district_codes)
        result = con.execute(
            f"""SELECT perpetrator_ref, victim_ref, timezone('Europe/London', occurred_at) AS occurred_at,
                       offence_code, crime, risk_level, incident_ref
                FROM ({union}) WHERE lad_code IN ({marks}) AND occurred_at BETWEEN ? AND ?""",  # noqa: S608
            [*district_codes, since, until],
        ).fetchnumpy()
    out = {name: np.asarray(result[name]) for name in COLUMNS}
    out["occurred_at"] = out["occurred_at"].astype("datetime64[s]")
    out["crime"] = out["crime"].astype(bool)
    return out


def da_incidents_of(*, district_codes: list[str], perpetrator_ref: str) -> list[dict[str, object]]:
    """One perpetrator's incidents in the districts, newest first (pseudonymous references only)."""
    with warehouse.reader() as con:
        union = _sources_sql(con)
        if not union or not district_codes:
            return []
        marks = ", ".join("?" for _ in district_codes)
        cursor = con.execute(
            f"""SELECT incident_ref, timezone('Europe/London', occurred_at) AS occurred_at, victim_ref, offence_code,
                       crime, risk_level FROM ({union})
                WHERE lad_code IN ({marks}) AND perpetrator_ref = ? ORDER BY occurred_at DESC LIMIT 500""",  # noqa: S608
            [*district_codes, perpetrator_ref],
        )
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
