"""The ONS postcode lookup (ONSPD or NSPL) in the warehouse, and placing A&E attendances by their postcode.

    result = postcodes_import(path=Path("NSPL21_FEB_2024_UK.csv"), actor_label="analyst1")
    counts = ae_place_by_postcode(con)  # attendances with only a postcode, placed now the lookup has it

The file goes through the same steps as every extract (extracts.py): shared file checks, column mapping (the
ONS headings pcds, lsoa11/lsoa21, oslaua/laua, lat/long, oseast1m/osnrth1m, doterm are recognised without
one), row validation with a rejects file, one transaction with its import_run row, same bytes never twice.
Only postcode -> LSOA, district and point is kept (table `postcode`). A postcode in a newer file replaces the
same postcode from an earlier one, so split files add up and a newer release updates. Each postcode gets
the 2011 LSOA records take (`place_lsoa_code`): its published LSOA when the warehouse geography knows it
(2011 codes, and 2021 codes unchanged since 2011), else the LSOA whose boundary holds its point.
After loading, attendances still unplaced that carry a postcode are placed (retroactively).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from safer.geography.bng import bng_select_sql
from safer.geography.boundary_placement import boundary_place
from safer.geography.placement import LSOA_CODE_SQL_PATTERN
from safer.intelligence.imports import (
    STATUS_ALREADY,
    STATUS_LOADED,
    STATUS_REPLACED,
    ImportFileError,
    ImportResult,
    Progress,
    import_transaction,
    progress_emit,
    rejects_path,
    rejects_write,
    stage_csv,
)
from safer.intelligence.imports.duplicates import already_imported_message
from safer.intelligence.imports.extracts import (
    SYNTHETIC_MARKER,
    current_imports,
    file_facts,
    previous_extract,
    rejects_sql,
    rejects_summary,
    scalar,
    validate_staged,
)
from safer.intelligence.sources.mapping import MappingError, mapping_resolve
from safer.intelligence.sources.schemas import POSTCODE_SCHEMA, structural_problems
from safer.intelligence.warehouse import writer

PLACED_BY_POSTCODE = "postcode"
_HINT = "Is this the ONS Postcode Directory or the NSPL? See docs/postcodes.md, or map your headings with --map."


def postcodes_import(
    *,
    path: Path,
    mapping: Mapping[str, str] | None = None,
    actor_label: str = "",
    progress: Progress | None = None,
    name: str | None = None,
    replace: int | None = None,
    reimport: bool = False,
) -> ImportResult:
    """Check, validate and load one postcode lookup file, then place unplaced A&E attendances by postcode."""
    schema = POSTCODE_SCHEMA
    started = time.perf_counter()
    name = name or path.name
    progress_emit(progress, 0, 3, f"checking {name}")
    facts = file_facts(path, name=name, hint=_HINT)
    try:
        columns = mapping_resolve(schema, facts.header, mapping)
    except MappingError as error:
        raise ImportFileError(f"{error} ({name}, line 1)", source_name=name, line=1) from None
    problems = structural_problems(schema, list(columns))
    if not problems and not ({"lsoa_code", "lad_code", "latitude", "easting"} & set(columns)):
        problems.append('No column places a postcode ("lsoa_code", "lad_code", "latitude"/"longitude" or "easting")')
    if problems:
        shown = ", ".join(f'"{h}"' for h in facts.header[:12])
        raise ImportFileError(
            f"{'; '.join(problems)} in {name} (line 1). The file's headings are: {shown}. {_HINT}",
            source_name=name,
            line=1,
        )
    result = ImportResult(source_name=name, kind=schema.kind, status=STATUS_LOADED)
    with writer() as con:
        current = current_imports(con, schema.kind)
        same_bytes = next((i for i, (_n, c) in current.items() if c == facts.sha256), None)
        if same_bytes is not None and not reimport and replace is None:
            result.status, result.import_id = STATUS_ALREADY, same_bytes
            result.message = already_imported_message(name, source_name=current[same_bytes][0], import_id=same_bytes)
            result.duration_seconds = time.perf_counter() - started
            return result
        previous = previous_extract(current, name=name, replace=replace, kind=schema.kind)
        progress_emit(progress, 1, 3, f"validating {name}")
        stage_csv(con, path=path, name=name, columns=facts.header)
        try:
            validate_staged(con, schema, columns)
            file_synthetic = SYNTHETIC_MARKER in name.upper()
            any_synthetic = scalar(con, "SELECT count(*) FROM _typed WHERE _reasons = '' AND t_synthetic") > 0
            with import_transaction(
                con,
                kind=schema.kind,
                source_name=name,
                checksum=facts.sha256,
                synthetic=file_synthetic or any_synthetic,
                replaced_import_id=previous,
            ) as run:
                rejected = rejects_write(con, select_sql=rejects_sql(facts.header), import_id=run.import_id)
                if previous is not None:
                    con.execute("DELETE FROM postcode WHERE import_id = ?", [previous])
                quality = _postcodes_load(con, import_id=run.import_id, synthetic=file_synthetic)
                run.rows_loaded, run.rows_rejected = quality["postcodes"], rejected
                quality["rows_in_file"] = run.rows_loaded + rejected
                quality["columns_mapped"] = {c: h for c, h in columns.items() if c != h}
                if rejected:
                    quality["rejected_by_reason"] = rejects_summary(con)
                if actor_label:
                    quality["actor"] = actor_label
                quality.update({f"ae_{k}": v for k, v in ae_place_by_postcode(con).items()})
                run.quality = quality
        finally:
            for table in ("_typed", "_stage"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute("DROP VIEW IF EXISTS _mapped")
    progress_emit(progress, 3, 3, name)
    result.import_id = run.import_id
    result.status = STATUS_REPLACED if previous is not None else STATUS_LOADED
    result.replaced_import_id = previous
    result.rows_loaded, result.rows_rejected = run.rows_loaded, run.rows_rejected
    result.rejects_path = str(rejects_path(run.import_id)) if run.rows_rejected else None
    result.quality = run.quality
    result.duration_seconds = time.perf_counter() - started
    verb = f"replaced import {previous} with" if previous is not None else "loaded"
    q = run.quality
    result.message = (
        f"{name}: {verb} {run.rows_loaded:,} postcodes, {run.rows_rejected:,} rejected. A&E attendances placed "
        f"by postcode now: {q['ae_placed_by_postcode']:,}; A&E postcodes still not found: "
        f"{q['ae_postcodes_not_found']:,}."
    )
    return result


def _postcodes_load(con: duckdb.DuckDBPyConnection, *, import_id: int, synthetic: bool) -> dict[str, Any]:
    """Insert the good rows of _typed (replacing the same postcodes from earlier imports); quality counts."""
    good = "(SELECT * FROM _typed WHERE _reasons = '')"
    con.execute(
        f"""DELETE FROM postcode WHERE postcode IN
            (SELECT replace(t_postcode, ' ', '') FROM {good})"""  # noqa: S608
    )
    with_bng = bng_select_sql(good, longitude="t_longitude", latitude="t_latitude")
    ew = f"regexp_full_match(g.t_lsoa_code, '{LSOA_CODE_SQL_PATTERN}')"
    con.execute(
        f"""INSERT INTO postcode (postcode, lsoa_code, place_lsoa_code, lad_code, longitude, latitude, easting,
                northing, terminated, import_id, synthetic)
            SELECT replace(g.t_postcode, ' ', ''), CASE WHEN {ew} THEN g.t_lsoa_code END, l.lsoa_code,
                g.t_lad_code, round(g.t_longitude, 6), round(g.t_latitude, 6),
                round(coalesce(g.t_easting, g.easting))::INTEGER, round(coalesce(g.t_northing, g.northing))::INTEGER,
                g.t_terminated, ?, coalesce(g.t_synthetic, FALSE) OR ?
            FROM ({with_bng}) g LEFT JOIN lsoa l ON l.lsoa_code = g.t_lsoa_code""",  # noqa: S608
        [import_id, synthetic],
    )
    # A published LSOA the geography does not know (a 2021 code that changed), or none: place the point.
    points = con.execute(
        """SELECT easting, northing FROM postcode
           WHERE import_id = ? AND place_lsoa_code IS NULL AND easting IS NOT NULL
             AND (lsoa_code IS NOT NULL OR lad_code IS NULL OR regexp_full_match(lad_code, '[EW][0-9]{8}'))
           GROUP BY ALL""",
        [import_id],
    ).fetchnumpy()
    by_boundary = 0
    if points["easting"].size:
        placement = boundary_place(easting=points["easting"], northing=points["northing"])
        placed = placement.match != ""
        _placed = {  # noqa: F841 - read by DuckDB below
            "easting": points["easting"][placed],
            "northing": points["northing"][placed],
            "lsoa_code": np.asarray(placement.lsoa_code[placed], dtype=object),
        }
        con.register("_placed", _placed)
        try:
            con.execute(
                """UPDATE postcode SET place_lsoa_code = p.lsoa_code FROM _placed p
                   WHERE postcode.import_id = ? AND postcode.place_lsoa_code IS NULL
                     AND postcode.easting = p.easting AND postcode.northing = p.northing""",
                [import_id],
            )
        finally:
            con.unregister("_placed")
        by_boundary = scalar(
            con,
            """SELECT count(*) FROM postcode WHERE import_id = ? AND place_lsoa_code IS NOT NULL
               AND place_lsoa_code IS DISTINCT FROM lsoa_code""",
            [import_id],
        )
    row = con.execute(
        """SELECT count(*), count(*) FILTER (WHERE terminated IS NOT NULL),
                  count(*) FILTER (WHERE place_lsoa_code IS NOT NULL AND place_lsoa_code = lsoa_code),
                  count(*) FILTER (WHERE place_lsoa_code IS NULL), count(*) FILTER (WHERE latitude IS NULL),
                  count(*) FILTER (WHERE synthetic)
           FROM postcode WHERE import_id = ?""",
        [import_id],
    ).fetchone()
    assert row is not None
    return {
        "postcodes": int(row[0]),
        "terminated": int(row[1]),
        "lsoa_as_published": int(row[2]),
        "lsoa_by_boundary": by_boundary,
        "no_lsoa_in_geography": int(row[3]),
        "no_point": int(row[4]),
        "synthetic_records": int(row[5]),
    }


def ae_place_by_postcode(con: duckdb.DuckDBPyConnection, *, import_id: int | None = None) -> dict[str, int]:
    """Place A&E attendances that have a postcode but no LSOA and no coordinates; counts for the summary.

    All such attendances, or one import's. They take the postcode's LSOA (and the district, county and force
    it lies in), or the postcode's district alone when no LSOA is known, and its point as their coordinates;
    `geography_match` says "postcode". Custom-area tags of the imports touched are rebuilt.
    """
    only = "AND a.import_id = ?" if import_id is not None else ""
    params: list[Any] = [import_id] if import_id is not None else []
    unplaced = f"a.lsoa_code IS NULL AND a.lad_code IS NULL AND a.easting IS NULL AND a.postcode IS NOT NULL {only}"
    touched = [
        int(r[0])
        for r in con.execute(
            f"""SELECT DISTINCT a.import_id FROM ae_attendance a JOIN postcode p
                ON p.postcode = replace(a.postcode, ' ', '') WHERE {unplaced}""",  # noqa: S608
            params,
        ).fetchall()
    ]
    row = con.execute(
        f"""UPDATE ae_attendance AS a SET lsoa_code = x.lsoa_code, lad_code = x.lad_code, lad_name = x.lad_name,
                county_name = x.county_name, pfa_name = x.pfa_name, longitude = x.longitude, latitude = x.latitude,
                easting = x.easting, northing = x.northing, geography_match = '{PLACED_BY_POSTCODE}'
            FROM (SELECT p.postcode, l.lsoa_code, coalesce(l.lad_code, d.lad_code) AS lad_code,
                         coalesce(l.lad_name, d.lad_name) AS lad_name,
                         coalesce(l.county_name, d.county_name) AS county_name,
                         coalesce(l.pfa_name, d.pfa_name) AS pfa_name,
                         p.longitude, p.latitude, p.easting, p.northing
                  FROM postcode p LEFT JOIN lsoa l ON l.lsoa_code = p.place_lsoa_code
                  LEFT JOIN district d ON d.lad_code = p.lad_code
                  WHERE l.lsoa_code IS NOT NULL OR d.lad_code IS NOT NULL) x
            WHERE replace(a.postcode, ' ', '') = x.postcode AND {unplaced}""",  # noqa: S608
        params,
    ).fetchone()
    placed = int(row[0]) if row else 0
    if placed and touched and import_id is None:  # at import, the extract's own tagging follows
        _retag(con, touched)
    missing = con.execute(
        f"""SELECT count(DISTINCT a.postcode) FILTER (WHERE p.postcode IS NULL),
                   count(*) FILTER (WHERE p.postcode IS NULL),
                   count(DISTINCT a.postcode) FILTER (WHERE p.postcode IS NOT NULL)
            FROM ae_attendance a LEFT JOIN postcode p ON p.postcode = replace(a.postcode, ' ', '')
            WHERE {unplaced}""",  # noqa: S608
        params,
    ).fetchone()
    assert missing is not None
    return {
        "placed_by_postcode": placed,
        "postcodes_not_found": int(missing[0] or 0),
        "rows_postcode_not_found": int(missing[1] or 0),
        "postcodes_found_without_area": int(missing[2] or 0),
        "postcode_lookup_size": scalar(con, "SELECT count(*) FROM postcode"),
    }


def _retag(con: duckdb.DuckDBPyConnection, import_ids: Sequence[int]) -> None:
    """Rebuild the custom-area tags of these A&E imports (some of their records have just gained a point)."""
    from safer.intelligence.warehouse.custom_areas import custom_area_tag_imports

    if con.execute("SELECT count(*) FROM custom_area").fetchone() == (0,):
        return
    con.execute(
        """DELETE FROM custom_area_record WHERE record_table = 'ae_attendance'
           AND record_id IN (SELECT record_id FROM ae_attendance WHERE list_contains(?, import_id))""",
        [list(import_ids)],
    )
    custom_area_tag_imports(con=con, record_table="ae_attendance", import_ids=import_ids)
