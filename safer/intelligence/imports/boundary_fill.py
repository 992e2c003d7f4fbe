"""Give extract records that carry coordinates but no LSOA the LSOA whose boundary holds them, at import.

Point in polygon against the shipped 2011 LSOA boundaries (safer/geography/boundary_placement.py); the
district, county and force then follow from the `lsoa` lookup. Counts go into the import's quality summary.
"""

from __future__ import annotations

import duckdb
import numpy as np

from safer.geography.boundary_placement import IN_BOUNDARY, NEAREST_BOUNDARY, boundary_place

_TABLES = ("offence", "asb_incident", "da_incident", "ae_attendance")


def records_place_by_boundary(con: duckdb.DuckDBPyConnection, *, table: str, import_id: int) -> dict[str, int]:
    """Place this import's records with coordinates and no LSOA; returns counts for the quality summary."""
    if table not in _TABLES:
        raise ValueError(f"No boundary placement for table {table!r}")
    rows = con.execute(
        f"""SELECT record_id, easting, northing FROM {table}
            WHERE import_id = ? AND lsoa_code IS NULL AND easting IS NOT NULL AND northing IS NOT NULL""",  # noqa: S608
        [import_id],
    ).fetchnumpy()
    if rows["record_id"].size == 0:
        return {"placed_by_boundary": 0, "placed_by_nearest_boundary": 0, "not_placed_by_boundary": 0}
    placement = boundary_place(easting=rows["easting"], northing=rows["northing"])
    placed = placement.match != ""
    _placed = {  # noqa: F841 - read by DuckDB below
        "record_id": rows["record_id"][placed],
        "lsoa_code": np.asarray(placement.lsoa_code[placed], dtype=object),
    }
    con.register("_placed", _placed)
    try:
        con.execute(
            f"""UPDATE {table} SET lsoa_code = p.lsoa_code, lad_code = l.lad_code, lad_name = l.lad_name,
                    county_name = l.county_name, pfa_name = l.pfa_name
                FROM _placed p JOIN lsoa l ON l.lsoa_code = p.lsoa_code
                WHERE {table}.record_id = p.record_id"""  # noqa: S608
        )
    finally:
        con.unregister("_placed")
    counts = placement.counts()
    return {
        "placed_by_boundary": counts[IN_BOUNDARY],
        "placed_by_nearest_boundary": counts[NEAREST_BOUNDARY],
        "not_placed_by_boundary": counts["unplaced"],
    }
