"""Import one partner extract file into the warehouse: atomic, idempotent, validated row by row.

    result = offences_import(path=Path("offences-2021.csv"), mapping={"Crime No": "offence_ref"},
                             actor_label="analyst1")

- Structural problems (encoding, truncation, missing columns after mapping) raise ImportFileError before
  anything is written; the warehouse is unchanged.
- Row problems go to the rejects file (line numbers and reasons); good rows load.
- Same bytes already imported (and still current) -> status "already imported", nothing changes.
- "Same extract" = the same file name without extension (case-insensitive), e.g. "tv-offences-2021.csv"
  and "TV-offences-2021.csv.gz"; or an explicit `replace=IMPORT_ID`. A corrected file for the same extract
  deletes the previous import's rows and loads its own in ONE transaction (readers see old or new).
- Synthetic: a row is synthetic when its `synthetic` column is true, or when the file name contains
  "SYNTHETIC" (what `safer synth` writes); import_run.synthetic is set when any row is.
- After loading, records are tagged with the custom areas they fall in (same transaction).
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from safer.geography.bng import UK_BOUNDS, bng_select_sql
from safer.geography.placement import place_select_sql
from safer.intelligence.imports import (
    STATUS_ALREADY,
    STATUS_LOADED,
    STATUS_REPLACED,
    FileFacts,
    ImportFileError,
    ImportResult,
    Progress,
    check_csv_file,
    import_transaction,
    month_gaps,
    progress_emit,
    refresh_aggregates,
    rejects_path,
    rejects_write,
    stage_csv,
)
from safer.intelligence.imports.duplicates import already_imported_message
from safer.intelligence.imports.staging import STAGE_LINE, quote_ident
from safer.intelligence.sources.mapping import MappingError, mapping_resolve
from safer.intelligence.sources.offence_codes import offence_code_rows
from safer.intelligence.sources.schemas import (
    AE_SCHEMA,
    ASB_SCHEMA,
    DA_SCHEMA,
    OFFENCE_SCHEMA,
    ExtractSchema,
    structural_problems,
)
from safer.intelligence.sources.serious_violence import serious_violence_sql
from safer.intelligence.sources.validation import duplicate_reason_sql, grid_to_wgs84, typed_select_sql
from safer.intelligence.warehouse import writer

SYNTHETIC_MARKER = "SYNTHETIC"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractLoader:
    """How a dataset that is not a table of records keeps its validated rows (the postcode lookup): everything
    else (file checks, mapping, same bytes, staging, validation, rejects, the one transaction, history) is the
    extract path's own."""

    hint: str  # said after structural problems: what the file should be and where it is documented
    header_problems: Callable[[Collection[str]], list[str]]  # more checks of the mapped columns
    # Inside the transaction: replace `previous`'s rows (if any) and insert the good rows of _typed as `import_id`;
    # returns (rows loaded, quality counts).
    load: Callable[[duckdb.DuckDBPyConnection, int, int | None, bool], tuple[int, dict[str, Any]]]
    message: Callable[[str, str, ImportResult], str]  # (file name, "loaded"/"replaced import N with", result)


class ExtractReplaceError(ImportFileError):
    """--replace names an import that does not exist, is of another kind, or was already replaced."""


