"""Areas: lookup by name or code, containing areas, populations (over the shipped ONS lookup)."""

from __future__ import annotations

import pytest

from safer.intelligence.dashboard.areas import (
    AreaNotFoundError,
    area_children,
    area_containing,
    area_find,
    area_population,
)
from safer.intelligence.warehouse import bounded_reader, writer


@pytest.fixture
def con():
    with writer() as connection:
        connection.execute(
            "INSERT INTO custom_area VALUES (1, 'Night-time economy zone', ?, NULL)",
            ['{"type": "Polygon", "coordinates": []}'],
        )
    with bounded_reader() as warehouse:
        yield warehouse


class TestAreaFind:
    def test_unknown_name_lists_close_matches(self, con):
        with pytest.raises(AreaNotFoundError, match='No area is called "Oxfrd". Did you mean "Oxford"'):
            area_find("Oxfrd", con=con)

    def test_empty(self, con):
        with pytest.raises(AreaNotFoundError, match="No area given"):
            area_find("  ", con=con)

    def test_kind_prefix_restricts_the_search(self, con):
        with pytest.raises(AreaNotFoundError, match="No police force area is called"):
            area_find("force:Oxford", con=con)

    @pytest.mark.parametrize(
        "text,kind,code",
        [
            ("oxford", "district", "E07000178"),
            ("E07000178", "district", "E07000178"),
            ("OXFORDSHIRE", "county", "Oxfordshire"),
            ("Thames Valley", "force", "Thames Valley"),
            ("thames-valley", "force", "Thames Valley"),
            ("Thames Valley Police", "force", "Thames Valley"),
            ("metropolitan police", "force", "Metropolitan Police"),
            ("e01028522", "lsoa", "E01028522"),
            ("Oxford 008B", "lsoa", "E01028522"),
            ("night-time economy zone", "custom", "1"),
        ],
    )
    def test_finds_by_name_or_code_case_insensitive(self, con, text, kind, code):
        area = area_find(text, con=con)
        assert (area.kind, area.code) == (kind, code)
        assert area_find(area.text, con=con) == area


class TestAreaContaining:
    def test_oxford_is_in_oxfordshire_in_thames_valley(self, con):
        chain = area_containing(area_find("Oxford", con=con), con=con)
        assert [(a.kind, a.name) for a in chain] == [("county", "Oxfordshire"), ("force", "Thames Valley")]

    def test_lsoa_chain(self, con):
        chain = area_containing(area_find("E01028522", con=con), con=con)
        assert [a.name for a in chain] == ["Oxford", "Oxfordshire", "Thames Valley"]

    def test_unitary_authority_skips_its_own_county(self, con):
        chain = area_containing(area_find("Milton Keynes", con=con), con=con)
        assert [(a.kind, a.name) for a in chain] == [("force", "Thames Valley")]

    def test_force_has_no_container(self, con):
        assert area_containing(area_find("Thames Valley", con=con), con=con) == []


class TestAreaPopulationAndChildren:
    def test_population_is_the_sum_of_its_lsoas(self, con):
        expected = con.one("SELECT sum(population) FROM lsoa WHERE county_name = 'Oxfordshire'")[0]
        assert area_population(area_find("Oxfordshire", con=con), con=con) == expected
        assert area_population(area_find("night-time economy zone", con=con), con=con) is None

    def test_children(self, con):
        districts = area_children(area_find("Oxfordshire", con=con), con=con)
        assert [d.name for d in districts] == [
            "Cherwell",
            "Oxford",
            "South Oxfordshire",
            "Vale of White Horse",
            "West Oxfordshire",
        ]
        lsoas = area_children(area_find("Oxford", con=con), con=con)
        assert len(lsoas) == con.one("SELECT count(*) FROM lsoa WHERE lad_code = 'E07000178'")[0]
