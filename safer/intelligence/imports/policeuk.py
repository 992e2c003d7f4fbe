"""police.uk street, outcomes and stop-and-search files -> the warehouse (crime, outcome, stop_search).

`import_policeuk(paths=[...])` takes monthly CSV/CSV.gz files, folders of monthly folders as police.uk hands
them out, or archive zips. Each file is one force and one month (from its name, e.g.
2022-03-thames-valley-street.csv). For each file, in one DuckDB transaction: rejected rows go to a rejects CSV,
the month's earlier rows for that force are deleted, the valid rows are inserted with their geography and
British National Grid coordinates, and the import_run row is written. Importing the same bytes again changes
nothing ("already imported"); a different file for the month replaces it. Every check is set-based SQL over
the staged file, so a month of a large force takes well under a second.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from safer.geography.bng import UK_BOUNDS, bng_select_sql
from safer.geography.map_points import MAP_POINT, NEAREST_MAP_POINT, map_point_select_sql
from safer.geography.placement import LSOA_CODE_SQL_PATTERN, place_select_sql
from safer.intelligence.imports import (
    STATUS_ALREADY,
    STATUS_LOADED,
    STATUS_REPLACED,
    FileFacts,
    ImportFileError,
    ImportResult,
    InputFile,
    PreviousImport,
    Progress,
    batch_transaction,
    check_csv_file,
    expand_inputs,
    import_previous_many,
    import_run_record,
    month_gaps,
    progress_emit,
    quote_ident,
    refresh_aggregates,
    rejects_path,
    rejects_write,
)
from safer.intelligence.imports.duplicates import (
    already_imported_message,
    crime_ids_elsewhere,
    imports_current_by_checksum,
    records_force,
    staged_counts,
)
from safer.intelligence.imports.session import WriterSession
from safer.intelligence.imports.staging import csv_error, read_csv_sql

CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)

STREET_COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
OUTCOMES_COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)
STOP_SEARCH_COLUMNS = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)


@dataclass(frozen=True)
class PoliceUkKind:
    """One of the three police.uk monthly files."""

    suffix: str  # in the file name
    kind: str  # import_run.kind
    table: str
    columns: tuple[str, ...]
    label: str


STREET = PoliceUkKind("street", "policeuk_street", "crime", STREET_COLUMNS, "street")
OUTCOMES = PoliceUkKind("outcomes", "policeuk_outcomes", "outcome", OUTCOMES_COLUMNS, "outcomes")
STOP_SEARCH = PoliceUkKind(
    "stop-and-search", "policeuk_stop_search", "stop_search", STOP_SEARCH_COLUMNS, "stop-and-search"
)
KINDS = {k.suffix: k for k in (STREET, OUTCOMES, STOP_SEARCH)}

# CSV bytes per batch (about 900,000 police.uk rows): one DuckDB pass and one transaction each; a kill or a
# failure rolls back the whole batch, so each month is still old or new.
BATCH_BYTES = 200 * 1024**2

# A copy's ending a browser or a desktop adds is tolerated: " (1)", "_1_" (an upload's safe name), " - Copy".
FILE_NAME = re.compile(
    r"^(\d{4})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*?)-(street|outcomes|stop-and-search)"
    r"(?:[ _]*\(\d+\)|_+\d+_|[ _-]+copy(?: \d+)?)?\.csv(\.gz)?$"
)


@dataclass(frozen=True)
class PoliceUkFile:
    """A police.uk file name taken apart."""

    month: dt.date
    force: str
    kind: PoliceUkKind

    @property
    def month_text(self) -> str:
        return f"{self.month.year:04d}-{self.month.month:02d}"


def policeuk_name_parse(name: str) -> PoliceUkFile | None:
    """2022-03-thames-valley-street.csv(.gz) -> month, force slug, kind; None for any other name."""
    match = FILE_NAME.match(name.lower())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        return None
    return PoliceUkFile(dt.date(year, month, 1), match.group(3), KINDS[match.group(4)])


def policeuk_name_ok(name: str) -> bool:
    return policeuk_name_parse(name) is not None


def _name_error(name: str) -> ImportFileError:
    return ImportFileError(
        f'"{name}" is not a police.uk monthly file name. Expected YYYY-MM-force-street.csv, '
        "YYYY-MM-force-outcomes.csv or YYYY-MM-force-stop-and-search.csv (optionally .gz), as police.uk names them.",
        source_name=name,
    )


# ---- Validation SQL -------------------------------------------------------------------------------------


def _q(column: str) -> str:
    return quote_ident(column)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_B = UK_BOUNDS
_MONTH_RE = r"\d{4}-(0[1-9]|1[0-2])"


def _coordinate_checks(lon: str, lat: str) -> list[tuple[str, str, str]]:
    lon_v, lat_v = f"TRY_CAST({lon} AS DOUBLE)", f"TRY_CAST({lat} AS DOUBLE)"
    return [
        (
            f"({lon} IS NULL) <> ({lat} IS NULL)",
            "'only one of longitude and latitude is given'",
            "incomplete coordinates",
        ),
        (
            f"{lon} IS NOT NULL AND ({lon_v} IS NULL OR {lat_v} IS NULL)",
            f"'coordinates are not numbers: ' || {lon} || ', ' || {lat}",
            "non-numeric coordinates",
        ),
        (
            f"{lon} IS NOT NULL AND NOT ({lon_v} BETWEEN {_B['min_longitude']} AND {_B['max_longitude']} "
            f"AND {lat_v} BETWEEN {_B['min_latitude']} AND {_B['max_latitude']})",
            f"'coordinates outside the UK: ' || {lon} || ', ' || {lat}",
            "coordinates outside the UK",
        ),
    ]


def _checks(kind: PoliceUkKind) -> list[tuple[str, str, str]]:
    """(condition making a row invalid, reason SQL, reason category) in order; the first that holds wins."""
    checks: list[tuple[str, str, str]] = []
    if kind is STOP_SEARCH:
        date = _q("Date")
        checks.append(
            (
                f"TRY_CAST({date} AS TIMESTAMPTZ) IS NULL",
                f"'malformed date \"' || coalesce({date}, '') || '\" (expected e.g. 2022-03-01T10:15:00+00:00)'",
                "malformed date",
            )
        )
        checks.append(
            (
                f"substr({date}, 1, 7) <> _fmonth",
                f"'date ' || {date} || ' is not in the file''s month ' || _fmonth",
                "date not in the file's month",
            )
        )
    else:
        month = _q("Month")
        checks.append(
            (
                f"NOT regexp_full_match(coalesce({month}, ''), '{_MONTH_RE}')",
                f"'malformed month \"' || coalesce({month}, '') || '\" (expected YYYY-MM)'",
                "malformed month",
            )
        )
        checks.append(
            (
                f"{month} <> _fmonth",
                f"'month ' || {month} || ' does not match the file name month ' || _fmonth",
                "month not matching the file name",
            )
        )
    checks.extend(_coordinate_checks(_q("Longitude"), _q("Latitude")))
    if kind is STREET:
        crime_type = _q("Crime type")
        types = ", ".join(_sql_text(t) for t in CRIME_TYPES)
        checks.append(
            (
                f"{crime_type} IS NULL OR {crime_type} NOT IN ({types})",
                f"'unknown crime type \"' || coalesce({crime_type}, '') || '\"'",
                "unknown crime type",
            )
        )
    if kind is OUTCOMES:
        checks.append((f"{_q('Crime ID')} IS NULL", "'missing Crime ID'", "missing Crime ID"))
        checks.append((f"{_q('Outcome type')} IS NULL", "'missing outcome type'", "missing outcome type"))
    if kind is not STOP_SEARCH:
        lsoa = _q("LSOA code")
        checks.append(
            (
                f"{lsoa} IS NOT NULL AND NOT regexp_full_match({lsoa}, '{LSOA_CODE_SQL_PATTERN}')",
                f"'LSOA code \"' || {lsoa} || '\" does not match the pattern E01234567'",
                "LSOA code not matching the pattern",
            )
        )
    return checks


def _reason_columns(kind: PoliceUkKind) -> str:
    """`_reason` (NULL for a valid row) and `_code` (its category), computed while the file is staged."""
    checks = _checks(kind)
    whens = "\n".join(f"WHEN {cond} THEN {reason}" for cond, reason, _ in checks)
    codes = "\n".join(f"WHEN {cond} THEN {_sql_text(code)}" for cond, _, code in checks)
    return f", CASE {whens} END AS _reason, CASE {codes} END AS _code"


def _typed_sql(kind: PoliceUkKind) -> str:
    """Valid staged rows with typed, renamed columns (before geography and coordinates)."""
    if kind is STREET:
        select = f"""SELECT {_q("Crime ID")} AS crime_id, CAST(_fmonth || '-01' AS DATE) AS month, filename,
            {_q("Reported by")} AS reported_by, {_q("Falls within")} AS falls_within,
            CAST({_q("Longitude")} AS DOUBLE) AS longitude, CAST({_q("Latitude")} AS DOUBLE) AS latitude,
            {_q("Location")} AS location, {_q("LSOA code")} AS lsoa_code, {_q("LSOA name")} AS lsoa_name,
            {_q("Crime type")} AS crime_type, {_q("Last outcome category")} AS last_outcome,
            {_q("Context")} AS context"""
    elif kind is OUTCOMES:
        select = f"""SELECT {_q("Crime ID")} AS crime_id, CAST(_fmonth || '-01' AS DATE) AS month, filename,
            {_q("Reported by")} AS reported_by, {_q("Falls within")} AS falls_within,
            CAST({_q("Longitude")} AS DOUBLE) AS longitude, CAST({_q("Latitude")} AS DOUBLE) AS latitude,
            {_q("Location")} AS location, {_q("LSOA code")} AS lsoa_code, {_q("LSOA name")} AS lsoa_name,
            {_q("Outcome type")} AS outcome_type"""
    else:
        select = f"""SELECT {_q("Type")} AS type, CAST({_q("Date")} AS TIMESTAMPTZ) AS occurred_at,
            CAST(_fmonth || '-01' AS DATE) AS month, filename,
            TRY_CAST({_q("Part of a policing operation")} AS BOOLEAN) AS part_of_policing_operation,
            {_q("Policing operation")} AS policing_operation,
            CAST({_q("Longitude")} AS DOUBLE) AS longitude, CAST({_q("Latitude")} AS DOUBLE) AS latitude,
            {_q("Gender")} AS gender, {_q("Age range")} AS age_range,
            {_q("Self-defined ethnicity")} AS self_defined_ethnicity,
            {_q("Officer-defined ethnicity")} AS officer_defined_ethnicity,
            {_q("Legislation")} AS legislation, {_q("Object of search")} AS object_of_search,
            {_q("Outcome")} AS outcome,
            TRY_CAST({_q("Outcome linked to object of search")} AS BOOLEAN) AS outcome_linked_to_object,
            TRY_CAST({_q("Removal of more than just outer clothing")} AS BOOLEAN) AS removal_of_outer_clothing"""
    return f"{select} FROM _stage WHERE _reason IS NULL"


def _insert_sql(kind: PoliceUkKind) -> str:
    """INSERT the valid staged rows of every file in `_files` (force and import_id come from there)."""
    typed = _typed_sql(kind)
    with_bng = bng_select_sql(f"({typed})")
    if kind is STREET:
        placed = place_select_sql(f"({with_bng})")
        return f"""INSERT INTO crime (record_id, crime_id, month, force, reported_by, falls_within, longitude,
                latitude, easting, northing, location, lsoa_code, lsoa_name, lad_code, lad_name, county_name,
                pfa_name, crime_type, last_outcome, context, import_id, synthetic)
            SELECT nextval('record_id_seq'), p.crime_id, p.month, f.force, p.reported_by, p.falls_within,
                p.longitude, p.latitude, p.easting, p.northing, p.location, p.lsoa_code, p.lsoa_name, p.lad_code,
                p.lad_name, p.county_name, p.pfa_name, p.crime_type, p.last_outcome, p.context, f.import_id,
                $synthetic
            FROM ({placed}) p JOIN _files f ON f.filename = p.filename"""  # noqa: S608
    if kind is OUTCOMES:
        placed = place_select_sql(f"({with_bng})")
        return f"""INSERT INTO outcome (crime_id, month, force, reported_by, falls_within, longitude, latitude,
                easting, northing, location, lsoa_code, lsoa_name, lad_code, lad_name, county_name, pfa_name,
                outcome_type, import_id, synthetic)
            SELECT p.crime_id, p.month, f.force, p.reported_by, p.falls_within, p.longitude, p.latitude,
                p.easting, p.northing, p.location, p.lsoa_code, p.lsoa_name, p.lad_code, p.lad_name,
                p.county_name, p.pfa_name, p.outcome_type, f.import_id, $synthetic
            FROM ({placed}) p JOIN _files f ON f.filename = p.filename"""  # noqa: S608
    # Stop and search files carry no LSOA: it comes from the police.uk map point the record sits on (or the
    # nearest within 1 km) as street records name it, then district, county and force area as for crimes.
    located = map_point_select_sql(f"({with_bng})", include_synthetic="$synthetic")
    placed = place_select_sql(f"({located})")
    return f"""INSERT INTO stop_search (type, occurred_at, month, force, part_of_policing_operation,
            policing_operation, longitude, latitude, easting, northing, lsoa_code, lad_code, lad_name, county_name,
            pfa_name, gender, age_range, self_defined_ethnicity, officer_defined_ethnicity, legislation,
            object_of_search, outcome, outcome_linked_to_object, removal_of_outer_clothing, import_id, synthetic,
            geography_match)
        SELECT p.type, p.occurred_at, p.month, f.force, p.part_of_policing_operation, p.policing_operation,
            p.longitude, p.latitude, p.easting, p.northing, p.lsoa_code, p.lad_code, p.lad_name, p.county_name,
            p.pfa_name, p.gender, p.age_range, p.self_defined_ethnicity, p.officer_defined_ethnicity,
            p.legislation, p.object_of_search, p.outcome, p.outcome_linked_to_object, p.removal_of_outer_clothing,
            f.import_id, $synthetic, p.map_match
        FROM ({placed}) p JOIN _files f ON f.filename = p.filename"""  # noqa: S608


def _rejects_sql(kind: PoliceUkKind) -> str:
    """One file's rejected rows (parameter: its staged filename) with their line in the file."""
    originals = ", ".join("s." + _q(c) for c in kind.columns)
    return f"""SELECT s.rowid - b.first_rowid + 2 AS line, s._reason AS reason, {originals}
        FROM _stage s JOIN _bases b ON b.filename = s.filename
        WHERE s._reason IS NOT NULL AND s.filename = ?"""  # noqa: S608


