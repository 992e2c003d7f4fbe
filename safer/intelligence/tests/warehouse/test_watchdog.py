"""The warehouse queries' time limit: one watchdog thread interrupts queries past their deadline, never after."""

from __future__ import annotations

import threading
import time

import duckdb
import pytest

from safer.intelligence.warehouse import WarehouseQueryTooLargeError
from safer.intelligence.warehouse.store import WarehouseReader
from safer.intelligence.warehouse.watchdog import Watchdog


def _watchdog_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "warehouse-query-watchdog"]


def test_a_query_past_its_deadline_is_interrupted_with_a_clear_message() -> None:
    con = duckdb.connect()
    started = time.monotonic()
    with pytest.raises(WarehouseQueryTooLargeError, match="longer than"):
        WarehouseReader(con, seconds=0.3).rows("SELECT count(*) FROM range(100000000000) a")
    assert time.monotonic() - started < 5  # interrupted, not run to the end (which takes minutes)


def test_the_connection_answers_normally_after_an_interrupted_query() -> None:
    con = duckdb.connect()
    reader = WarehouseReader(con, seconds=0.3)
    with pytest.raises(WarehouseQueryTooLargeError):
        reader.rows("SELECT count(*) FROM range(100000000000) a")
    assert reader.one("SELECT 41 + 1") == (42,)


def test_queries_share_one_thread_instead_of_one_each() -> None:
    reader = WarehouseReader(duckdb.connect(), seconds=10)
    for _ in range(50):
        reader.one("SELECT 1")
    assert len(_watchdog_threads()) == 1


def test_a_released_query_is_never_interrupted() -> None:
    dog = Watchdog()
    calls: list[int] = []
    token = dog.watch(0.05, lambda: calls.append(1))
    dog.release(token)
    time.sleep(0.4)
    assert calls == []


def test_each_query_past_its_deadline_is_interrupted_once_and_others_are_not() -> None:
    dog = Watchdog()
    calls: list[str] = []
    dog.watch(0.05, lambda: calls.append("slow"))
    kept = dog.watch(30, lambda: calls.append("fast"))
    time.sleep(0.6)
    dog.release(kept)
    assert calls == ["slow"]


def test_a_query_registered_while_the_thread_is_idle_wakes_it() -> None:
    dog = Watchdog()
    calls: list[int] = []
    dog.release(dog.watch(10, lambda: calls.append(0)))
    time.sleep(0.3)  # the thread has nothing to watch and waits
    dog.watch(0.05, lambda: calls.append(1))
    time.sleep(0.5)
    assert calls == [1]
