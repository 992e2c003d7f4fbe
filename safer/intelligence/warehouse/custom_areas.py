"""Tagging warehouse records with the custom areas they fall in (table custom_area_record).

    custom_area_tag_import(con=con, record_table="offence", import_id=run.import_id)  # importers, per import

Tagging is point-in-polygon with shapely 2's vectorised `contains_xy` over the records' WGS84 coordinates,
pulled from DuckDB in chunks after a bounding-box filter, so memory stays bounded on national data. A point
exactly on the boundary counts as outside (shapely's `contains`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

RECORD_TABLES = ("crime", "offence", "asb_incident", "da_incident", "ae_attendance")
CHUNK_ROWS = 500_000


def custom_area_tag_import(*, con: duckdb.DuckDBPyConnection, record_table: str, import_id: int) -> int:
    """Tag one import's records with every custom area they fall in; returns the tags added.

    Call on the writer connection after inserting an import's rows (inside its transaction, so tags and rows
    commit together). Also drops tags whose records no longer exist in `record_table` (a replaced month).
    """
    return custom_area_tag_imports(con=con, record_table=record_table, import_ids=[import_id]).get(import_id, 0)


def custom_area_tag_imports(
    *, con: duckdb.DuckDBPyConnection, record_table: str, import_ids: Sequence[int]
) -> dict[int, int]:
    """custom_area_tag_import for several imports loaded in one transaction: tags added per import id."""
    if record_table not in RECORD_TABLES:
        raise ValueError(f"record_table must be one of {RECORD_TABLES}, not {record_table!r}")
    counts = dict.fromkeys(import_ids, 0)
    if not import_ids or con.execute("SELECT count(*) FROM custom_area").fetchone() == (0,):
        return counts  # no areas, so no tags either (deleting an area deletes its tags)
    con.execute(
        f"""DELETE FROM custom_area_record WHERE record_table = ?
            AND record_id NOT IN (SELECT record_id FROM {record_table})""",  # noqa: S608
        [record_table],
    )
    areas = [
        (int(area_id), shapely.from_geojson(text))
        for area_id, text in con.execute("SELECT area_id, geojson FROM custom_area ORDER BY area_id").fetchall()
    ]
    for import_id in import_ids:
        for area_id, geometry in areas:
            counts[import_id] += custom_area_tag_records(
                con=con, area_id=area_id, geometry=geometry, record_table=record_table, import_id=import_id
            )
    return counts


def custom_area_tag_records(
    *,
    con: duckdb.DuckDBPyConnection,
    area_id: int,
    geometry: BaseGeometry,
    record_table: str,
    import_id: int | None = None,
) -> int:
    """Insert custom_area_record rows for the table's records inside the geometry; returns how many."""
    min_x, min_y, max_x, max_y = geometry.bounds
    shapely.prepare(geometry)
    where = "longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?"
    params: list[Any] = [min_x, max_x, min_y, max_y]
    if import_id is not None:
        where += " AND import_id = ?"
        params.append(import_id)
    # Fetch in chunks on the caller's connection (it may hold an open transaction), insert after the scan.
    result = con.execute(f"SELECT record_id, longitude, latitude FROM {record_table} WHERE {where}", params)  # noqa: S608
    hits: list[np.ndarray] = []
    while True:
        chunk = result.fetch_df_chunk(max(CHUNK_ROWS // 2048, 1))
        if chunk.empty:
            break
        inside = shapely.contains_xy(geometry, chunk["longitude"].to_numpy(), chunk["latitude"].to_numpy())
        hits.append(chunk["record_id"].to_numpy()[np.asarray(inside, dtype=bool)])
    ids = np.concatenate(hits) if hits else np.empty(0, dtype=np.int64)
    if len(ids):
        con.register("_area_hits", pd.DataFrame({"record_id": ids}))
        try:
            con.execute(
                "INSERT INTO custom_area_record SELECT ?, ?, record_id FROM _area_hits", [area_id, record_table]
            )
        finally:
            con.unregister("_area_hits")
    return len(ids)
