"""The demo's SYNTHETIC stop-and-search month: labelled synthetic, placed on the real map points, idempotent."""

from __future__ import annotations

from safer.intelligence.demo import policeuk_demo_load
from safer.intelligence.demo.stop_search import SEARCHES, stop_search_demo_load, stop_search_demo_rows
from safer.intelligence.tests.imports.policeuk.helpers import warehouse_digest, warehouse_rows


def test_rows_are_deterministic_and_have_police_uk_columns() -> None:
    points = [(51.75, -1.25), (51.76, -1.26)]
    rows = stop_search_demo_rows(points)
    assert rows == stop_search_demo_rows(points) and len(rows) == SEARCHES
    located = [r for r in rows if r["Latitude"]]
    exact = [r for r in located if (float(r["Latitude"]), float(r["Longitude"])) in points]
    # The documented rule: every 40th search (from the 14th) has no location, every 20th (from the 8th) is moved.
    assert len(rows) - len(located) == sum(1 for i in range(SEARCHES) if i % 40 == 13) == 6
    assert len(located) - len(exact) == sum(1 for i in range(SEARCHES) if i % 20 == 7) == 12


def test_demo_month_is_synthetic_placed_and_idempotent() -> None:
    policeuk_demo_load()
    [line] = stop_search_demo_load()
    assert line.startswith(f"Stop and search: {SEARCHES} SYNTHETIC searches for 2022-03")
    [(total, synthetic, at_point, nearest, unplaced, oxfordshire)] = warehouse_rows(
        """SELECT count(*), count(*) FILTER (WHERE synthetic),
                  count(*) FILTER (WHERE geography_match = 'map_point'),
                  count(*) FILTER (WHERE geography_match = 'nearest_map_point'),
                  count(*) FILTER (WHERE geography_match IS NULL),
                  count(*) FILTER (WHERE county_name = 'Oxfordshire')
           FROM stop_search"""
    )
    assert total == synthetic == SEARCHES
    rows = stop_search_demo_rows([(0.0, 0.0)])
    without_location = sum(1 for r in rows if not r["Latitude"])
    assert unplaced == without_location
    assert at_point + nearest == SEARCHES - without_location
    assert nearest > 0 and at_point > nearest
    assert oxfordshire == at_point + nearest  # every placed search lands in an Oxfordshire district
    assert [r[0] for r in warehouse_rows("SELECT synthetic FROM import_run WHERE kind = 'policeuk_stop_search'")] == [
        True
    ]
    before = warehouse_digest()
    assert "already imported" in stop_search_demo_load()[0]
    assert warehouse_digest() == before