def extract_stem(name: str) -> str:
    """What makes two files "the same extract": the base name without .csv/.gz, lower case."""
    base = Path(name).name.lower()
    for suffix in (".gz", ".csv"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    return base


def offences_import(
    *,
    path: Path,
    mapping: Mapping[str, str] | None = None,
    actor_label: str = "",
    progress: Progress | None = None,
    name: str | None = None,
    replace: int | None = None,
    reimport: bool = False,
) -> ImportResult:
    """Import an offence-level recorded crime extract (see docs/extract-schemas.md)."""
    return extract_import(
        OFFENCE_SCHEMA,
        path=path,
        mapping=mapping,
        actor_label=actor_label,
        progress=progress,
        name=name,
        replace=replace,
        reimport=reimport,
    )


def asb_import(
    *,
    path: Path,
    mapping: Mapping[str, str] | None = None,
    actor_label: str = "",
    progress: Progress | None = None,
    name: str | None = None,
    replace: int | None = None,
    reimport: bool = False,
) -> ImportResult:
    """Import an ASB incident extract (see docs/extract-schemas.md)."""
    return extract_import(
        ASB_SCHEMA,
        path=path,
        mapping=mapping,
        actor_label=actor_label,
        progress=progress,
        name=name,
        replace=replace,
        reimport=reimport,
    )


def file_headings(path: Path, *, name: str, hint: str) -> list[str]:
    """The file's header line, after the shared checks (encoding, binary, HTML, truncation, empty)."""
    return file_facts(path, name=name, hint=hint).header


def file_samples(path: Path, *, rows: int = 50, width: int = 30) -> dict[str, str]:
    """For each heading of a checked file, the first value in its first `rows` rows (shortened), for mapping.

    The mapping page shows these beside the file's headings so an analyst can tell "Date" from "Date reported".
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    samples: dict[str, str] = {}
    with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        headings = [h.strip() for h in next(reader, [])]
        for _, row in zip(range(rows), reader, strict=False):
            for heading, value in zip(headings, row, strict=False):
                value = value.strip()
                if value and heading not in samples:
                    samples[heading] = value if len(value) <= width else value[: width - 1] + "…"
            if len(samples) == len(headings):
                break
    return samples


def file_facts(path: Path, *, name: str, hint: str) -> FileFacts:
    """One pass over the file: the shared checks, its sha256 and its header line."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            first = handle.readline(1024 * 1024)
    except OSError:
        first = b""
    guess_text = first.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")
    guess = [h.strip() for h in next(csv.reader(io.StringIO(guess_text)), [])]
    return check_csv_file(path, name=name, columns=guess, hint=hint)


def extract_import(
    schema: ExtractSchema,
    *,
    path: Path,
    mapping: Mapping[str, str] | None = None,
    actor_label: str = "",
    progress: Progress | None = None,
    name: str | None = None,
    replace: int | None = None,
    reimport: bool = False,
    loader: ExtractLoader | None = None,
) -> ImportResult:
    """Check, validate and load one extract file of `schema`'s kind; one ImportResult. A `loader` keeps the rows
    its own way (the postcode lookup); records are otherwise inserted into the schema's table, placed, tagged."""
    started = time.perf_counter()
    name = name or path.name
    hint = (
        loader.hint
        if loader
        else f"Is this an {schema.title.lower()}? See docs/extract-schemas.md, or map your headings with --map."
    )
    progress_emit(progress, 0, 3, f"checking {name}")
    facts = file_facts(path, name=name, hint=hint)
    headings = facts.header
    try:
        columns = mapping_resolve(schema, headings, mapping)
    except MappingError as error:
        raise ImportFileError(f"{error} ({name}, line 1)", source_name=name, line=1) from None
    problems = structural_problems(schema, list(columns))
    if not problems and loader:
        problems = loader.header_problems(list(columns))
    if problems:
        shown = ", ".join(f'"{h}"' for h in headings[:12])
        what_to_do = (
            loader.hint
            if loader
            else 'Rename them or map them to the schema\'s columns (--map "Their heading=column").'
        )
        raise ImportFileError(
            f"{'; '.join(problems)} in {name} (line 1). The file's headings are: {shown}. {what_to_do}",
            source_name=name,
            line=1,
        )
    checksum = facts.sha256
    file_synthetic = SYNTHETIC_MARKER in name.upper()
    result = ImportResult(source_name=name, kind=schema.kind, status=STATUS_LOADED)
    with writer() as con:
        current = current_imports(con, schema.kind)
        same_bytes = next((i for i, (_n, c) in current.items() if c == checksum), None)
        if same_bytes is not None and not reimport and replace is None:
            result.status = STATUS_ALREADY
            result.import_id = same_bytes
            result.message = already_imported_message(name, source_name=current[same_bytes][0], import_id=same_bytes)
            result.duration_seconds = time.perf_counter() - started
            return result
        previous = previous_extract(current, name=name, replace=replace, kind=schema.kind)
        progress_emit(progress, 1, 3, f"validating {name}")
        stage_csv(con, path=path, name=name, columns=headings)
        try:
            validate_staged(con, schema, columns)
            with import_transaction(
                con,
                kind=schema.kind,
                source_name=name,
                checksum=checksum,
                synthetic=file_synthetic or _any_synthetic(con),
                replaced_import_id=previous,
            ) as run:
                rejected = rejects_write(con, select_sql=rejects_sql(headings), import_id=run.import_id)
                if loader:
                    loaded, quality = loader.load(con, run.import_id, previous, file_synthetic)
                else:
                    loaded, quality = _records_load(con, schema, run.import_id, previous, file_synthetic)
                run.rows_loaded, run.rows_rejected = loaded, rejected
                quality["rows_in_file"] = loaded + rejected
                quality["columns_mapped"] = {c: h for c, h in columns.items() if c != h}
                if rejected:
                    quality["rejected_by_reason"] = rejects_summary(con)
                if actor_label:
                    quality["actor"] = actor_label
                run.quality = quality
        finally:
            for table in ("_typed", "_stage", "_offence_codes"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute("DROP VIEW IF EXISTS _mapped")
        if not loader:  # a lookup adds no records: the dashboards' aggregates do not change
            progress_emit(progress, 2, 3, f"refreshing dashboards after {name}")
            try:
                refresh_aggregates(con, None)
            except duckdb.Error:  # the import is committed; dashboards catch up on the next refresh
                logger.exception("Dashboard aggregates refresh failed after extract import %s", run.import_id)
    progress_emit(progress, 3, 3, name)
    result.import_id = run.import_id
    result.status = STATUS_REPLACED if previous is not None else STATUS_LOADED
    result.replaced_import_id = previous
    result.rows_loaded, result.rows_rejected = run.rows_loaded, run.rows_rejected
    result.rejects_path = str(rejects_path(run.import_id)) if run.rows_rejected else None
    result.quality = run.quality
    result.duration_seconds = time.perf_counter() - started
    verb = f"replaced import {previous} with" if previous is not None else "loaded"
    if loader:
        result.message = loader.message(name, verb, result)
        return result
    result.message = f"{name}: {verb} {run.rows_loaded:,} rows, {run.rows_rejected:,} rejected."
    if "placed_by_postcode" in run.quality:
        result.message += " " + postcode_placement_sentence(run.quality)
    return result


def _records_load(
    con: duckdb.DuckDBPyConnection, schema: ExtractSchema, import_id: int, previous: int | None, synthetic: bool
) -> tuple[int, dict[str, Any]]:
    """Insert the good rows of _typed as records of `schema` (replacing `previous`'s), placed by boundary (and A&E
    by postcode) and tagged with custom areas; (rows loaded, quality counts)."""
    if previous is not None:
        _delete_import(con, schema.table, previous)
    con.execute(_insert_sql(schema), [import_id, synthetic])
    from safer.intelligence.imports.boundary_fill import records_place_by_boundary
    from safer.intelligence.warehouse.custom_areas import custom_area_tag_import

    placement = records_place_by_boundary(con, table=schema.table, import_id=import_id)
    if schema.kind == AE_SCHEMA.kind:
        from safer.intelligence.imports.postcodes import ae_place_by_postcode

        placement.update(ae_place_by_postcode(con, import_id=import_id))
    loaded = scalar(con, f"SELECT count(*) FROM {schema.table} WHERE import_id = ?", [import_id])  # noqa: S608
    quality = _quality(con, schema, import_id=import_id)
    quality.update(placement)
    quality["custom_area_records"] = custom_area_tag_import(con=con, record_table=schema.table, import_id=import_id)
    return loaded, quality


def postcode_placement_sentence(quality: Mapping[str, Any]) -> str:
    """What the A&E import summary says about placing attendances by postcode (docs/postcodes.md)."""
    sentence = (
        f"Placed by postcode: {quality['placed_by_postcode']:,}; postcodes not found: "
        f"{quality['postcodes_not_found']:,} ({quality['rows_postcode_not_found']:,} attendances)."
    )
    if quality["rows_postcode_not_found"] and not quality["postcode_lookup_size"]:
        sentence += " No postcode lookup is imported yet: safer import-postcodes (docs/postcodes.md) places them."
    return sentence


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    """The first column of the first row as an int (0 when NULL or no row)."""
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def current_imports(con: duckdb.DuckDBPyConnection, kind: str) -> dict[int, tuple[str, str]]:
    """{import_id: (source_name, checksum)} of this kind's imports not yet replaced by a later one."""
    rows = con.execute(
        """SELECT import_id, source_name, checksum FROM import_run r
           WHERE kind = ? AND NOT EXISTS (SELECT 1 FROM import_run n WHERE n.replaced_import_id = r.import_id)
           ORDER BY import_id""",
        [kind],
    ).fetchall()
    return {int(r[0]): (str(r[1]), str(r[2])) for r in rows}


def previous_extract(current: dict[int, tuple[str, str]], *, name: str, replace: int | None, kind: str) -> int | None:
    if replace is not None:
        if replace not in current:
            raise ExtractReplaceError(
                f"Import {replace} is not a current {kind} import (it does not exist, is another kind, or was "
                "already replaced). See the import history for the import to replace.",
                source_name=name,
            )
        return replace
    stem = extract_stem(name)
    same = [i for i, (n, _c) in current.items() if extract_stem(n) == stem]
    return max(same) if same else None


def validate_staged(con: duckdb.DuckDBPyConnection, schema: ExtractSchema, columns: Mapping[str, str]) -> None:
    """Build _mapped (schema column names) and _typed (parsed values and reasons) from _stage."""
    selects = [f"{STAGE_LINE} AS _line"]
    for column in schema.names:
        heading = columns.get(column)
        selects.append(f"{quote_ident(heading)} AS {column}" if heading else f"NULL::VARCHAR AS {column}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW _mapped AS SELECT {', '.join(selects)} FROM _stage")  # noqa: S608
    if "offence_code" in schema.names:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _offence_codes (code VARCHAR PRIMARY KEY, description VARCHAR,
                   offence_group VARCHAR, offence_subgroup VARCHAR, policeuk_category VARCHAR)"""
        )
        con.executemany("INSERT INTO _offence_codes VALUES (?, ?, ?, ?, ?)", offence_code_rows())
    con.execute(f"CREATE OR REPLACE TEMP TABLE _typed AS {typed_select_sql(schema)}")
    # Grid references -> WGS84 (pyproj, vectorised) where the file gave no latitude/longitude.
    grid = con.execute(
        """SELECT _line, t_easting, t_northing FROM _typed
           WHERE t_latitude IS NULL AND t_longitude IS NULL AND t_easting IS NOT NULL AND t_northing IS NOT NULL
             AND _reasons = ''"""
    ).fetchnumpy()
    if len(grid["_line"]):
        longitude, latitude = grid_to_wgs84(grid["t_easting"], grid["t_northing"])
        converted = pd.DataFrame({"_gl": grid["_line"], "_glon": longitude, "_glat": latitude})
        con.register("_grid_converted", converted)
        try:
            b = UK_BOUNDS
            con.execute(
                f"""UPDATE _typed SET t_longitude = g._glon, t_latitude = g._glat,
                       _reasons = CASE WHEN g._glat NOT BETWEEN {b["min_latitude"]} AND {b["max_latitude"]}
                           OR g._glon NOT BETWEEN {b["min_longitude"]} AND {b["max_longitude"]}
                           THEN 'easting/northing (' || t_easting || ', ' || t_northing || ') is outside the UK'
                           ELSE _reasons END
                   FROM _grid_converted g WHERE _typed._line = g._gl"""  # noqa: S608
            )
        finally:
            con.unregister("_grid_converted")
    con.execute(duplicate_reason_sql(schema))


def _any_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    return scalar(con, "SELECT count(*) FROM _typed WHERE _reasons = '' AND t_synthetic") > 0


def rejects_sql(headings: list[str]) -> str:
    """SELECT of the rejected rows of _typed with their original columns, for rejects_write."""
    originals = ", ".join(f"s.{quote_ident(h)}" for h in headings)
    return f"""SELECT t._line AS line, t._reasons AS reason, {originals}
        FROM _typed t JOIN (SELECT {STAGE_LINE} AS _sl, * FROM _stage) s ON s._sl = t._line
        WHERE t._reasons <> ''"""  # noqa: S608


def rejects_summary(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The commonest reasons rows of _typed were rejected, values left out, with their counts."""
    rows = con.execute(
        """SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(trim(r), ' ?"[^"]*"', '', 'g'),
                   ' ?\\([^)]*\\)', '', 'g'), ': .*$', ''), 'line \\d+', 'an earlier line') AS reason, count(*) FROM
               (SELECT unnest(string_split(_reasons, '; ')) AS r FROM _typed WHERE _reasons <> '')
           GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"""
    ).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def _delete_import(con: duckdb.DuckDBPyConnection, table: str, import_id: int) -> None:
    con.execute(
        f"""DELETE FROM custom_area_record WHERE record_table = ?
            AND record_id IN (SELECT record_id FROM {table} WHERE import_id = ?)""",  # noqa: S608
        [table, import_id],
    )
    con.execute(f"DELETE FROM {table} WHERE import_id = ?", [import_id])  # noqa: S608


_GOOD = "(SELECT * FROM _typed WHERE _reasons = '')"
_GEOGRAPHY = "lad_code, lad_name, county_name, pfa_name"


def _placed_sql() -> str:
    with_bng = bng_select_sql(_GOOD, longitude="t_longitude", latitude="t_latitude")
    return place_select_sql(f"({with_bng})", lsoa_code="t_lsoa_code", lsoa_name=None)


def _insert_sql(schema: ExtractSchema) -> str:
    """INSERT ... SELECT of every good row; parameters: import_id, file-level synthetic flag."""
    common_before = (
        "timezone('Europe/London', t_occurred_at), date_trunc('month', t_occurred_at)::DATE, "
        "t_longitude, t_latitude, coalesce(t_easting, easting), coalesce(t_northing, northing), "
        f"t_lsoa_code, {_GEOGRAPHY}"
    )
    if schema.kind == OFFENCE_SCHEMA.kind:
        return f"""INSERT INTO offence (record_id, offence_ref, offence_code, offence_description, offence_group,
                policeuk_category, occurred_at, month, longitude, latitude, easting, northing,
                lsoa_code, {_GEOGRAPHY}, domestic_abuse, hate_strand, knife_sharp_instrument, alcohol,
                serious_violence_group, victim_age_band, victim_sex, victim_ethnicity,
                suspect_age_band, suspect_sex, suspect_ethnicity, victim_ref, suspect_ref, victim_age, suspect_age,
                import_id, synthetic)
            SELECT nextval('record_id_seq'), t_offence_ref, t_offence_code, t_offence_description, t_offence_group,
                t_policeuk_category, {common_before}, t_domestic_abuse, t_hate_strand, t_knife_sharp_instrument,
                t_alcohol, {serious_violence_sql("t_offence_code", "t_knife_sharp_instrument")},
                t_victim_age_band, t_victim_sex, t_victim_ethnicity, t_suspect_age_band, t_suspect_sex,
                t_suspect_ethnicity, t_victim_ref, t_suspect_ref, t_victim_age, t_suspect_age,
                $1, coalesce(t_synthetic, FALSE) OR $2
            FROM ({_placed_sql()})"""  # noqa: S608
    if schema.kind == DA_SCHEMA.kind:
        return f"""INSERT INTO da_incident (record_id, incident_ref, occurred_at, month, longitude, latitude, easting,
                northing, lsoa_code, {_GEOGRAPHY}, perpetrator_ref, victim_ref, relationship, crime, offence_code,
                dash_risk, import_id, synthetic)
            SELECT nextval('record_id_seq'), t_incident_ref, {common_before}, t_perpetrator_ref, t_victim_ref,
                t_relationship, t_crime, CASE WHEN t_crime THEN t_offence_code END, t_dash_risk, $1,
                coalesce(t_synthetic, FALSE) OR $2
            FROM ({_placed_sql()})"""  # noqa: S608
    if schema.kind == AE_SCHEMA.kind:
        # The record's time and month are the attendance's (always given); the incident time is kept beside it.
        attended = common_before.replace("t_occurred_at", "t_attended_at")
        return f"""INSERT INTO ae_attendance (record_id, attendance_ref, attended_at, month, longitude, latitude,
                easting, northing, lsoa_code, {_GEOGRAPHY}, incident_at, incident_location, postcode, assault_means,
                location_type, import_id, synthetic)
            SELECT nextval('record_id_seq'), t_attendance_ref, {attended},
                timezone('Europe/London', t_incident_at), t_incident_location, t_postcode, t_assault_means,
                t_location_type, $1, coalesce(t_synthetic, FALSE) OR $2
            FROM ({_placed_sql()})"""  # noqa: S608
    return f"""INSERT INTO asb_incident (record_id, incident_ref, occurred_at, month, longitude, latitude, easting,
                northing, lsoa_code, {_GEOGRAPHY}, asb_category, asb_type, reporter_pseudonym, source_agency,
                import_id, synthetic)
            SELECT nextval('record_id_seq'), t_incident_ref, {common_before}, t_asb_category, t_asb_type,
                t_reporter_pseudonym, t_source_agency, $1, coalesce(t_synthetic, FALSE) OR $2
            FROM ({_placed_sql()})"""  # noqa: S608


def _quality(con: duckdb.DuckDBPyConnection, schema: ExtractSchema, *, import_id: int) -> dict[str, Any]:
    table = schema.table
    row = con.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE longitude IS NULL OR latitude IS NULL),
                   count(*) FILTER (WHERE lsoa_code IS NULL),
                   count(DISTINCT lsoa_code) FILTER (WHERE lsoa_code IS NOT NULL AND lad_code IS NULL),
                   count(*) FILTER (WHERE lsoa_code IS NOT NULL AND lad_code IS NULL),
                   count(*) FILTER (WHERE synthetic)
            FROM {table} WHERE import_id = ?""",  # noqa: S608
        [import_id],
    ).fetchone()
    assert row is not None
    total = int(row[0])
    months = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT month FROM {table} WHERE import_id = ? ORDER BY 1",  # noqa: S608
            [import_id],
        ).fetchall()
    ]
    quality: dict[str, Any] = {
        "rows_without_location": int(row[1]),
        "share_without_location": round(int(row[1]) / total, 4) if total else 0.0,
        "rows_without_lsoa": int(row[2]),
        "lsoa_not_in_geography": int(row[4]),
        "lsoa_not_in_geography_distinct": int(row[3]),
        "synthetic_records": int(row[5]),
        "months_present": [months[0].strftime("%Y-%m"), months[-1].strftime("%Y-%m"), len(months)] if months else [],
        "months_missing": month_gaps(months),
    }
    if schema.kind == OFFENCE_SCHEMA.kind:
        groups = dict(
            con.execute(
                """SELECT coalesce(serious_violence_group::VARCHAR, 'none'), count(*) FROM offence
                   WHERE import_id = ? GROUP BY 1""",
                [import_id],
            ).fetchall()
        )
        quality["serious_violence"] = {"group_1": groups.get("1", 0), "group_2": groups.get("2", 0)}
    return quality
