"""Serious violence groups against hand-computed expectations, in Python and in DuckDB SQL."""

from __future__ import annotations

import duckdb
import pytest

from safer.intelligence.sources.offence_codes import offence_codes
from safer.intelligence.sources.serious_violence import serious_violence_group, serious_violence_sql

# (code, knife flag, expected group), worked out by hand from the definition in the module docstring.
CASES = [
    ("1", False, 1),  # murder
    ("4.1", None, 1),  # manslaughter
    ("1/4.1/4.10/4.2", False, 1),  # the Home Office table's combined homicide code
    ("2", False, 1),  # attempted murder
    ("5D", False, 1),  # GBH with intent
    ("5d", False, 1),  # any case
    ("10D", False, 1),  # possession of an article with a blade or point
    ("8N", False, 2),  # assault with injury (ABH)
    ("8N", True, 1),  # ... with a knife: group 1 wins
    ("8S", None, 2),
    ("92A", False, 2),  # trafficking
    ("92D", False, None),  # possession is not supply
    ("17A", False, 2),  # sexual assault
    ("20B", False, 2),
    ("19C", False, 2),  # rape
    ("19H", True, 1),
    ("105A", False, None),  # assault without injury
    ("105A", True, 1),  # ... with a knife
    ("46", False, None),  # shoplifting
    ("34B", True, 1),  # robbery with a knife
    ("34B", False, None),
]


@pytest.mark.parametrize(("code", "knife", "expected"), CASES)
def test_group_by_hand(code: str, knife: bool | None, expected: int | None) -> None:
    assert serious_violence_group(code, knife) == expected


def test_sql_agrees_with_python_for_every_code_and_flag() -> None:
    con = duckdb.connect()
    rows = [(code, knife) for code in offence_codes() for knife in (True, False, None)]
    con.execute("CREATE TABLE t (code VARCHAR, knife BOOLEAN)")
    con.executemany("INSERT INTO t VALUES (?, ?)", rows)
    got = con.execute(f"SELECT code, knife, {serious_violence_sql('code', 'knife')} FROM t").fetchall()
    assert len(got) == len(rows) == 3 * len(offence_codes())
    for code, knife, group in got:
        assert group == serious_violence_group(code, knife), (code, knife)
    # Without the knife flag exactly these codes are grouped (counted by hand from the docstring lists).
    unflagged = {code: g for code, knife, g in got if knife is False and g is not None}
    assert sorted(c for c, g in unflagged.items() if g == 1) == sorted(
        ["1", "4.1", "4.10", "4.2", "1/4.1/4.10/4.2", "2", "5D", "10D", "90"]
    )
    assert len([c for c, g in unflagged.items() if g == 2]) == 14
