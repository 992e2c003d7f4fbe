"""Give records that carry coordinates but no LSOA the LSOA whose boundary holds them, at import.

Point in polygon against the shipped 2011 LSOA boundaries (safer/geography/boundary_placement.py); the
district, county and force then follow from the `lsoa` lookup. Partner extracts use it for every record
without an LSOA; police.uk stop and searches for those their map point did not place. Counts (of records)
go into the import's quality summary.
"""

from __future__ import annotations

import duckdb
import numpy as np

from safer.geography.boundary_placement import IN_BOUNDARY, NEAREST_BOUNDARY, boundary_place

# Record tables, and whether the table says how each record was placed (`geography_match`).
_TABLES = {"offence": False, "asb_incident": False, "da_incident": False, "ae_attendance": True, "stop_search": True}


def records_place_by_boundary(con: duckdb.DuckDBPyConnection, *, table: str, import_id: int) -> dict[str, int]:
    """Place this import's records with coordinates and no LSOA; returns counts for the quality summary."""
    if table not in _TABLES:
        raise ValueError(f"No boundary placement for table {table!r}")
    # Records at one point share a placement: each distinct point is placed once.
    points = con.execute(
        f"""SELECT easting, northing, count(*) AS n FROM {table}
            WHERE import_id = ? AND lsoa_code IS NULL AND easting IS NOT NULL AND northing IS NOT NULL
            GROUP BY easting, northing""",  # noqa: S608
        [import_id],
    ).fetchnumpy()
    if points["n"].size == 0:
        return {"placed_by_boundary": 0, "placed_by_nearest_boundary": 0, "not_placed_by_boundary": 0}
    placement = boundary_place(easting=points["easting"], northing=points["northing"])
    placed = placement.match != ""
    _placed = {  # noqa: F841 - read by DuckDB below
        "easting": points["easting"][placed],
        "northing": points["northing"][placed],
        "lsoa_code": np.asarray(placement.lsoa_code[placed], dtype=object),
        "match": np.asarray(placement.match[placed], dtype=object),
    }
    match_sql = ", geography_match = p.match" if _TABLES[table] else ""
    con.register("_placed", _placed)
    try:
        con.execute(
            f"""UPDATE {table} SET lsoa_code = p.lsoa_code, lad_code = l.lad_code, lad_name = l.lad_name,
                    county_name = l.county_name, pfa_name = l.pfa_name{match_sql}
                FROM _placed p JOIN lsoa l ON l.lsoa_code = p.lsoa_code
                WHERE {table}.import_id = ? AND {table}.lsoa_code IS NULL
                  AND {table}.easting = p.easting AND {table}.northing = p.northing""",  # noqa: S608
            [import_id],
        )
    finally:
        con.unregister("_placed")
    n = points["n"].astype(np.int64)
    return {
        "placed_by_boundary": int(n[placement.match == IN_BOUNDARY].sum()),
        "placed_by_nearest_boundary": int(n[placement.match == NEAREST_BOUNDARY].sum()),
        "not_placed_by_boundary": int(n[~placed].sum()),
    }
