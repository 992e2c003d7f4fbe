"""Repeat locations and map points for counties and forces (read from agg_crime_location_force) against
independent counts over the raw crime table, and how that aggregate is kept up to date."""

from __future__ import annotations

from datetime import date
from typing import Any

from safer.intelligence.dashboard import areas
from safer.intelligence.dashboard.aggregates import aggregates_refresh, location_force_ensure
from safer.intelligence.dashboard.figures import map_points, repeat_locations
from safer.intelligence.dashboard.tables import scope_build
from safer.intelligence.warehouse import bounded_reader, reader, writer

# (area as typed, SQL over the raw crime table choosing that area's records)
AREAS = [
    ("Oxford", "lad_name = 'Oxford'"),
    ("county:Oxfordshire", "county_name = 'Oxfordshire'"),
    ("force:Thames Valley", "pfa_name = 'Thames Valley'"),
]
# (period as typed, its first and last month)
PERIODS = [
    ("2022", "2022-01-01", "2022-12-01"),
    ("FY2021/22", "2021-04-01", "2022-03-01"),
    ("2021-03..2021-09", "2021-03-01", "2021-09-01"),  # spans the month missing from the data (2021-07)
]


def _expected(area_sql: str, start: str, end: str, crime_type: str, limit: int) -> list[tuple[Any, ...]]:
    """The busiest locations counted straight from the crime table (records with coordinates only)."""
    with reader() as con:
        return con.execute(
            f"""SELECT location, lsoa_code, count(*) AS n, count(*) FILTER (WHERE synthetic)
                FROM crime WHERE latitude IS NOT NULL AND {area_sql} AND month BETWEEN ? AND ?
                  AND (? = '' OR crime_type = ?)
                GROUP BY location, lsoa_code ORDER BY n DESC, location, lsoa_code LIMIT ?""",  # noqa: S608 - test constants
            [date.fromisoformat(start), date.fromisoformat(end), crime_type, crime_type, limit],
        ).fetchall()


def _repeat(area: str, period: str, crime_type: str = "", limit: int = 20) -> list[dict[str, Any]]:
    with bounded_reader() as con:
        return repeat_locations(con, scope_build(con, area=area, period=period, crime_type=crime_type), limit=limit)


class TestRepeatLocations:
    def test_equal_straight_counts_over_the_crime_table(self, dashboard_warehouse):
        # One warehouse for every case: building it is the slow part.
        for area, area_sql in AREAS:
            for period, start, end in PERIODS:
                for crime_type in ("", "Burglary"):
                    for limit in (20, 4):
                        case = (area, period, crime_type, limit)
                        rows = _repeat(area, period, crime_type, limit)
                        expected = _expected(area_sql, start, end, crime_type, limit)
                        assert expected, case  # the test warehouse has records for every case
                        got = [(r["location"], r["lsoa_code"], r["count"], r["synthetic_records"]) for r in rows]
                        assert got == expected, case
                        assert [r["rank"] for r in rows] == list(range(1, len(expected) + 1)), case

    def test_coordinates_are_the_locations_own(self, dashboard_warehouse):
        with reader() as con:
            points = set(con.execute("SELECT location, lsoa_code, round(latitude, 5) FROM crime").fetchall())
        rows = _repeat("county:Oxfordshire", "2022")
        assert rows and all((r["location"], r["lsoa_code"], r["latitude"]) in points for r in rows)

    def test_a_district_split_between_forces_counts_in_each(self, dashboard_warehouse):
        # Cherwell's first LSOA moved to another force: Cherwell's rows then carry that force's key, and
        # Thames Valley (which still holds Cherwell's other LSOAs) must still find them.
        with writer() as con:
            con.execute(
                "UPDATE lsoa SET pfa_name = 'Another Force' WHERE lsoa_code = "
                "(SELECT min(lsoa_code) FROM lsoa WHERE lad_name = 'Cherwell')"
            )
            con.execute("DELETE FROM agg_info WHERE source = 'agg_crime_location_force'")
            location_force_ensure(con=con)
            keys = con.execute(
                "SELECT DISTINCT force_key FROM agg_crime_location_force WHERE lad_code = "
                "(SELECT any_value(lad_code) FROM lsoa WHERE lad_name = 'Cherwell')"
            ).fetchall()
        assert keys == [("Another Force",)]
        areas._GEOGRAPHY_CACHE.clear()  # the lookup was edited in place, under the same checksum
        try:
            rows = _repeat("force:Thames Valley", "2022", limit=100)
            assert [(r["location"], r["lsoa_code"], r["count"]) for r in rows] == [
                row[:3] for row in _expected("pfa_name = 'Thames Valley'", "2022-01-01", "2022-12-01", "", 100)
            ]
        finally:
            areas._GEOGRAPHY_CACHE.clear()


