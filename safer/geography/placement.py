"""Place records in the geography: LSOA -> district -> county -> police force area, as DuckDB SQL.

A record is placed by its LSOA code when the shipped 2011 lookup knows it. police.uk files from 2022 on
carry some 2021 LSOA codes; those records are still placed at district level by the district name that
starts the "LSOA name" column ("Oxford 008A" -> Oxford). `geography_match` says which rule placed a record
(`lsoa`, `district_name`, or NULL when neither did), so data-quality summaries can count the misses.
No Django here: the warehouse tables `lsoa` and `district` (safer/intelligence/warehouse/) are the input.
"""

from __future__ import annotations

import re

LSOA_CODE_PATTERN = re.compile(r"^[EW]0[01]\d{6}$")
# The same pattern for DuckDB's regexp_full_match.
LSOA_CODE_SQL_PATTERN = r"[EW]0[01]\d{6}"
_DISTRICT_FROM_LSOA_NAME = r"^(.*) \d{3}[A-Z]$"


def place_select_sql(source: str, *, lsoa_code: str = "lsoa_code", lsoa_name: str | None = "lsoa_name") -> str:
    """SQL selecting every column of `source` plus lad_code, lad_name, county_name, pfa_name, geography_match.

    `source` is a table name or parenthesised query; `lsoa_code`/`lsoa_name` are its column names (constants
    from the calling code, never user input). Pass lsoa_name=None when records carry no LSOA name.
    """
    if lsoa_name is None:
        name_join = "LEFT JOIN district _d ON FALSE"
    else:
        # An equality on one expression, so DuckDB hash-joins (an AND of two conditions made it a nested-loop
        # join evaluating the regexp for every record x district pair: 0.8 s per 186k records).
        name_join = (
            f"LEFT JOIN district _d ON _d.lad_name = CASE WHEN _g.lsoa_code IS NULL "
            f"THEN regexp_extract(_s.{lsoa_name}, '{_DISTRICT_FROM_LSOA_NAME}', 1) END"
        )
    return f"""SELECT _s.*,
        coalesce(_g.lad_code, _d.lad_code) AS lad_code,
        coalesce(_g.lad_name, _d.lad_name) AS lad_name,
        coalesce(_g.county_name, _d.county_name) AS county_name,
        coalesce(_g.pfa_name, _d.pfa_name) AS pfa_name,
        CASE WHEN _g.lsoa_code IS NOT NULL THEN 'lsoa'
             WHEN _d.lad_code IS NOT NULL THEN 'district_name' END AS geography_match
      FROM {source} _s
      LEFT JOIN lsoa _g ON _g.lsoa_code = _s.{lsoa_code}
      {name_join}"""


def district_from_lsoa_name(lsoa_name: str) -> str | None:
    """The district an LSOA name starts with ("Oxford 008A" -> "Oxford"), or None if it is not one."""
    match = re.match(_DISTRICT_FROM_LSOA_NAME, lsoa_name or "")
    return match.group(1) if match else None
