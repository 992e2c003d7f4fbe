"""The demo sample loads real Oxfordshire figures, and loading it again changes nothing."""

from __future__ import annotations

import csv
import gzip
from collections import Counter

from safer.intelligence.demo import DEMO_DATA, policeuk_demo_load
from safer.intelligence.tests.imports.policeuk.helpers import warehouse_digest, warehouse_rows

OXFORDSHIRE = {"Oxford", "Cherwell", "South Oxfordshire", "Vale of White Horse", "West Oxfordshire"}


def test_demo_load_is_idempotent_and_matches_the_files() -> None:
    lines = policeuk_demo_load()
    assert lines[0].startswith("Crime data: real police.uk records for Oxfordshire, 2021-03 to 2022-11")
    expected: Counter[tuple[str, str]] = Counter()
    for path in DEMO_DATA.rglob("*-street.csv.gz"):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                expected[(row["Month"], row["LSOA name"].rsplit(" ", 1)[0])] += 1
    counts = {
        (month, lad): n
        for month, lad, n in warehouse_rows(
            "SELECT strftime(month, '%Y-%m'), lad_name, count(*) FROM crime GROUP BY ALL"
        )
    }
    assert counts == dict(expected)
    assert {lad for _, lad in counts} == OXFORDSHIRE
    before = warehouse_digest()
    again = policeuk_demo_load()
    assert "0 rows loaded now, 14 files already imported" in again[0]
    assert warehouse_digest() == before
