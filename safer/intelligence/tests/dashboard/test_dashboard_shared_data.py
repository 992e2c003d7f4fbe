"""Thames Valley district figures over the real police.uk files equal counts computed with pandas."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd

from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.dashboard.tables import TABLES, Request, scope_build, table_rows
from safer.intelligence.tests.dashboard.loaders import street_files_load
from safer.intelligence.warehouse import bounded_reader, writer


def test_thames_valley_districts_equal_pandas_counts(shared_data: Path) -> None:
    files = sorted((shared_data / "police-uk" / "thames-valley").glob("*-street.csv.gz"))
    assert files, "no Thames Valley street files"
    with writer() as con:
        # The test's own lsoa table, loaded from the ONS lookup in shared data (not the shipped one).
        con.execute("DELETE FROM lsoa")
        con.execute(
            """INSERT INTO lsoa (lsoa_code, lsoa_name, lad_code, lad_name, county_name, pfa_name, population)
               SELECT "LSOA Code", "LSOA Name", "Local authority code", replace("Local authority name", ' UA', ''),
                      NULL, "Police_force", NULL
               FROM read_csv(?, header = true, all_varchar = true)""",
            [str(shared_data / "geography" / "lsoa2011_lad_pfa_england.csv.gz")],
        )
        street_files_load(con, files)
        aggregates_refresh(con=con)

    with gzip.open(shared_data / "geography" / "lsoa2011_lad_pfa_england.csv.gz", "rt") as handle:
        lookup = pd.read_csv(handle, dtype=str)
    streets = pd.concat([pd.read_csv(f, dtype=str) for f in files])
    joined = streets.merge(lookup, left_on="LSOA code", right_on="LSOA Code", how="inner")
    joined = joined[joined["Police_force"] == "Thames Valley"]
    in_2022 = joined[joined["Month"].str.startswith("2022")]
    in_2021 = joined[joined["Month"].str.startswith("2021")]
    expected_2022 = in_2022.groupby("Local authority code").size()
    expected_2021 = in_2021.groupby("Local authority code").size()

    with bounded_reader() as con:
        rows = table_rows(TABLES["districts"], Request(con, scope_build(con, area="Thames Valley", period="2022")))
    got = {r["lad_code"]: (r["period_count"], r["compare_count"]) for r in rows}
    assert len(got) == expected_2022.size > 10
    assert got == {code: (int(expected_2022[code]), int(expected_2021.get(code, 0))) for code in expected_2022.index}
    assert sum(v[0] for v in got.values()) > 90_000  # six months of about 17,000 records
