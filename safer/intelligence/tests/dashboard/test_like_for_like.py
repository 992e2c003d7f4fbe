"""Change between periods compares like with like: months with data on one side only are left out of the
difference, checked against counts made with the csv module straight from real police.uk fixture files."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.dashboard.tables import TABLES, Request, definition_text, scope_build, table_rows
from safer.intelligence.tests.dashboard.loaders import street_files_load
from safer.intelligence.warehouse import bounded_reader, writer

FIXTURES = Path(__file__).resolve().parents[1] / "imports" / "policeuk" / "fixtures" / "policeuk"
JANUARY = FIXTURES / "2022-01" / "2022-01-thames-valley-street.csv"
MARCH = FIXTURES / "2022-03" / "2022-03-thames-valley-street.csv"
AREA = "Aylesbury Vale"
# Data exists for 2022-01 and 2022-03 only. Period Jan-Mar 2022 paired month by month with Mar-May 2022:
# (Jan, Mar) both have data, (Feb, Apr) neither, (Mar, May) only the period -> compare Jan against Mar.
PERIOD, COMPARE = "2022-01..2022-03", "2022-03..2022-05"


def _count(path: Path, *, crime_type: str | None = None) -> int:
    """Records of the area in a police.uk street file, counted from the file itself."""
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(
            1
            for row in csv.DictReader(handle)
            if row["LSOA name"].startswith(AREA + " ") and (crime_type is None or row["Crime type"] == crime_type)
        )


@pytest.fixture
def gappy_warehouse() -> None:
    with writer() as con:
        street_files_load(con, [JANUARY, MARCH])
        aggregates_refresh(con=con)


def _headline(**kwargs: str) -> tuple[dict[str, dict], dict]:
    """The headline's figures for the area asked for (its "area_" columns), by crime type."""
    with bounded_reader() as con:
        request = Request(con, scope_build(con, area=AREA, **kwargs))
        rows = table_rows(TABLES["headline"], request)
        about = definition_text(TABLES["headline"], request)
    area = {r["crime_type"]: {k[5:]: v for k, v in r.items() if k.startswith("area_")} for r in rows}
    return area, about


class TestLikeForLike:
    def test_difference_leaves_out_months_with_data_on_one_side_only(self, gappy_warehouse):
        rows, about = _headline(period=PERIOD, compare=COMPARE)
        total = rows["All crime"]
        january, march = _count(JANUARY), _count(MARCH)
        assert january > 0 and march > 0
        assert total["period_count"] == january + march  # the counts stay whole
        assert total["compare_count"] == march
        assert total["difference"] == january - march  # the change is January against March only
        assert total["difference_pct"] == round(100 * (january - march) / march, 1)
        assert about["comparison_note"] is not None and "1 of 3 months" in about["comparison_note"]

    def test_each_crime_type_is_compared_over_the_same_months(self, gappy_warehouse):
        rows, _ = _headline(period=PERIOD, compare=COMPARE)
        crime_type = "Anti-social behaviour"
        row = rows[crime_type]
        assert row["difference"] == _count(JANUARY, crime_type=crime_type) - _count(MARCH, crime_type=crime_type)

    def test_equal_coverage_compares_totals_and_says_nothing(self, gappy_warehouse):
        rows, about = _headline(period="2022-03..2022-03", compare="2022-01..2022-01")
        total = rows["All crime"]
        assert total["difference"] == _count(MARCH) - _count(JANUARY)
        assert about["comparison_note"] is None

    def test_safer_table_gives_the_same_figures_and_the_note(self, gappy_warehouse):
        out, err = StringIO(), StringIO()
        call_command("table", "headline", area=AREA, period=PERIOD, compare=COMPARE, format="json", stdout=out)
        document = json.loads(out.getvalue())
        total = next(r for r in document["rows"] if r["crime_type"] == "All crime")
        assert total["area_difference"] == _count(JANUARY) - _count(MARCH)
        assert f"{AREA} (district): Difference" in [c["title"] for c in document["columns"]]
        assert "1 of 3 months" in document["definition"]["comparison_note"]
        out = StringIO()
        call_command("table", "headline", area=AREA, period=PERIOD, compare=COMPARE, stdout=out, stderr=err)
        assert "1 of 3 months" in err.getvalue()
        header, first = list(csv.reader(StringIO(out.getvalue())))[:2]
        column = header.index(f"{AREA} (district): Difference")
        assert first[0] == "All crime" and int(first[column]) == _count(JANUARY) - _count(MARCH)


@pytest.fixture
def analyst_client(make_user, client_for):
    return client_for(make_user(role="analyst"))


class TestBoundedQueries:
    """Every dashboard figure runs through the warehouse's bounded reader: a row cap and a time limit."""

    def test_row_cap_is_a_clear_error(self, gappy_warehouse):
        from safer.intelligence.warehouse import WarehouseQueryTooLargeError

        with bounded_reader(max_rows=3) as con, pytest.raises(WarehouseQueryTooLargeError, match="More than 3 rows"):
            table_rows(
                TABLES["counts"], Request(con, scope_build(con, area=AREA, period=PERIOD, by="month,crime_type"))
            )

    def test_time_limit_interrupts_a_slow_query(self, gappy_warehouse):
        from safer.intelligence.warehouse import WarehouseQueryTooLargeError

        with bounded_reader(seconds=0.2) as con, pytest.raises(WarehouseQueryTooLargeError, match="longer than"):
            con.rows("SELECT count(*) FROM range(10000000000) a")

    def test_page_says_what_to_do_when_the_cap_is_hit(self, gappy_warehouse, analyst_client, monkeypatch):
        monkeypatch.setattr("safer.intelligence.warehouse.store.WEB_ROW_CAP", 2)
        response = analyst_client.get(f"/intelligence/dashboard/?area={AREA}&period={PERIOD}")
        assert response.status_code == 400
        assert b"Narrow the area, period or filters" in response.content

    def test_memo_lives_with_the_request(self, gappy_warehouse):
        with bounded_reader() as first:
            _ = table_rows(TABLES["headline"], Request(first, scope_build(first, area=AREA, period=PERIOD)))
            assert first.memo
        with bounded_reader() as second:
            assert second.memo == {}