# Files checked at once before loading (reading, hashing and gunzip release the GIL).
CHECK_THREADS = 2

# The month at the start of a police.uk file name at the end of a path (staged copies keep the name).
_PATH_MONTH = r"(\d{4}-\d{2})-[^/\\\\]*$"


def _stage_batch(con: duckdb.DuckDBPyConnection, kind: PoliceUkKind, files: list[tuple[InputFile, FileFacts]]) -> None:
    """Every file of the batch into TEMP TABLE _stage in one pass, with filename, _fmonth, _reason, _code.

    Rows keep file order (so rowid gives line numbers); a file that breaks the CSV reader names itself.
    """
    header = files[0][1].header
    source = read_csv_sql(header, path_param="$paths", filename=True)
    sql = f"""CREATE OR REPLACE TEMP TABLE _stage AS
        SELECT *{_reason_columns(kind)} FROM (
            SELECT *, regexp_extract(filename, '{_PATH_MONTH}', 1) AS _fmonth FROM {source})"""  # noqa: S608
    paths = [str(facts.read_path) for _, facts in files]
    try:
        con.execute(sql, {"paths": paths})
    except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.IOException) as error:
        name = files[0][0].name
        for item, facts in files:
            if str(facts.read_path) in str(error):
                name = item.name
        raise csv_error(error, name=name, expected=len(header)) from None


