"""The only door to the DuckDB analytic warehouse: schema, short-lived connections, safe queries.

Concurrency model (DuckDB allows one writing process, or many reading processes, per file):
- `writer()` serialises writers across processes with a lock file, then opens the file read-write.
  Imports hold it for one file or month, inside one transaction, so readers see old or new, never a mix.
- `reader()` opens read-only for one request and closes at once; while a writer holds the file it
  retries for `READ_WAIT_SECONDS`, then raises WarehouseBusyError (the page says "being updated").
- `bounded_reader()` is what web code, the API and `safer table` use: a `WarehouseReader` whose every
  query takes parameters only (never f-strings with user input) and has a row cap and a time limit;
  `query()` runs one such query.
"""

from __future__ import annotations

import fcntl
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings

from safer.intelligence.warehouse.watchdog import watchdog

READ_WAIT_SECONDS = 20.0
WEB_ROW_CAP = 100_000
WEB_TIME_LIMIT_SECONDS = 10.0
# Raise it whenever SCHEMA gains a table or column: readers then bring an older warehouse up to date once.
SCHEMA_VERSION = 4  # 3 added the postcode lookup; 4 adds agg_crime_location_force


class WarehouseBusyError(Exception):
    """The warehouse is being written (an import is running); try again shortly."""


class WarehouseQueryTooLargeError(Exception):
    """A web query returned more rows than the cap, or ran past the time limit."""


def warehouse_path() -> Path:
    """Where the warehouse file lives (settings.SAFER_WAREHOUSE_PATH)."""
    return Path(settings.SAFER_WAREHOUSE_PATH)


# One in-process lock too: fcntl locks are per process, so threads of one process also need this.
_thread_lock = threading.RLock()


@contextmanager
def writer() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection, held exclusively across processes; schema ensured."""
    path = warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with _thread_lock, open(lock_path, "a+") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            con = _open_with_retry(path, read_only=False)
            try:
                ensure_schema(con)
                yield con
            finally:
                con.close()
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


@contextmanager
def reader() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one request; the schema is created first if the file is new."""
    path = warehouse_path()
    if not path.exists():
        with writer():
            pass
    with _thread_lock:
        con = _open_with_retry(path, read_only=True)
        if str(path) not in _current_schema and not _schema_current(con):
            # A warehouse written by an earlier release: add the new tables and columns once, then read.
            con.close()
            with writer():
                pass
            con = _open_with_retry(path, read_only=True)
        _current_schema.add(str(path))
    try:
        yield con
    finally:
        con.close()


# Warehouse files this process has seen at the current schema version (checked once per file and process).
_current_schema: set[str] = set()


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        row = con.execute("SELECT max(version) FROM schema_info").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] is not None and int(row[0]) >= SCHEMA_VERSION


