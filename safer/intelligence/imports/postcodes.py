"""The ONS postcode lookup (ONSPD or NSPL) in the warehouse, and placing A&E attendances by their postcode.

    result = postcodes_import(path=Path("NSPL21_FEB_2024_UK.csv"), actor_label="analyst1")
    counts = ae_place_by_postcode(con)  # attendances with only a postcode, placed now the lookup has it

The file goes through the one extract path (extracts.extract_import, with POSTCODE_LOADER): file checks, mapping (the
ONS headings pcds, lsoa11/lsoa21, oslaua/laua, lat/long, oseast1m/osnrth1m, doterm are recognised without
one), row validation with a rejects file, one transaction with its import_run row, same bytes never twice.
Only postcode -> LSOA, district and point is kept (table `postcode`). A postcode in a newer file replaces the
same postcode from an earlier one, so split files add up and a newer release updates. Each postcode gets
the 2011 LSOA records take (`place_lsoa_code`): its published LSOA when the warehouse geography knows it
(2011 codes, and 2021 codes unchanged since 2011), else the LSOA whose boundary holds its point.
After loading, attendances still unplaced that carry a postcode are placed (retroactively).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from safer.geography.bng import bng_select_sql
from safer.geography.boundary_placement import boundary_place
from safer.geography.placement import LSOA_CODE_SQL_PATTERN
from safer.intelligence.imports import ImportResult, Progress
from safer.intelligence.imports.extracts import ExtractLoader, extract_import, scalar
from safer.intelligence.sources.schemas import POSTCODE_SCHEMA

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
    return extract_import(
        POSTCODE_SCHEMA,
        path=path,
        mapping=mapping,
        actor_label=actor_label,
        progress=progress,
        name=name,
        replace=replace,
        reimport=reimport,
        loader=POSTCODE_LOADER,
    )


def _header_problems(columns: Collection[str]) -> list[str]:
    if {"lsoa_code", "lad_code", "latitude", "easting"} & set(columns):
        return []
    return ['No column places a postcode ("lsoa_code", "lad_code", "latitude"/"longitude" or "easting")']


def _load(
    con: duckdb.DuckDBPyConnection, import_id: int, previous: int | None, synthetic: bool
) -> tuple[int, dict[str, Any]]:
    if previous is not None:
        con.execute("DELETE FROM postcode WHERE import_id = ?", [previous])
    quality = _postcodes_load(con, import_id=import_id, synthetic=synthetic)
    quality.update({f"ae_{k}": v for k, v in ae_place_by_postcode(con).items()})
    return quality["postcodes"], quality


def _message(name: str, verb: str, result: ImportResult) -> str:
    q = result.quality
    return (
        f"{name}: {verb} {result.rows_loaded:,} postcodes, {result.rows_rejected:,} rejected. A&E attendances placed "
        f"by postcode now: {q['ae_placed_by_postcode']:,}; A&E postcodes still not found: "
        f"{q['ae_postcodes_not_found']:,}."
    )


POSTCODE_LOADER = ExtractLoader(hint=_HINT, header_problems=_header_problems, load=_load, message=_message)


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