# ---- The service ----------------------------------------------------------------------------------------


def import_policeuk(
    *,
    paths: Sequence[Path | str],
    progress: Progress | None = None,
    actor_label: str = "",
    reimport: bool = False,
    refresh: bool = True,
    synthetic: bool = False,
) -> list[ImportResult]:
    """Import police.uk monthly files, folders or archive zips; one result per file.

    Every file is checked (names, encoding, header, truncation, archive safety) before any is loaded, so a
    structural problem anywhere raises ImportFileError with the warehouse unchanged. Files then load in
    batches of the same kind (street files first, so outcomes can be matched to crimes): one pass of DuckDB
    over the batch's files, one transaction per batch (up to BATCH_BYTES of CSV); each file's month is
    replaced whole and gets its own import_run row. `reimport=True` loads a file even when the same bytes
    were imported already. `actor_label` is recorded in the quality summary. After the last batch the
    dashboard aggregates of the street months that changed are rebuilt once (`refresh=False` skips that).
    `synthetic=True` marks every record and import as synthetic (generated police.uk-shaped files).
    """
    with tempfile.TemporaryDirectory(prefix="safer-import-") as workdir:
        inputs = expand_inputs([Path(p) for p in paths], workdir=Path(workdir), accept=policeuk_name_ok)
        named: list[tuple[InputFile, PoliceUkFile]] = []
        for item in inputs:
            parsed = policeuk_name_parse(item.name)
            if parsed is None:
                raise _name_error(item.name)
            named.append((item, parsed))

        def check(entry: tuple[InputFile, PoliceUkFile]) -> FileFacts:
            item, parsed = entry
            hint = f"Is this a police.uk {parsed.kind.label} file?"
            return check_csv_file(
                item.path, name=item.name, columns=parsed.kind.columns, hint=hint, workdir=Path(workdir)
            )

        checked: list[tuple[InputFile, PoliceUkFile, FileFacts]] = []
        total = len(inputs)
        # Reading, hashing and decompressing release the GIL, so files are checked two at a time; results (and
        # the first error) still come in file order.
        pool = ThreadPoolExecutor(max_workers=CHECK_THREADS)
        try:
            for index, ((item, parsed), facts) in enumerate(zip(named, pool.map(check, named), strict=True)):
                checked.append((item, parsed, facts))
                progress_emit(progress, 0, total, f"checked {index + 1} of {total}")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # after an error, skip the files not yet started
        order = {STREET.kind: 0, OUTCOMES.kind: 1, STOP_SEARCH.kind: 2}
        checked.sort(key=lambda c: (order[c[1].kind.kind], c[1].month, c[1].force, c[0].name))
        results: list[ImportResult] = []
        changed: set[dt.date] = set()
        with WriterSession() as session:
            try:
                for batch in _batches(checked):
                    con = session.connection()
                    batch_results = _import_batch(
                        con, batch, actor_label=actor_label, reimport=reimport, synthetic=synthetic
                    )
                    for (item, parsed, facts), result in zip(batch, batch_results, strict=True):
                        if facts.read_path != item.path:
                            facts.read_path.unlink(missing_ok=True)
                        results.append(result)
                        if result.status != STATUS_ALREADY and parsed.kind is STREET:
                            changed.add(parsed.month)
                    progress_emit(progress, len(results), total, batch[-1][0].name)
                    session.pause_if_due()
            finally:
                # Once per command, not per file: the dashboard rebuilds a month across every force.
                if changed and refresh:
                    refresh_aggregates(session.connection(), sorted(changed))
        return results


