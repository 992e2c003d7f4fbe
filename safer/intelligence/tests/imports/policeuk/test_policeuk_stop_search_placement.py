"""Stop and searches placed in LSOA -> district -> county -> force area by police.uk map point at import, and
those no map point places (but with coordinates) by the LSOA boundary holding them.

Expected values come from reading the street files with the csv module and projecting with pyproj, not from
the code under test; the district, county and force area of each LSOA are those of the ONS 2011 lookup.
"""

from __future__ import annotations

import csv
import gzip
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import duckdb
import pytest
from django.urls import reverse
from pyproj import Transformer

from safer.accounts.choices import Role
from safer.intelligence.imports import STATUS_ALREADY, STATUS_REPLACED, ImportFileError
from safer.intelligence.imports.history import quality_rows
from safer.intelligence.imports.policeuk import import_policeuk
from safer.intelligence.tests.imports.policeuk.helpers import (
    FIXTURES,
    STREET_2022_03,
    csv_rows,
    warehouse_digest,
    warehouse_rows,
)
from safer.intelligence.warehouse import ensure_schema

DEMO = Path(__file__).parents[3] / "demo_data" / "policeuk"
DEMO_2022_01 = DEMO / "2022-01" / "2022-01-thames-valley-street.csv.gz"
DEMO_2022_09 = DEMO / "2022-09" / "2022-09-thames-valley-street.csv.gz"
STREETS = (DEMO_2022_01, DEMO_2022_09, STREET_2022_03)
SEARCHES = FIXTURES / "map_points" / "2022-03" / "2022-03-thames-valley-stop-and-search.csv"

# Per fixture row (file order): LSOA, district, county, force area, how it was placed.
OXFORD = ("E01028521", "Oxford", "Oxfordshire", "Thames Valley", "map_point")
EXPECTED = [
    OXFORD,
    OXFORD,
    # Two LSOAs at this point: one record in January, four in September; the most frequent wins.
    ("E01028788", "West Oxfordshire", "Oxfordshire", "Thames Valley", "map_point"),
    ("E01017648", "Aylesbury Vale", "Buckinghamshire", "Thames Valley", "map_point"),
    ("E01028479", "Cherwell", "Oxfordshire", "Thames Valley", "nearest_map_point"),
    (None, None, None, None, None),  # in Milton Keynes, over 5 km from every map point: placed by boundary below
    (None, None, None, None, None),  # no location
]
MILTON_KEYNES = 5  # the fixture row in Milton Keynes


