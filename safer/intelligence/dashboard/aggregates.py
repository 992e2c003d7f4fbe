"""Build the dashboard's pre-aggregated count tables from the record tables (no Django).

Dashboards read only these `agg_*` tables (see warehouse.SCHEMA): a district's year is a few hundred
rows, not a scan of millions of records. Imports call `aggregates_refresh(con=..., months=[...])` after
loading; with `months=None` it rebuilds only what changed since the last build, so calling it again is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb


@dataclass(frozen=True)
class _Aggregate:
    table: str
    source: str  # record table it is built from
    select: str  # SELECT ... FROM ... {where} GROUP BY ALL; `{where}` takes the month filter
    order: str


_AGGREGATES = (
    _Aggregate(
        "agg_crime_lad",
        "crime",
        "SELECT month, lad_code, county_name, pfa_name, crime_type, synthetic, count(*) AS n "
        "FROM crime {where} GROUP BY ALL",
        "pfa_name, county_name, lad_code, month",
    ),
    _Aggregate(
        "agg_crime_lsoa",
        "crime",
        "SELECT month, lsoa_code, lad_code, crime_type, synthetic, count(*) AS n FROM crime "
        "WHERE lsoa_code IS NOT NULL {and_where} GROUP BY ALL",
        "lad_code, lsoa_code, month",
    ),
    _Aggregate(
        "agg_crime_location",
        "crime",
        "SELECT month, lad_code, lsoa_code, location, longitude, latitude, crime_type, synthetic, count(*) AS n "
        "FROM crime WHERE latitude IS NOT NULL {and_where} GROUP BY ALL",
        "lad_code, lsoa_code, month",
    ),
    _Aggregate(
        "agg_offence",
        "offence",
        "SELECT month, lsoa_code, lad_code, county_name, pfa_name, offence_group, serious_violence_group, "
        "victim_age_band, victim_sex, suspect_age_band, suspect_sex, synthetic, count(*) AS n FROM offence {where} "
        "GROUP BY ALL",
        "pfa_name, county_name, lad_code, month",
    ),
    _Aggregate(
        "agg_asb",
        "asb_incident",
        "SELECT month, lsoa_code, lad_code, county_name, pfa_name, asb_category, asb_type, synthetic, count(*) AS n "
        "FROM asb_incident {where} GROUP BY ALL",
        "pfa_name, county_name, lad_code, month",
    ),
)
_CUSTOM = (
    "SELECT c.month, r.area_id, c.crime_type, c.synthetic, count(*) AS n FROM custom_area_record r "
    "JOIN crime c ON r.record_table = 'crime' AND c.record_id = r.record_id GROUP BY ALL"
)
_CENTROID = (
    "SELECT lsoa_code, sum(longitude * n) / sum(n), sum(latitude * n) / sum(n), sum(n) FROM agg_crime_location "
    "WHERE longitude IS NOT NULL AND lsoa_code IS NOT NULL GROUP BY lsoa_code ORDER BY lsoa_code"
)


# agg_crime_location re-sorted by force, then month, for county and force requests. `force_key` is the
# district's force (the first by name when its LSOAs lie in several; '' when none): figures filter on the
# forces of every LSOA of the districts they want (areas.area_force_keys), a superset of these keys, plus
# the district codes themselves, so the rows they read are exactly agg_crime_location's.
_LOCATION_FORCE = (
    "SELECT coalesce(k.force_key, '') AS force_key, a.month, a.lad_code, a.lsoa_code, a.location, a.longitude, "
    "a.latitude, a.crime_type, a.synthetic, a.n FROM agg_crime_location a "
    "LEFT JOIN (SELECT lad_code, min(pfa_name) AS force_key FROM lsoa GROUP BY lad_code) k USING (lad_code) "
    "{where} ORDER BY force_key, a.month, a.lad_code, a.lsoa_code"
)
_LOCATION_FORCE_SOURCE = "agg_crime_location_force"


def _location_force_build(con: duckdb.DuckDBPyConnection, months: list[date] | None) -> None:
    """Bring agg_crime_location_force up to date with agg_crime_location and the geography (call after
    agg_crime_location changed; rebuilds everything when the geography changed or `months` is None)."""
    checksum = con.execute("SELECT max(checksum) FROM geography_info").fetchone()
    wanted = f"{_stored_signature(con, 'crime')}|geography {checksum[0] if checksum else None}"
    stored = _stored_signature(con, _LOCATION_FORCE_SOURCE)
    if stored == wanted:
        return
    if months is None or stored is None or stored.split("|")[-1] != wanted.split("|")[-1]:
        con.execute("DELETE FROM agg_crime_location_force")
        con.execute(f"INSERT INTO agg_crime_location_force {_LOCATION_FORCE.format(where='')}")  # noqa: S608
    else:
        con.execute("DELETE FROM agg_crime_location_force WHERE month IN (SELECT unnest(?))", [months])
        sql = _LOCATION_FORCE.format(where="WHERE a.month IN (SELECT unnest(?))")
        con.execute(f"INSERT INTO agg_crime_location_force {sql}", [months])  # noqa: S608
    _save_signature(con, _LOCATION_FORCE_SOURCE, wanted)


def location_force_ensure(*, con: duckdb.DuckDBPyConnection) -> None:
    """Build agg_crime_location_force if it is missing or out of date (a warehouse from before schema
    version 4, or one whose geography lookup was just replaced); one transaction, a no-op when current."""
    con.execute("BEGIN TRANSACTION")
    try:
        _location_force_build(con, None)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _signature(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """Changes whenever rows are added, replaced or removed (import ids only grow)."""
    if source == "custom_area_record":
        row = con.execute(
            "SELECT count(*), max(area_id), sum(area_id), sum(record_id) FROM custom_area_record"
        ).fetchone()
        return ":".join(str(value) for value in (row or ())) + "|" + _signature(con, "crime")
    row = con.execute(
        f"SELECT count(*), max(import_id), sum(import_id) FROM {source}"  # noqa: S608 - fixed table names
    ).fetchone()
    return ":".join(str(value) for value in (row or ()))


def _stored_signature(con: duckdb.DuckDBPyConnection, source: str) -> str | None:
    row = con.execute("SELECT signature FROM agg_info WHERE source = ?", [source]).fetchone()
    return str(row[0]) if row else None


def _save_signature(con: duckdb.DuckDBPyConnection, source: str, signature: str) -> None:
    con.execute("DELETE FROM agg_info WHERE source = ?", [source])
    con.execute("INSERT INTO agg_info VALUES (?, ?)", [source, signature])


def _build(con: duckdb.DuckDBPyConnection, aggregate: _Aggregate, months: list[date] | None) -> None:
    if months is None:
        sql = aggregate.select.format(where="", and_where="")
        con.execute(f"DELETE FROM {aggregate.table}")  # noqa: S608
        con.execute(f"INSERT INTO {aggregate.table} {sql} ORDER BY {aggregate.order}")  # noqa: S608
        return
    sql = aggregate.select.format(
        where="WHERE month IN (SELECT unnest(?))", and_where="AND month IN (SELECT unnest(?))"
    )
    con.execute(f"DELETE FROM {aggregate.table} WHERE month IN (SELECT unnest(?))", [months])  # noqa: S608
    con.execute(f"INSERT INTO {aggregate.table} {sql} ORDER BY {aggregate.order}", [months])  # noqa: S608


def aggregates_refresh(
    *, con: duckdb.DuckDBPyConnection, months: Iterable[date] | None = None, in_transaction: bool = False
) -> dict[str, str]:
    """(Re)build the dashboard aggregates; returns what was done per record table ("rebuilt", "months", "unchanged").

    `months=None`: rebuild every source whose records changed since the last build (a no-op when none did).
    `months=[date(2022, 3, 1), ...]`: rebuild just those months (what an import of those months calls).
    Runs in its own transaction; pass `in_transaction=True` when the caller already holds one (DuckDB
    aborts a transaction in which BEGIN fails, so this cannot be detected by trying).
    """
    month_list = None if months is None else sorted({date(m.year, m.month, 1) for m in months})
    own_transaction = not in_transaction
    if own_transaction:
        con.execute("BEGIN TRANSACTION")
    done: dict[str, str] = {}
    try:
        for source in ("crime", "offence", "asb_incident"):
            signature = _signature(con, source)
            if month_list is None and _stored_signature(con, source) == signature:
                done[source] = "unchanged"
                continue
            for aggregate in _AGGREGATES:
                if aggregate.source == source:
                    _build(con, aggregate, month_list)
            _save_signature(con, source, signature)
            if source == "crime":
                con.execute("DELETE FROM agg_lsoa_centroid")
                con.execute(f"INSERT INTO agg_lsoa_centroid {_CENTROID}")  # noqa: S608
                _location_force_build(con, month_list)
            done[source] = "rebuilt" if month_list is None else "months"
        signature = _signature(con, "custom_area_record")
        if _stored_signature(con, "custom_area_record") != signature:
            con.execute("DELETE FROM agg_crime_custom")
            con.execute(f"INSERT INTO agg_crime_custom {_CUSTOM}")  # noqa: S608
            _save_signature(con, "custom_area_record", signature)
            done["custom_area_record"] = "rebuilt"
        else:
            done["custom_area_record"] = "unchanged"
        if own_transaction:
            con.execute("COMMIT")
    except Exception:
        if own_transaction:
            con.execute("ROLLBACK")
        raise
    return done