def _batches(
    checked: list[tuple[InputFile, PoliceUkFile, FileFacts]],
) -> list[list[tuple[InputFile, PoliceUkFile, FileFacts]]]:
    """Consecutive files of one kind and header, each force-month once, up to BATCH_BYTES of CSV."""
    batches: list[list[tuple[InputFile, PoliceUkFile, FileFacts]]] = []
    current: list[tuple[InputFile, PoliceUkFile, FileFacts]] = []
    size = 0
    keys: set[tuple[str, dt.date]] = set()
    for entry in checked:
        _, parsed, facts = entry
        file_size = facts.read_path.stat().st_size
        if current and (
            parsed.kind is not current[0][1].kind
            or facts.header != current[0][2].header
            or (parsed.force, parsed.month) in keys
            or size + file_size > BATCH_BYTES
        ):
            batches.append(current)
            current, size, keys = [], 0, set()
        current.append(entry)
        size += file_size
        keys.add((parsed.force, parsed.month))
    if current:
        batches.append(current)
    return batches


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _import_batch(
    con: duckdb.DuckDBPyConnection,
    batch: list[tuple[InputFile, PoliceUkFile, FileFacts]],
    *,
    actor_label: str,
    reimport: bool,
    synthetic: bool,
) -> list[ImportResult]:
    """Load one batch in one transaction; results in batch order.

    The files are staged before the transaction begins: DuckDB scans a temp table created inside the open
    transaction on one thread, and the insert from it took twice as long (see BENCHMARKS.md).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC)
    kind = batch[0][1].kind
    results: list[ImportResult] = []
    pending: list[tuple[InputFile, PoliceUkFile, FileFacts, ImportResult]] = []
    # Bytes the warehouse holds already, under whatever name, add nothing (the name may differ from the first).
    current = (
        {} if reimport else imports_current_by_checksum(con, kind=kind.kind, checksums=[f.sha256 for *_, f in batch])
    )
    first_with: dict[str, str] = {}
    for item, parsed, facts in batch:
        result = ImportResult(
            source_name=item.name, kind=kind.kind, status=STATUS_LOADED, force=parsed.force, month=parsed.month_text
        )
        results.append(result)
        seen = current.get(facts.sha256)
        if seen is not None:
            result.status, result.import_id, result.force = STATUS_ALREADY, seen.import_id, seen.force
            result.message = already_imported_message(item.name, source_name=seen.source_name, import_id=seen.import_id)
            continue
        if facts.sha256 in first_with:
            result.status = STATUS_ALREADY
            result.message = (
                f"{item.name} holds the same bytes as {first_with[facts.sha256]}; loaded once, as that file."
            )
            continue
        first_with[facts.sha256] = item.name
        pending.append((item, parsed, facts, result))
    if not pending:
        return results
    _stage_batch(con, kind, [(item, facts) for item, _, facts, _ in pending])
    try:
        counts = staged_counts(con, has_reported_by=kind is not STOP_SEARCH)
        todo: list[tuple[InputFile, PoliceUkFile, FileFacts, ImportResult, PreviousImport | None]] = []
        notes: dict[str, str] = {}
        holder: dict[tuple[str, dt.date], str] = {}
        for item, parsed, facts, result in pending:
            staged = counts.get(str(facts.read_path))
            force, notes[item.name] = records_force(
                name=item.name, name_force=parsed.force, reported_by=staged.reported_by if staged else {}
            )
            if (force, parsed.month) in holder:
                raise ImportFileError(
                    f"{holder[force, parsed.month]} and {item.name} both hold {force} {kind.label} records for "
                    f"{parsed.month_text}, with different contents. Import one of them (the newer police.uk "
                    "download); nothing was loaded from either.",
                    source_name=item.name,
                )
            holder[force, parsed.month] = item.name
            result.force = force
            todo.append((item, dataclasses.replace(parsed, force=force), facts, result, None))
        previous_imports = import_previous_many(
            con, kind=kind.kind, keys=[(parsed.force, parsed.month) for _, parsed, _, _, _ in todo]
        )
        todo = [(i, p, f, r, previous_imports.get((p.force, p.month))) for i, p, f, r, _ in todo]
        with batch_transaction(con):
            # One import id per file, in batch order, and the staged file name -> import id, force and month.
            ids = [
                int(r[0]) for r in con.execute("SELECT nextval('import_id_seq') FROM range(?)", [len(todo)]).fetchall()
            ]
            for (_item, _parsed, _facts, result, _), import_id in zip(todo, ids, strict=True):
                result.import_id = import_id
            con.execute(
                """CREATE OR REPLACE TEMP TABLE _files AS
                   SELECT unnest($names) AS filename, unnest($ids)::BIGINT AS import_id, unnest($forces) AS force,
                          unnest($months)::DATE AS month""",
                {
                    "names": [str(facts.read_path) for _, _, facts, _, _ in todo],
                    "ids": ids,
                    "forces": [parsed.force for _, parsed, _, _, _ in todo],
                    "months": [parsed.month for _, parsed, _, _, _ in todo],
                },
            )
            rejected_files = [f for f, c in counts.items() if c.rejected]
            reasons: dict[str, dict[str, int]] = {}
            if rejected_files:
                con.execute(
                    """CREATE OR REPLACE TEMP TABLE _bases AS
                       SELECT filename, min(rowid) AS first_rowid FROM _stage GROUP BY 1"""
                )
                by_reason = """SELECT filename, _code, count(*) FROM _stage WHERE _reason IS NOT NULL
                               GROUP BY ALL ORDER BY 3 DESC"""
                for filename, code, n in con.execute(by_reason).fetchall():
                    reasons.setdefault(filename, {})[code] = int(n)
            for _item, parsed, facts, result, previous in todo:
                assert result.import_id is not None
                if str(facts.read_path) in reasons:
                    rejects_write(
                        con, select_sql=_rejects_sql(kind), params=[str(facts.read_path)], import_id=result.import_id
                    )
                else:
                    rejects_path(result.import_id).unlink(missing_ok=True)
                if previous is not None:
                    con.execute(f"DELETE FROM {kind.table} WHERE force = ? AND month = ?", [parsed.force, parsed.month])  # noqa: S608
            # Record order inside a month does not matter, and letting DuckDB insert in parallel is ~35% faster.
            con.execute("SET preserve_insertion_order = false")
            try:
                con.execute(_insert_sql(kind), {"synthetic": synthetic})
            finally:
                con.execute("RESET preserve_insertion_order")
            unknown = _unknown_lsoas(con, kind)
            months = _months_by_force(con, kind, todo)
            without_crime = _outcomes_without_crime(con, kind)
            placement = _stop_search_placement(con, kind, synthetic=synthetic)
            elsewhere = crime_ids_elsewhere(con) if kind is STREET else {}
            area_tags: dict[int, int] = {}
            if kind.table == "crime":
                # Street records inside users' custom areas are tagged in the same transaction as their insert.
                from safer.intelligence.warehouse.custom_areas import custom_area_tag_imports

                area_tags = custom_area_tag_imports(con=con, record_table="crime", import_ids=ids)
            elapsed = time.perf_counter() - started
            batch_rows = sum(c.rows for c in counts.values()) or 1
            for item, parsed, facts, result, previous in todo:
                assert result.import_id is not None
                staged = counts.get(str(facts.read_path))
                in_file, rejected, no_location = (
                    (staged.rows, staged.rejected, staged.without_location) if staged else (0, 0, 0)
                )
                loaded = in_file - rejected
                quality: dict[str, Any] = {
                    "rows_in_file": in_file,
                    "rows_without_location": no_location,
                    "share_without_location": round(no_location / loaded, 4) if loaded else 0.0,
                }
                if kind is not STOP_SEARCH:
                    codes = unknown.get(str(facts.read_path), (0, []))
                    quality["lsoa_not_in_geography"] = codes[0]
                    quality["lsoa_not_in_geography_codes"] = codes[1][:20]
                    quality["lsoa_not_in_geography_distinct"] = len(codes[1])
                    quality["rows_not_placed"] = (
                        _scalar(
                            con,
                            f"""SELECT count(*) FROM {kind.table}
                                WHERE import_id = ? AND lsoa_code IS NOT NULL AND lad_code IS NULL""",  # noqa: S608
                            [result.import_id],
                        )
                        if codes[1]
                        else 0
                    )
                force_months = months.get(parsed.force, [])
                quality["months_missing"] = {parsed.force: month_gaps(force_months)}
                if force_months:
                    quality["months_present"] = {
                        parsed.force: [
                            min(force_months).isoformat()[:7],
                            max(force_months).isoformat()[:7],
                            len(force_months),
                        ]
                    }
                if result.import_id in area_tags:
                    quality["custom_area_records"] = area_tags[result.import_id]
                if kind is STREET:
                    twice, other_ids = elsewhere.get(result.import_id, (0, []))
                    quality["crime_ids_in_other_imports"] = twice
                    if twice:
                        quality["crime_ids_in_other_imports_ids"] = other_ids[:20]
                if kind is OUTCOMES:
                    quality["outcomes_without_crime"] = without_crime.get(result.import_id, 0)
                if kind is STOP_SEARCH:
                    quality.update(placement.get(result.import_id, {}))
                if rejected:
                    quality["rejected_by_reason"] = reasons.get(str(facts.read_path), {})
                if reimport:
                    quality["reimport"] = True
                if actor_label:
                    quality["actor"] = actor_label
                duration = elapsed * in_file / batch_rows
                import_run_record(
                    con,
                    import_id=result.import_id,
                    kind=kind.kind,
                    source_name=item.name,
                    checksum=facts.sha256,
                    force=parsed.force,
                    month=parsed.month,
                    rows_loaded=loaded,
                    rows_rejected=rejected,
                    started_at=started_at,
                    duration_seconds=duration,
                    synthetic=synthetic,
                    quality=quality,
                    replaced_import_id=previous.import_id if previous else None,
                )
                result.status = STATUS_REPLACED if previous is not None else STATUS_LOADED
                result.replaced_import_id = previous.import_id if previous else None
                result.rows_loaded, result.rows_rejected = loaded, rejected
                result.rejects_path = str(rejects_path(result.import_id)) if rejected else None
                result.quality = quality
                result.duration_seconds = duration
                verb = "replaced" if previous is not None else "loaded"
                result.message = f"{item.name}: {loaded:,} rows {verb}, {rejected:,} rejected.{notes[item.name]}"
    finally:
        con.execute("DROP TABLE IF EXISTS _stage")
    return results


def _unknown_lsoas(con: duckdb.DuckDBPyConnection, kind: PoliceUkKind) -> dict[str, tuple[int, list[str]]]:
    """Per staged file: valid rows whose LSOA code is not in the shipped lookup, and those codes."""
    if kind is STOP_SEARCH:
        return {}
    lsoa = _q("LSOA code")
    rows = con.execute(
        f"""SELECT s.filename, count(*), list(DISTINCT s.{lsoa} ORDER BY s.{lsoa})
            FROM _stage s ANTI JOIN lsoa l ON l.lsoa_code = s.{lsoa}
            WHERE s._reason IS NULL AND s.{lsoa} IS NOT NULL GROUP BY s.filename"""  # noqa: S608
    ).fetchall()
    return {r[0]: (int(r[1]), list(r[2] or [])) for r in rows}


def _months_by_force(
    con: duckdb.DuckDBPyConnection, kind: PoliceUkKind, todo: Sequence[tuple[Any, PoliceUkFile, Any, Any, Any]]
) -> dict[str, list[dt.date]]:
    """Months held per force for this kind: earlier imports plus this batch."""
    forces = sorted({parsed.force for _, parsed, _, _, _ in todo})
    months: dict[str, set[dt.date]] = {force: set() for force in forces}
    for force, month in con.execute(
        "SELECT DISTINCT force, month FROM import_run WHERE kind = ? AND list_contains(?, force)", [kind.kind, forces]
    ).fetchall():
        months[force].add(month)
    for _, parsed, _, _, _ in todo:
        months[parsed.force].add(parsed.month)
    return {force: sorted(values) for force, values in months.items()}


def _outcomes_without_crime(con: duckdb.DuckDBPyConnection, kind: PoliceUkKind) -> dict[int, int]:
    if kind is not OUTCOMES:
        return {}
    rows = con.execute(
        """SELECT o.import_id, count(*) FROM outcome o
           WHERE o.import_id IN (SELECT import_id FROM _files)
             AND NOT EXISTS (SELECT 1 FROM crime c WHERE c.crime_id = o.crime_id)
           GROUP BY 1"""
    ).fetchall()
    return {int(r[0]): int(r[1]) for r in rows}


def _stop_search_placement(
    con: duckdb.DuckDBPyConnection, kind: PoliceUkKind, *, synthetic: bool
) -> dict[int, dict[str, Any]]:
    """Per stop-and-search import of the batch: records placed at a map point, at the nearest one, or not; those
    not placed by map point but with coordinates are then placed by the LSOA boundary holding them."""
    if kind is not STOP_SEARCH:
        return {}
    from safer.intelligence.imports.boundary_fill import records_place_by_boundary

    sources = _scalar(
        con,
        "SELECT count(*) FROM crime WHERE lsoa_code IS NOT NULL AND easting IS NOT NULL AND (NOT synthetic OR ?)",
        [synthetic],
    )
    placement: dict[int, dict[str, Any]] = {}
    for import_id, exact, nearest, none in con.execute(
        f"""SELECT import_id, count(*) FILTER (WHERE geography_match = '{MAP_POINT}'),
               count(*) FILTER (WHERE geography_match = '{NEAREST_MAP_POINT}'),
               count(*) FILTER (WHERE geography_match IS NULL)
            FROM stop_search WHERE import_id IN (SELECT import_id FROM _files) GROUP BY 1"""  # noqa: S608
    ).fetchall():
        figures: dict[str, Any] = {
            "placed_at_map_point": int(exact),
            "placed_at_nearest_map_point": int(nearest),
            "not_placed_by_map_point": int(none),
            "map_point_street_records": sources,
        }
        if none:
            figures.update(records_place_by_boundary(con, table="stop_search", import_id=int(import_id)))
        if not sources:
            figures["placement_note"] = (
                "No street records with a location in the warehouse to place stop and searches by map point, so "
                "those with a location were placed by the LSOA boundary holding them. Import the street files for "
                "this area, then this file again (safer import-policeuk --reimport), to place them by map point."
            )
        placement[int(import_id)] = figures
    return placement