def _by_map_point(placed: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The rows as the map-point steps leave them: boundary placements blanked."""
    return [row if row[4] in ("map_point", "nearest_map_point") else (None,) * 5 for row in placed]


_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def _street_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    return csv_rows(path)


def _expected_lsoas() -> list[tuple[str | None, str | None]]:
    """(LSOA, match) per stop and search, computed from the street files by brute force."""
    seen: dict[tuple[float, float], Counter[str]] = defaultdict(Counter)
    for path in STREETS:
        for row in _street_rows(path):
            if row["Longitude"] and row["LSOA code"]:
                seen[(float(row["Latitude"]), float(row["Longitude"]))][row["LSOA code"]] += 1
    lsoa = {point: min(codes, key=lambda c: (-codes[c], c)) for point, codes in seen.items()}
    grid = {point: _BNG.transform(point[1], point[0]) for point in seen}
    expected: list[tuple[str | None, str | None]] = []
    for row in csv_rows(SEARCHES):
        if not row["Longitude"]:
            expected.append((None, None))
            continue
        point = (float(row["Latitude"]), float(row["Longitude"]))
        if point in lsoa:
            expected.append((lsoa[point], "map_point"))
            continue
        here = _BNG.transform(point[1], point[0])
        distance, nearest = min((math.dist(here, grid[p]), lsoa[p]) for p in grid)
        expected.append((nearest, "nearest_map_point") if distance <= 1000 else (None, None))
    return expected


def _placed() -> list[tuple[object, ...]]:
    return warehouse_rows(
        "SELECT lsoa_code, lad_name, county_name, pfa_name, geography_match FROM stop_search ORDER BY occurred_at"
    )


def _street_records_with_location() -> int:
    return sum(1 for path in STREETS for row in _street_rows(path) if row["Longitude"] and row["LSOA code"])


class TestStopSearchPlacement:
    def test_fixture_points_are_what_the_fixture_says(self) -> None:
        # The fixture's claims, checked against the street files: the offset row is 200 m from one point and
        # kilometres from the next; the Milton Keynes row is over 5 km from every point.
        assert _expected_lsoas() == [(e[0], e[4]) for e in EXPECTED]
        points = [
            _BNG.transform(float(r["Longitude"]), float(r["Latitude"]))
            for path in STREETS
            for r in _street_rows(path)
            if r["Longitude"]
        ]
        rows = csv_rows(SEARCHES)
        offset = _BNG.transform(float(rows[4]["Longitude"]), float(rows[4]["Latitude"]))
        distances = sorted(math.dist(offset, p) for p in set(points))
        assert distances[0] == pytest.approx(200, abs=1) and distances[1] > 3000
        far = _BNG.transform(float(rows[5]["Longitude"]), float(rows[5]["Latitude"]))
        assert min(math.dist(far, p) for p in points) > 5000

    def test_each_record_takes_its_map_points_lsoa_district_county_and_force_area(self) -> None:
        # Stop and search given first: street files still load first, in the same command.
        results = import_policeuk(paths=[SEARCHES, *STREETS])
        assert [r.source_name for r in results][-1] == SEARCHES.name
        placed = _placed()
        assert _by_map_point(placed) == EXPECTED
        # The Milton Keynes row has no map point within 1 km: the boundary holding it places it.
        assert placed[MILTON_KEYNES][1:] == ("Milton Keynes", "Milton Keynes", "Thames Valley", "boundary")
        assert [row[4] for row in placed].count("boundary") == 1 and placed[-1] == (None,) * 5

    def test_quality_summary_counts_each_kind_of_placement(self) -> None:
        *_, result = import_policeuk(paths=[*STREETS, SEARCHES])
        assert result.quality["placed_at_map_point"] == 4
        assert result.quality["placed_at_nearest_map_point"] == 1
        assert result.quality["not_placed_by_map_point"] == 2
        assert result.quality["placed_by_boundary"] + result.quality["placed_by_nearest_boundary"] == 1
        assert result.quality["not_placed_by_boundary"] == 0  # the other one has no location at all
        assert result.quality["map_point_street_records"] == _street_records_with_location()
        assert "placement_note" not in result.quality
        shown = dict(quality_rows(result.quality))
        assert shown["Stop and searches placed at the nearest map point within 1 km (approximate)"] == "1"

    def test_importing_the_month_again_is_idempotent(self) -> None:
        import_policeuk(paths=[*STREETS, SEARCHES])
        before, digest = _placed(), warehouse_digest()
        [again] = import_policeuk(paths=[SEARCHES])
        assert again.status == STATUS_ALREADY
        assert warehouse_digest() == digest
        [reloaded] = import_policeuk(paths=[SEARCHES], reimport=True)
        assert reloaded.status == STATUS_REPLACED
        assert _placed() == before and _by_map_point(before) == EXPECTED
        assert reloaded.quality["placed_at_map_point"] == 4

    def test_without_street_data_the_boundaries_place_them_and_the_summary_says_why(self) -> None:
        [result] = import_policeuk(paths=[SEARCHES])
        placed = _placed()
        with_location = [bool(r["Longitude"]) for r in csv_rows(SEARCHES)]
        assert _by_map_point(placed) == [(None, None, None, None, None)] * len(with_location)
        assert [row[4] in ("boundary", "nearest_boundary") for row in placed] == with_location
        # The district of each boundary placement is the one the fixture row lies in.
        districts = [e[1] for e in EXPECTED[:MILTON_KEYNES]] + ["Milton Keynes", None]
        assert [row[1] for row in placed] == districts
        assert result.quality["placed_at_map_point"] == result.quality["placed_at_nearest_map_point"] == 0
        assert result.quality["not_placed_by_map_point"] == len(csv_rows(SEARCHES))
        boundary = result.quality["placed_by_boundary"] + result.quality["placed_by_nearest_boundary"]
        assert boundary == sum(with_location)
        assert result.quality["map_point_street_records"] == 0
        assert "Import the street files" in result.quality["placement_note"]
        # As the note says: street files, then the stop and searches again.
        import_policeuk(paths=list(STREETS))
        import_policeuk(paths=[SEARCHES], reimport=True)
        assert _by_map_point(_placed()) == EXPECTED

    def test_synthetic_street_records_do_not_place_real_stop_and_searches(self) -> None:
        import_policeuk(paths=list(STREETS), synthetic=True)
        [result] = import_policeuk(paths=[SEARCHES])
        assert result.quality["map_point_street_records"] == 0
        assert _by_map_point(_placed()) == [(None, None, None, None, None)] * len(EXPECTED)

    @pytest.mark.django_db
    def test_the_import_page_shows_the_placement_figures(self, make_user: Any, client_for: Any) -> None:
        [result] = import_policeuk(paths=[SEARCHES])
        analyst = make_user(role=Role.ANALYST)
        page = client_for(analyst).get(reverse("intelligence:import-detail", args=[result.import_id]))
        body = page.content.decode()
        assert page.status_code == 200
        assert "Stop and searches not placed by map point (no location, or no map point within 1 km)" in body
        assert "placed in the LSOA boundary holding them" in body
        assert "Import the street files for this area" in body


class TestMalformedStopSearchFiles:
    """A broken stop-and-search file: a clear message and nothing changed, or the bad rows rejected by line."""

    def test_missing_column_is_named_and_the_warehouse_is_unchanged(self, tmp_path: Path) -> None:
        import_policeuk(paths=list(STREETS))
        before = warehouse_digest()
        lines = SEARCHES.read_text(encoding="utf-8").splitlines()
        broken = tmp_path / SEARCHES.name
        broken.write_text("\n".join([lines[0].replace("Object of search", "Object"), *lines[1:]]) + "\n")
        with pytest.raises(ImportFileError, match='Missing column "Object of search"'):
            import_policeuk(paths=[broken])
        assert warehouse_digest() == before

    def test_bad_rows_are_rejected_by_line_and_the_rest_placed(self, tmp_path: Path) -> None:
        import_policeuk(paths=list(STREETS))
        rows = csv_rows(SEARCHES)
        rows[1]["Date"] = "2022-04-02T10:00:00+00:00"  # line 3: not in the file's month
        rows[2]["Latitude"] = "41.9"  # line 4: outside the UK
        broken = tmp_path / SEARCHES.name
        with broken.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        [result] = import_policeuk(paths=[broken])
        assert (result.rows_loaded, result.rows_rejected) == (len(rows) - 2, 2)
        assert result.rejects_path is not None
        assert [r["line"] for r in csv_rows(Path(result.rejects_path))] == ["3", "4"]
        kept = [e for i, e in enumerate(EXPECTED) if i not in (1, 2)]
        assert sorted(_by_map_point(_placed()), key=str) == sorted(kept, key=str)


class TestWarehouseSchema:
    def test_a_warehouse_from_before_placement_gains_the_geography_match_column(self, tmp_path: Path) -> None:
        con = duckdb.connect(str(tmp_path / "old.duckdb"))
        con.execute(
            "CREATE TABLE stop_search (type VARCHAR, month DATE NOT NULL, force VARCHAR NOT NULL, "
            "import_id BIGINT NOT NULL, synthetic BOOLEAN NOT NULL DEFAULT FALSE)"
        )
        con.execute("INSERT INTO stop_search VALUES ('Person search', DATE '2021-06-01', 'thames-valley', 1, FALSE)")
        ensure_schema(con)
        ensure_schema(con)
        columns = [r[0] for r in con.execute("DESCRIBE stop_search").fetchall()]
        assert columns[-1] == "geography_match"
        assert con.execute("SELECT type, geography_match FROM stop_search").fetchall() == [("Person search", None)]