def _open_with_retry(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + READ_WAIT_SECONDS
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                if "lock" in str(error).lower():
                    raise WarehouseBusyError(
                        "The crime data warehouse is being updated by an import. Try again in a minute."
                    ) from None
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class WarehouseReader:
    """One request's read-only warehouse connection: every query bounded (row cap, time limit), plus a memo
    that lives exactly as long as the request (figures that share a query run it once)."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        max_rows: int = WEB_ROW_CAP,
        seconds: float = WEB_TIME_LIMIT_SECONDS,
    ) -> None:
        self._con = con
        self.max_rows = max_rows
        self.seconds = seconds
        self.memo: dict[Any, Any] = {}

    def _run(self, sql: str, params: Sequence[Any] | dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        token = watchdog.watch(self.seconds, self._con.interrupt)
        try:
            cursor = self._con.execute(sql, params)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchmany(self.max_rows + 1)
        except duckdb.InterruptException:
            raise WarehouseQueryTooLargeError(
                f"The query took longer than {self.seconds:.0f} seconds. Narrow the area, period or filters."
            ) from None
        finally:
            watchdog.release(token)
        if len(rows) > self.max_rows:
            raise WarehouseQueryTooLargeError(f"More than {self.max_rows:,} rows. Narrow the area, period or filters.")
        return columns, rows

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts (column name -> value)."""
        columns, rows = self._run(sql, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def tuples(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        """Rows as tuples, in the select list's order."""
        return self._run(sql, params)[1]

    def arrays(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any]:
        """Columns as numpy arrays (column name -> array), for vectorised analysis."""
        import numpy as np

        columns, rows = self._run(sql, params)
        values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
        return {name: np.asarray(column) for name, column in zip(columns, values, strict=True)}

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> tuple[Any, ...] | None:
        """The first row, or None."""
        rows = self._run(sql, params)[1]
        return rows[0] if rows else None


@contextmanager
def bounded_reader(*, max_rows: int | None = None, seconds: float | None = None) -> Iterator[WarehouseReader]:
    """A read-only connection for one request (web page, API call, `safer table`) whose queries are bounded
    (by default WEB_ROW_CAP rows and WEB_TIME_LIMIT_SECONDS per query)."""
    with reader() as con:
        yield WarehouseReader(
            con,
            max_rows=WEB_ROW_CAP if max_rows is None else max_rows,
            seconds=WEB_TIME_LIMIT_SECONDS if seconds is None else seconds,
        )


def query(
    sql: str, params: Sequence[Any] | dict[str, Any] = (), *, max_rows: int = WEB_ROW_CAP
) -> list[dict[str, Any]]:
    """Run one parameterised read query for the web: rows as dicts, capped, time-limited."""
    with bounded_reader(max_rows=max_rows) as warehouse:
        return warehouse.rows(sql, params)


# ---- Schema ---------------------------------------------------------------------------------------
# Every record table carries its geography (LSOA -> district -> county -> force), WGS84 and British
# National Grid coordinates, the import that loaded it, and `synthetic` (true for generated data).

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)""",
    # Import history: one row per file (or month) loaded.
    """CREATE TABLE IF NOT EXISTS import_run (
        import_id BIGINT PRIMARY KEY,
        kind VARCHAR NOT NULL,            -- policeuk_street | policeuk_outcomes | policeuk_stop_search | offences | asb
        source_name VARCHAR NOT NULL,     -- file name as received
        checksum VARCHAR NOT NULL,        -- sha256 of the file bytes
        force VARCHAR,                    -- police.uk force slug, e.g. thames-valley
        month DATE,                       -- first day of the month replaced (police.uk), else NULL
        rows_loaded BIGINT NOT NULL,
        rows_rejected BIGINT NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        duration_seconds DOUBLE NOT NULL,
        synthetic BOOLEAN NOT NULL DEFAULT FALSE,
        quality JSON,                     -- data-quality summary
        replaced_import_id BIGINT         -- the import this one superseded, if any
    )""",
    "CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1",
    # police.uk street-level crime and ASB.
    """CREATE TABLE IF NOT EXISTS crime (
        record_id BIGINT NOT NULL,        -- unique across record tables (record_id_seq)
        crime_id VARCHAR,                 -- police.uk Crime ID (empty for ASB)
        month DATE NOT NULL,
        force VARCHAR NOT NULL,
        reported_by VARCHAR,
        falls_within VARCHAR,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE,
        location VARCHAR,
        lsoa_code VARCHAR, lsoa_name VARCHAR,
        lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        crime_type VARCHAR NOT NULL,
        last_outcome VARCHAR,
        context VARCHAR,
        import_id BIGINT NOT NULL,
        synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    """CREATE TABLE IF NOT EXISTS outcome (
        crime_id VARCHAR NOT NULL, month DATE NOT NULL, force VARCHAR NOT NULL,
        reported_by VARCHAR, falls_within VARCHAR,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE, location VARCHAR,
        lsoa_code VARCHAR, lsoa_name VARCHAR, lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        outcome_type VARCHAR NOT NULL,
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    """CREATE TABLE IF NOT EXISTS stop_search (
        type VARCHAR, occurred_at TIMESTAMPTZ, month DATE NOT NULL, force VARCHAR NOT NULL,
        part_of_policing_operation BOOLEAN, policing_operation VARCHAR,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE,
        lsoa_code VARCHAR, lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        gender VARCHAR, age_range VARCHAR, self_defined_ethnicity VARCHAR, officer_defined_ethnicity VARCHAR,
        legislation VARCHAR, object_of_search VARCHAR, outcome VARCHAR,
        outcome_linked_to_object BOOLEAN, removal_of_outer_clothing BOOLEAN,
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE,
        geography_match VARCHAR           -- map_point | nearest_map_point (geography/map_points.py), else
                                          -- boundary | nearest_boundary (geography/boundary_placement.py) | NULL
    )""",
    # Columns added after a table was first shipped: warehouses created earlier gain them here, at the end,
    # so every warehouse has the same column order.
    "ALTER TABLE stop_search ADD COLUMN IF NOT EXISTS geography_match VARCHAR",
    # Offence-level recorded crime shared by the police (our own documented schema).
    """CREATE TABLE IF NOT EXISTS offence (
        record_id BIGINT NOT NULL,        -- unique across record tables (record_id_seq)
        offence_ref VARCHAR NOT NULL,
        offence_code VARCHAR NOT NULL, offence_description VARCHAR, offence_group VARCHAR,
        policeuk_category VARCHAR,
        occurred_at TIMESTAMPTZ, month DATE NOT NULL,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE,
        lsoa_code VARCHAR, lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        domestic_abuse BOOLEAN, hate_strand VARCHAR, knife_sharp_instrument BOOLEAN, alcohol BOOLEAN,
        serious_violence_group SMALLINT,  -- 1, 2 or NULL (see intelligence/sources/serious_violence.py)
        victim_age_band VARCHAR, victim_sex VARCHAR, victim_ethnicity VARCHAR,
        suspect_age_band VARCHAR, suspect_sex VARCHAR, suspect_ethnicity VARCHAR,
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    # Optional pseudonymous people references and exact ages (repeat victims and suspects, the SIA's age bands).
    "ALTER TABLE offence ADD COLUMN IF NOT EXISTS victim_ref VARCHAR",
    "ALTER TABLE offence ADD COLUMN IF NOT EXISTS suspect_ref VARCHAR",
    "ALTER TABLE offence ADD COLUMN IF NOT EXISTS victim_age SMALLINT",
    "ALTER TABLE offence ADD COLUMN IF NOT EXISTS suspect_age SMALLINT",
    # A&E assault attendances, the ISTV minimum dataset (docs/ae-istv.md). `month` is the attendance month.
    """CREATE TABLE IF NOT EXISTS ae_attendance (
        record_id BIGINT NOT NULL,        -- unique across record tables (record_id_seq)
        attendance_ref VARCHAR NOT NULL,
        attended_at TIMESTAMPTZ NOT NULL, incident_at TIMESTAMPTZ, month DATE NOT NULL,
        incident_location VARCHAR, postcode VARCHAR,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE,
        lsoa_code VARCHAR, lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        assault_means VARCHAR, location_type VARCHAR,
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    # How an attendance was placed when not by its own LSOA: boundary (its coordinates) or postcode (the
    # postcode lookup below, at import or when the lookup arrived later); NULL for its own LSOA or unplaced.
    "ALTER TABLE ae_attendance ADD COLUMN IF NOT EXISTS geography_match VARCHAR",
    # The ONS postcode lookup (ONSPD / NSPL, docs/postcodes.md): one row per postcode, nothing else of the file.
    """CREATE TABLE IF NOT EXISTS postcode (
        postcode VARCHAR NOT NULL,        -- upper case without spaces: OX12AU
        lsoa_code VARCHAR,                -- as published (2011 or 2021), England and Wales only
        place_lsoa_code VARCHAR,          -- the 2011 LSOA records take: lsoa_code if the geography knows it,
                                          -- else the LSOA whose boundary holds the point
        lad_code VARCHAR,                 -- district as published
        longitude DOUBLE, latitude DOUBLE, easting INTEGER, northing INTEGER,
        terminated DATE,                  -- first day of the month ONS terminated it; NULL while live
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    # ASB incidents shared by council and police (our own documented schema).
    """CREATE TABLE IF NOT EXISTS asb_incident (
        record_id BIGINT NOT NULL,        -- unique across record tables (record_id_seq)
        incident_ref VARCHAR NOT NULL,
        occurred_at TIMESTAMPTZ, month DATE NOT NULL,
        asb_category VARCHAR NOT NULL,    -- personal | nuisance | environmental
        asb_type VARCHAR,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE,
        lsoa_code VARCHAR, lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        reporter_pseudonym VARCHAR, source_agency VARCHAR,
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    # Domestic abuse incidents for MATAC (safer/safeguarding; our own documented schema). Pseudonymous refs only.
    """CREATE TABLE IF NOT EXISTS da_incident (
        record_id BIGINT NOT NULL,        -- unique across record tables (record_id_seq)
        incident_ref VARCHAR NOT NULL,
        occurred_at TIMESTAMPTZ, month DATE NOT NULL,
        longitude DOUBLE, latitude DOUBLE, easting DOUBLE, northing DOUBLE,
        lsoa_code VARCHAR, lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        perpetrator_ref VARCHAR NOT NULL, victim_ref VARCHAR,
        relationship VARCHAR NOT NULL,    -- partner | ex-partner | family
        crime BOOLEAN NOT NULL, offence_code VARCHAR,
        dash_risk VARCHAR,                -- standard | medium | high
        import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE
    )""",
    # Geography, loaded from the lookups shipped in safer/geography/data.
    """CREATE TABLE IF NOT EXISTS lsoa (
        lsoa_code VARCHAR PRIMARY KEY, lsoa_name VARCHAR, msoa_code VARCHAR, msoa_name VARCHAR,
        lad_code VARCHAR, lad_name VARCHAR, county_name VARCHAR, region_name VARCHAR, pfa_name VARCHAR,
        population INTEGER
    )""",
    # Districts (local authority districts) with their county, force area and population, from `lsoa`.
    """CREATE VIEW IF NOT EXISTS district AS
        SELECT lad_code, any_value(lad_name) AS lad_name, any_value(county_name) AS county_name,
               any_value(region_name) AS region_name, any_value(pfa_name) AS pfa_name,
               sum(population) AS population
        FROM lsoa GROUP BY lad_code""",
    # User-drawn areas (GeoJSON polygons) and the records inside them.
    """CREATE TABLE IF NOT EXISTS custom_area (
        area_id BIGINT PRIMARY KEY, name VARCHAR NOT NULL, geojson VARCHAR NOT NULL, created_at TIMESTAMPTZ
    )""",
    # Which records fall inside which custom area (point-in-polygon at import / area upload time).
    """CREATE TABLE IF NOT EXISTS custom_area_record (
        area_id BIGINT NOT NULL, record_table VARCHAR NOT NULL, record_id BIGINT NOT NULL
    )""",
    "CREATE SEQUENCE IF NOT EXISTS record_id_seq START 1",
    # Which shipped geography lookup the `lsoa` table holds (sha256 of the file).
    "CREATE TABLE IF NOT EXISTS geography_info (checksum VARCHAR NOT NULL)",
    # Dashboard aggregates: compact counts rebuilt by intelligence/dashboard/aggregates.py
    # (aggregates_refresh) after each import; dashboards read these, never the record tables.
    """CREATE TABLE IF NOT EXISTS agg_crime_lad (
        month DATE NOT NULL, lad_code VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        crime_type VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS agg_crime_lsoa (
        month DATE NOT NULL, lsoa_code VARCHAR, lad_code VARCHAR,
        crime_type VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS agg_crime_location (
        month DATE NOT NULL, lad_code VARCHAR, lsoa_code VARCHAR, location VARCHAR,
        longitude DOUBLE, latitude DOUBLE, crime_type VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    # agg_crime_location again, sorted by force then month (built from it, see aggregates.py): a county or
    # force request reads its force's months only, where agg_crime_location (sorted by district) makes it
    # scan every month of every district between the first and last district code it names.
    """CREATE TABLE IF NOT EXISTS agg_crime_location_force (
        force_key VARCHAR NOT NULL, month DATE NOT NULL, lad_code VARCHAR, lsoa_code VARCHAR, location VARCHAR,
        longitude DOUBLE, latitude DOUBLE, crime_type VARCHAR NOT NULL, synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS agg_crime_custom (
        month DATE NOT NULL, area_id BIGINT NOT NULL, crime_type VARCHAR NOT NULL,
        synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS agg_offence (
        month DATE NOT NULL, lsoa_code VARCHAR, lad_code VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        offence_group VARCHAR, serious_violence_group SMALLINT,
        victim_age_band VARCHAR, victim_sex VARCHAR, suspect_age_band VARCHAR, suspect_sex VARCHAR,
        synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS agg_asb (
        month DATE NOT NULL, lsoa_code VARCHAR, lad_code VARCHAR, county_name VARCHAR, pfa_name VARCHAR,
        asb_category VARCHAR, asb_type VARCHAR, synthetic BOOLEAN NOT NULL, n BIGINT NOT NULL
    )""",
    # Mean record coordinates per LSOA (no boundary polygons ship): the map's LSOA circles.
    """CREATE TABLE IF NOT EXISTS agg_lsoa_centroid (
        lsoa_code VARCHAR PRIMARY KEY, longitude DOUBLE, latitude DOUBLE, records BIGINT NOT NULL
    )""",
    # What the aggregates were built from, so a refresh with nothing new is a no-op.
    "CREATE TABLE IF NOT EXISTS agg_info (source VARCHAR PRIMARY KEY, signature VARCHAR NOT NULL)",
]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table that does not exist yet and load the shipped geography (idempotent)."""
    for statement in SCHEMA:
        con.execute(statement)
    if con.execute("SELECT count(*) FROM schema_info").fetchone() == (0,):
        con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])
    else:
        con.execute("UPDATE schema_info SET version = ? WHERE version < ?", [SCHEMA_VERSION, SCHEMA_VERSION])
    # Every warehouse holds the geography, so imports and dashboards can rely on it.
    from safer.geography.services.lookups import geography_load
    from safer.intelligence.dashboard.aggregates import location_force_ensure

    geography_load(con=con)
    # Schema version 4 added agg_crime_location_force, and it depends on the geography just loaded: build it
    # here (from agg_crime_location, a no-op when current) so no reader ever sees it empty or out of date.
    location_force_ensure(con=con)
