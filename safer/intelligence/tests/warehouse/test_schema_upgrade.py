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
