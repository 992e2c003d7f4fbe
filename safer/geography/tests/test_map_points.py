"""Placing coordinates by police.uk map point: exact point, most frequent LSOA, nearest within 1 km, ties."""

from __future__ import annotations

import duckdb
import pytest

from safer.geography.map_points import map_point_select_sql
from safer.intelligence.warehouse import ensure_schema


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    ensure_schema(connection)
    return connection


def _crimes(
    con: duckdb.DuckDBPyConnection, rows: list[tuple[float, float, str, int]], *, synthetic: bool = False
) -> None:
    """Street records at (easting, northing) with an LSOA code, `count` times each; lat/lon name the point."""
    for easting, northing, code, count in rows:
        for _ in range(count):
            con.execute(
                """INSERT INTO crime (record_id, month, force, latitude, longitude, easting, northing, lsoa_code,
                       lsoa_name, crime_type, import_id, synthetic)
                   VALUES (nextval('record_id_seq'), DATE '2022-03-01', 'test', ?, ?, ?, ?, ?, ?, 'Drugs', 1, ?)""",
                [northing / 1e5, easting / 1e5, easting, northing, code, f"Test {code[-3:]}A", synthetic],
            )


def _place(
    con: duckdb.DuckDBPyConnection, points: list[tuple[float | None, float | None]], include_synthetic: str = "FALSE"
) -> list[tuple[object, ...]]:
    """(lsoa_code, lsoa_name, map_match) for records at (easting, northing), in the order given."""
    con.execute(
        "CREATE OR REPLACE TABLE records "
        "(i INTEGER, latitude DOUBLE, longitude DOUBLE, easting DOUBLE, northing DOUBLE)"
    )
    for i, (easting, northing) in enumerate(points):
        lat = None if northing is None else northing / 1e5
        lon = None if easting is None else easting / 1e5
        con.execute("INSERT INTO records VALUES (?, ?, ?, ?, ?)", [i, lat, lon, easting, northing])
    sql = map_point_select_sql("records", include_synthetic=include_synthetic)
    return con.execute(f"SELECT lsoa_code, lsoa_name, map_match FROM ({sql}) ORDER BY i").fetchall()  # noqa: S608


class TestMapPointSelectSql:
    def test_exact_point_takes_its_most_frequent_lsoa(self, con: duckdb.DuckDBPyConnection) -> None:
        _crimes(con, [(450_000, 200_000, "E01000002", 3), (450_000, 200_000, "E01000001", 1)])
        assert _place(con, [(450_000, 200_000)]) == [("E01000002", "Test 002A", "map_point")]

    def test_a_tie_in_frequency_takes_the_lowest_code(self, con: duckdb.DuckDBPyConnection) -> None:
        _crimes(
            con,
            [
                (450_000, 200_000, "E01000009", 2),
                (450_000, 200_000, "E01000005", 2),
                (450_000, 200_000, "E01000001", 1),
            ],
        )
        assert _place(con, [(450_000, 200_000)]) == [("E01000005", "Test 005A", "map_point")]

    def test_otherwise_the_nearest_point_within_a_kilometre(self, con: duckdb.DuckDBPyConnection) -> None:
        # Points in the neighbouring grid cells count: the record sits 1 m from a cell edge.
        _crimes(con, [(450_500, 200_999, "E01000001", 1), (449_999 + 300, 200_999 + 400, "E01000002", 1)])
        assert _place(con, [(449_999, 200_999)]) == [("E01000002", "Test 002A", "nearest_map_point")]

    def test_an_equally_near_point_takes_the_lowest_code(self, con: duckdb.DuckDBPyConnection) -> None:
        # Four points 400 m away, the lowest code stored last.
        _crimes(
            con,
            [
                (450_400, 200_000, "E01000008", 1),
                (449_600, 200_000, "E01000003", 1),
                (450_000, 199_600, "E01000005", 1),
                (450_000, 200_400, "E01000001", 1),
            ],
        )
        assert _place(con, [(450_000, 200_000)]) == [("E01000001", "Test 001A", "nearest_map_point")]

    def test_nothing_within_a_kilometre_or_no_coordinates_is_not_placed(self, con: duckdb.DuckDBPyConnection) -> None:
        _crimes(con, [(451_001, 200_000, "E01000001", 1), (450_000, 201_999, "E01000002", 1)])
        assert _place(con, [(450_000, 200_000), (None, None), (450_000, 201_000)]) == [
            (None, None, None),
            (None, None, None),
            ("E01000002", "Test 002A", "nearest_map_point"),  # 999 m away
        ]

    def test_synthetic_street_records_place_only_synthetic_imports(self, con: duckdb.DuckDBPyConnection) -> None:
        _crimes(con, [(450_000, 200_000, "E01000001", 1)], synthetic=True)
        assert _place(con, [(450_000, 200_000)]) == [(None, None, None)]
        assert _place(con, [(450_000, 200_000)], include_synthetic="TRUE") == [("E01000001", "Test 001A", "map_point")]
