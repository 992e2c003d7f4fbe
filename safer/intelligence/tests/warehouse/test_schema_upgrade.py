"""A warehouse written by an earlier release is brought up to the current schema by the first reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from safer.intelligence.warehouse import store


def test_reader_of_an_older_warehouse_adds_the_new_tables_once(tmp_path: Path, settings: Any) -> None:
    path = tmp_path / "old.duckdb"
    settings.SAFER_WAREHOUSE_PATH = str(path)
    # An earlier release's warehouse: schema version 1, no A&E table, one record of its own.
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_info (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_info VALUES (1)")
    con.execute("CREATE TABLE kept (n INTEGER)")
    con.execute("INSERT INTO kept VALUES (42)")
    con.close()
    store._current_schema.discard(str(path))

    with store.reader() as read:
        assert read.execute("SELECT count(*) FROM ae_attendance").fetchone() == (0,)
        assert read.execute("SELECT version FROM schema_info").fetchall() == [(store.SCHEMA_VERSION,)]
        assert read.execute("SELECT n FROM kept").fetchall() == [(42,)]
    assert str(path) in store._current_schema


def test_reader_of_a_current_warehouse_does_not_write(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "current.duckdb"
    settings.SAFER_WAREHOUSE_PATH = str(path)
    with store.writer():
        pass
    store._current_schema.discard(str(path))

    def no_writer() -> None:
        raise AssertionError("a reader of a current warehouse opened a writer")

    monkeypatch.setattr(store, "writer", no_writer)
    with store.reader() as read:
        assert read.execute("SELECT version FROM schema_info").fetchall() == [(store.SCHEMA_VERSION,)]


def test_upgrade_from_an_earlier_version_builds_the_force_sorted_location_counts(tmp_path: Path, settings: Any) -> None:
    path = tmp_path / "v2.duckdb"
    settings.SAFER_WAREHOUSE_PATH = str(path)
    with store.writer() as con:  # a version 2 warehouse: location counts, no agg_crime_location_force
        oxford = con.execute(
            "SELECT lad_code, lsoa_code, pfa_name FROM lsoa WHERE lad_name = 'Oxford' LIMIT 1"
        ).fetchone()
        assert oxford is not None
        con.execute(
            "INSERT INTO agg_crime_location VALUES (DATE '2022-01-01', ?, ?, 'On or near High Street', -1.25, 51.75, "
            "'Burglary', FALSE, 3), (DATE '2022-02-01', NULL, NULL, 'On or near Nowhere', 0.0, 0.0, 'Drugs', TRUE, 1)",
            [oxford[0], oxford[1]],
        )
        con.execute("DROP TABLE agg_crime_location_force")
        con.execute("DELETE FROM agg_info")
        con.execute("UPDATE schema_info SET version = 2")
    store._current_schema.discard(str(path))

    with store.reader() as read:
        assert read.execute("SELECT version FROM schema_info").fetchall() == [(store.SCHEMA_VERSION,)]
        assert read.execute(
            "SELECT force_key, lad_code, location, n FROM agg_crime_location_force ORDER BY n DESC"
        ).fetchall() == [(oxford[2], oxford[0], "On or near High Street", 3), ("", None, "On or near Nowhere", 1)]
