"""Over the full real Thames Valley files: rows per month equal PROVENANCE.md's table and pandas' counts."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from safer.intelligence.imports.policeuk import import_policeuk
from safer.intelligence.tests.imports.policeuk.helpers import warehouse_rows

pytestmark = pytest.mark.shared_data


def _provenance_table(shared_data: Path) -> dict[str, tuple[int | None, int | None]]:
    """month -> (street rows, outcomes rows) from the table in PROVENANCE.md (None where missing)."""
    table: dict[str, tuple[int | None, int | None]] = {}
    for line in (shared_data / "PROVENANCE.md").read_text().splitlines():
        match = re.match(r"^\| (\d{4}-\d{2}) \| ([\d,]+|missing) \| [^|]+ \| ([\d,]+|-) \|$", line)
        if match:
            street = None if match.group(2) == "missing" else int(match.group(2).replace(",", ""))
            outcomes = None if match.group(3) == "-" else int(match.group(3).replace(",", ""))
            table[match.group(1)] = (street, outcomes)
    return table


def test_all_thames_valley_files(shared_data: Path) -> None:
    folder = shared_data / "police-uk" / "thames-valley"
    results = import_policeuk(paths=[folder])
    assert all(r.rows_rejected == 0 for r in results)
    provenance = _provenance_table(shared_data)
    assert len(provenance) == 16
    street = dict(warehouse_rows("SELECT strftime(month, '%Y-%m'), count(*) FROM crime GROUP BY 1"))
    outcomes = dict(warehouse_rows("SELECT strftime(month, '%Y-%m'), count(*) FROM outcome GROUP BY 1"))
    assert street == {m: s for m, (s, _) in provenance.items() if s is not None}
    assert outcomes == {m: o for m, (_, o) in provenance.items() if o is not None}
    for path in sorted(folder.glob("*-street.csv.gz")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        month = path.name[:7]
        by_type = dict(
            warehouse_rows(
                "SELECT crime_type, count(*) FROM crime WHERE month = CAST(? AS DATE) GROUP BY 1", [month + "-01"]
            )
        )
        assert by_type == frame["Crime type"].value_counts().to_dict(), month
        no_location = int((frame["Longitude"] == "").sum())
        [result] = [r for r in results if r.source_name == path.name]
        assert result.quality["rows_without_location"] == no_location
    [last] = [r for r in results if r.source_name == "2022-11-thames-valley-street.csv.gz"]
    assert last.quality["months_missing"]["thames-valley"] == [
        "2021-06", "2021-07", "2021-08", "2021-09", "2021-10", "2022-05", "2022-06", "2022-07", "2022-08", "2022-10",
    ]  # fmt: skip


def test_all_forces_march_2022(shared_data: Path) -> None:
    folder = shared_data / "police-uk" / "all-forces-2022-03"
    results = import_policeuk(paths=[folder])
    assert len(results) == 40
    expected = sum(len(pd.read_csv(p, dtype=str)) for p in folder.glob("*.csv.gz"))
    assert expected == 361_910
    loaded = sum(r.rows_loaded for r in results)
    rejected = sum(r.rows_rejected for r in results)
    assert loaded + rejected == expected
    assert warehouse_rows("SELECT count(*) FROM crime") == [(loaded,)]
    assert len({r.force for r in results}) == 40
