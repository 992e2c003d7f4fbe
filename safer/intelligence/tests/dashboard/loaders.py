"""Minimal loaders for the dashboard tests: real police.uk street files straight into the crime table."""

from __future__ import annotations

from pathlib import Path

import duckdb


def street_files_load(con: duckdb.DuckDBPyConnection, files: list[Path], *, synthetic: bool = False) -> int:
    """Load police.uk street CSVs into `crime`, placing each row by its LSOA code in the `lsoa` table."""
    paths = [str(p) for p in files]
    con.execute(
        """INSERT INTO crime (record_id, crime_id, month, force, reported_by, falls_within, longitude, latitude,
               location, lsoa_code, lsoa_name, lad_code, lad_name, county_name, pfa_name, crime_type,
               last_outcome, context, import_id, synthetic)
           SELECT row_number() OVER () + coalesce((SELECT max(record_id) FROM crime), 0),
                  s."Crime ID", CAST(s."Month" || '-01' AS DATE), 'thames-valley', s."Reported by", s."Falls within",
                  s."Longitude", s."Latitude", s."Location", s."LSOA code", s."LSOA name",
                  l.lad_code, l.lad_name, l.county_name, l.pfa_name, s."Crime type",
                  s."Last outcome category", s."Context", 1, ?
           FROM read_csv(?, header = true, all_varchar = true) s LEFT JOIN lsoa l ON l.lsoa_code = s."LSOA code"
        """,
        [synthetic, paths],
    )
    row = con.execute("SELECT count(*) FROM crime").fetchone()
    return int(row[0]) if row else 0
