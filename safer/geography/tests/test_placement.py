"""Geography: lookup load, placement by LSOA code and by district name, BNG coordinates."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import duckdb
import pytest
from pyproj import Transformer

from safer.geography.bng import bng_point, bng_select_sql, in_uk_bounds
from safer.geography.placement import district_from_lsoa_name, place_select_sql
from safer.geography.services.lookups import LOOKUP_PATH, geography_load
from safer.intelligence.warehouse import ensure_schema

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    ensure_schema(connection)
    return connection


class TestGeographyLoad:
    def test_loads_every_lsoa_once_and_is_idempotent(self, con: duckdb.DuckDBPyConnection) -> None:
        with gzip.open(LOOKUP_PATH, "rt") as f:
            expected = sum(1 for _ in csv.DictReader(f))
        assert geography_load(con=con) == expected
        assert geography_load(con=con) == expected
        assert con.execute("SELECT count(DISTINCT lsoa_code) FROM lsoa").fetchone() == (expected,)

    def test_every_lsoa_has_district_county_force_and_population(self, con: duckdb.DuckDBPyConnection) -> None:
        missing = con.execute(
            "SELECT count(*) FROM lsoa WHERE lad_name IS NULL OR county_name IS NULL OR pfa_name IS NULL "
            "OR pfa_name = '' OR population IS NULL OR population <= 0"
        ).fetchone()
        assert missing == (0,)

    def test_oxfordshire_districts_and_census_populations(self, con: duckdb.DuckDBPyConnection) -> None:
        # Census 2011 usual residents, published by ONS (table KS101EW): Oxford 151,906; Oxfordshire 653,798.
        rows = dict(
            con.execute("SELECT lad_name, population FROM district WHERE county_name = 'Oxfordshire'").fetchall()
        )
        assert set(rows) == {"Cherwell", "Oxford", "South Oxfordshire", "Vale of White Horse", "West Oxfordshire"}
        assert rows["Oxford"] == 151_906
        assert sum(rows.values()) == 653_798
        assert con.execute("SELECT DISTINCT pfa_name FROM district WHERE county_name = 'Oxfordshire'").fetchall() == [
            ("Thames Valley",)
        ]

    def test_unitary_authority_is_its_own_county(self, con: duckdb.DuckDBPyConnection) -> None:
        assert con.execute(
            "SELECT county_name, pfa_name FROM district WHERE lad_name = 'Milton Keynes'"
        ).fetchone() == (
            "Milton Keynes",
            "Thames Valley",
        )


class TestPlaceSelectSql:
    def test_places_by_code_then_by_district_name(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(
            "CREATE TABLE records AS SELECT * FROM (VALUES ('E01028479', 'Cherwell 001A'), "
            "('E01099999', 'Oxford 008A'), (NULL, NULL), ('E01000000', 'Nowhere at all')) v(lsoa_code, lsoa_name)"
        )
        rows = con.execute(
            f"SELECT lsoa_name, lad_name, county_name, pfa_name, geography_match FROM ({place_select_sql('records')}) "
            "ORDER BY lsoa_name NULLS LAST"
        ).fetchall()
        assert rows == [
            ("Cherwell 001A", "Cherwell", "Oxfordshire", "Thames Valley", "lsoa"),
            ("Nowhere at all", None, None, None, None),
            ("Oxford 008A", "Oxford", "Oxfordshire", "Thames Valley", "district_name"),
            (None, None, None, None, None),
        ]

    def test_without_lsoa_name_only_codes_place(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE r AS SELECT * FROM (VALUES ('E01028479'), ('E01099999')) v(lsoa_code)")
        rows = con.execute(
            f"SELECT lad_name FROM ({place_select_sql('r', lsoa_name=None)}) ORDER BY lsoa_code"
        ).fetchall()
        assert rows == [("Cherwell",), (None,)]

    def test_district_from_lsoa_name(self) -> None:
        assert district_from_lsoa_name("Vale of White Horse 012C") == "Vale of White Horse"
        assert district_from_lsoa_name("Oxford") is None


class TestBngSelectSql:
    def test_matches_pyproj_within_ten_centimetres_on_real_points(self) -> None:
        # Real coordinates from the police.uk Thames Valley March 2022 street file (fixtures/points.csv).
        con = duckdb.connect()
        con.execute("CREATE TABLE p AS SELECT * FROM read_csv(?)", [str(FIXTURES / "points.csv")])
        rows = con.execute(f"SELECT longitude, latitude, easting, northing FROM ({bng_select_sql('p')})").fetchall()
        assert len(rows) > 100
        transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
        for lon, lat, easting, northing in rows:
            ref_e, ref_n = transformer.transform(lon, lat)
            assert easting == pytest.approx(ref_e, abs=0.1)
            assert northing == pytest.approx(ref_n, abs=0.1)

    def test_null_coordinates_stay_null(self) -> None:
        con = duckdb.connect()
        con.execute("CREATE TABLE p AS SELECT NULL::DOUBLE AS longitude, NULL::DOUBLE AS latitude")
        assert con.execute(f"SELECT easting, northing FROM ({bng_select_sql('p')})").fetchone() == (None, None)

    def test_known_point_carfax_tower(self) -> None:
        # Carfax Tower, Oxford: OS grid reference SP 51308 06174 (about 451308, 206174).
        easting, northing = bng_point(-1.25797, 51.75196)
        assert easting == pytest.approx(451_308, abs=60)
        assert northing == pytest.approx(206_174, abs=60)

    def test_uk_bounds(self) -> None:
        assert in_uk_bounds(-1.25, 51.75)
        assert not in_uk_bounds(2.35, 48.85)  # Paris
        assert not in_uk_bounds(0.0, 0.0)