class TestMapPoints:
    def test_county_and_force_points_equal_straight_counts(self, dashboard_warehouse):
        for area, area_sql in AREAS[1:]:
            with bounded_reader() as con:
                rows = map_points(con, scope_build(con, area=area, period="2022"))
            with reader() as con:
                expected = con.execute(
                    f"""SELECT round(latitude, 5), round(longitude, 5), count(*) FROM crime
                        WHERE latitude IS NOT NULL AND {area_sql} AND year(month) = 2022
                        GROUP BY latitude, longitude"""  # noqa: S608 - test constants
                ).fetchall()
            assert sorted((r["latitude"], r["longitude"], r["count"]) for r in rows) == sorted(expected), area


def _force_table() -> list[tuple[Any, ...]]:
    with reader() as con:
        return con.execute("SELECT * EXCLUDE (force_key) FROM agg_crime_location_force ORDER BY ALL").fetchall()


def _location_table() -> list[tuple[Any, ...]]:
    with reader() as con:
        return con.execute("SELECT * FROM agg_crime_location ORDER BY ALL").fetchall()


class TestLocationForceAggregate:
    def test_holds_exactly_the_location_aggregate_after_a_months_refresh(self, dashboard_warehouse):
        with writer() as con:
            con.execute("DELETE FROM crime WHERE month = DATE '2022-05-01' AND lad_name = 'Oxford'")
            con.execute(
                "INSERT INTO crime (record_id, month, force, longitude, latitude, location, lsoa_code, lad_code, "
                "lad_name, county_name, pfa_name, crime_type, import_id) SELECT 1000000000, DATE '2023-01-01', force, "
                "longitude, latitude, location, lsoa_code, lad_code, lad_name, county_name, pfa_name, crime_type, 9 "
                "FROM crime WHERE lad_name = 'Cherwell' LIMIT 1"
            )
            aggregates_refresh(con=con, months=[date(2022, 5, 1), date(2023, 1, 1)])
        assert _force_table() == _location_table()
        with reader() as con:
            months = con.execute(
                "SELECT count(*) FILTER (WHERE month = DATE '2022-05-01' AND lad_code = "
                "(SELECT any_value(lad_code) FROM lsoa WHERE lad_name = 'Oxford')), "
                "count(*) FILTER (WHERE month = DATE '2023-01-01') FROM agg_crime_location_force"
            ).fetchone()
        assert months == (0, 1)
        with writer() as con:  # a second refresh, and the writer opening, change nothing
            assert set(aggregates_refresh(con=con).values()) == {"unchanged"}
        assert _force_table() == _location_table()

    def test_rebuilt_when_the_geography_lookup_is_replaced(self, dashboard_warehouse):
        with writer() as con:
            # As if built from an earlier lookup (under which every district was in another force).
            con.execute("UPDATE agg_crime_location_force SET force_key = 'stale'")
            con.execute(
                "UPDATE agg_info SET signature = replace(signature, (SELECT checksum FROM geography_info), 'earlier') "
                "WHERE source = 'agg_crime_location_force'"
            )
            con.execute("UPDATE geography_info SET checksum = 'earlier'")
        with writer() as con:  # opening a writer reloads the lookup, then rebuilds from it
            keys = {r[0] for r in con.execute("SELECT DISTINCT force_key FROM agg_crime_location_force").fetchall()}
        assert keys == {"Thames Valley"}
        assert _force_table() == _location_table()
