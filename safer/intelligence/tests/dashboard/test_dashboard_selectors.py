"""Dashboard figures (read from the aggregates) against counts computed independently over the raw rows."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.dashboard.tables import TABLES, DashboardInputError, Request, scope_build, table_rows
from safer.intelligence.warehouse import bounded_reader, reader, writer


def _frame(sql: str) -> pd.DataFrame:
    with reader() as con:
        return con.execute(sql).df()


def _rows(name: str, **kwargs):
    with bounded_reader() as con:
        return table_rows(TABLES[name], Request(con, scope_build(con, **kwargs)))


@pytest.fixture
def crime(dashboard_warehouse) -> pd.DataFrame:
    frame = _frame("SELECT * FROM crime")
    frame["month"] = pd.to_datetime(frame["month"])
    return frame


def _between(frame: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    return frame[(frame["month"] >= pd.Timestamp(start)) & (frame["month"] <= pd.Timestamp(end))]


class TestScopeBuild:
    def test_bad_inputs_name_the_field(self, dashboard_warehouse):
        with bounded_reader() as con:
            for kwargs, field in [
                ({"area": "Nowhere"}, "area"),
                ({"area": "Oxford", "period": "soon"}, "period"),
                ({"area": "Oxford", "compare": "2021-14"}, "compare"),
                ({"area": "Oxford", "crime_type": "Piracy"}, "crime_type"),
                ({"area": "Oxford", "by": "weekday"}, "by"),
            ]:
                with pytest.raises(DashboardInputError) as caught:
                    scope_build(con, **kwargs)
                assert caught.value.field == field


class TestHeadline:
    def test_area_and_containing_areas_match_pandas(self, crime):
        rows = _rows("headline", area="Oxford", period="2022")
        by_key = {(r["crime_type"], r["area"]): r for r in rows}
        p, c = _between(crime, "2022-01-01", "2022-12-01"), _between(crime, "2021-01-01", "2021-12-01")
        for area, column, value in [
            ("Oxford", "lad_name", "Oxford"),
            ("Oxfordshire", "county_name", "Oxfordshire"),
            ("Thames Valley", "pfa_name", "Thames Valley"),
        ]:
            row = by_key[("All crime", area)]
            assert row["period_count"] == int((p[column] == value).sum())
            assert row["compare_count"] == int((c[column] == value).sum())
            # 2021-07 has no data, so the change leaves July out of 2022 too (like for like).
            like = p[p["month"] != pd.Timestamp("2022-07-01")]
            assert row["difference"] == int((like[column] == value).sum()) - row["compare_count"]
            assert row["difference_pct"] == round(100 * row["difference"] / row["compare_count"], 1)
            burglary = by_key[("Burglary", area)]
            assert burglary["period_count"] == int(((p[column] == value) & (p["crime_type"] == "Burglary")).sum())
        with bounded_reader() as con:
            population = con.one("SELECT sum(population) FROM lsoa WHERE lad_name = 'Oxford'")[0]
        oxford = by_key[("All crime", "Oxford")]
        assert oxford["period_rate"] == round(1000 * oxford["period_count"] / population, 2)
        assert oxford["synthetic_records"] == int(
            (_between(crime, "2021-01-01", "2022-12-01").query("lad_name == 'Oxford'")["synthetic"]).sum()
        )

    def test_crime_type_filter(self, crime):
        rows = _rows("headline", area="Oxford", period="2022", crime_type="burglary")
        assert {r["crime_type"] for r in rows} == {"Burglary"}

    def test_comparison_without_data_is_no_data_not_zero(self, crime):
        rows = _rows("headline", area="Oxford", period="2020")
        assert rows[0]["compare_count"] is None and rows[0]["difference"] is None


class TestTrend:
    def test_monthly_and_rolling_match_pandas(self, crime):
        rows = {r["month"]: r for r in _rows("trend", area="Oxford", period="2022")}
        oxford = crime[crime["lad_name"] == "Oxford"]
        monthly = oxford.groupby(oxford["month"].dt.strftime("%Y-%m")).size()
        assert rows["2022-05"]["count"] == monthly["2022-05"]
        # 2021-07 is missing from the data, so no 12-month window containing it has a rolling total
        assert rows["2022-06"]["rolling_12"] is None
        expected = int(_between(oxford, "2022-01-01", "2022-12-01").shape[0])
        assert rows["2022-12"]["rolling_12"] == expected
        assert rows["2022-12"]["rolling_12_mean"] == round(expected / 12, 1)


class TestCounts:
    def test_by_month_crime_type_area(self, crime):
        rows = _rows("counts", area="Oxfordshire", period="2021-03..2022-03", by="month,crime_type,area")
        p = _between(crime, "2021-03-01", "2022-03-01")
        p = p[p["county_name"] == "Oxfordshire"]
        expected = p.groupby([p["month"].dt.strftime("%Y-%m"), "crime_type", "lad_code"]).size()
        got = {(r["month"], r["crime_type"], r["area_code"]): r["count"] for r in rows}
        assert got == {k: int(v) for k, v in expected.items()}
        assert {r["area_name"] for r in rows} == {"Oxford", "Cherwell"}

    def test_total(self, crime):
        rows = _rows("counts", area="Reading", period="2022")
        assert rows == [
            {
                "count": int(_between(crime, "2022-01-01", "2022-12-01").query("lad_name == 'Reading'").shape[0]),
                "synthetic_records": rows[0]["synthetic_records"],
            }
        ]


class TestDistrictsAndLocations:
    def test_districts_of_the_county(self, crime):
        rows = _rows("districts", area="Oxford", period="2022")
        p = _between(crime, "2022-01-01", "2022-12-01")
        p = p[p["county_name"] == "Oxfordshire"]
        counts = p.groupby("lad_name").size()
        got = {r["district"]: r["period_count"] for r in rows}
        assert set(got) == {"Cherwell", "Oxford", "South Oxfordshire", "Vale of White Horse", "West Oxfordshire"}
        assert {k: v for k, v in got.items() if v} == {k: int(v) for k, v in counts.items()}

    def test_repeat_locations(self, crime):
        rows = _rows("repeat_locations", area="Oxford", period="2022")
        p = _between(crime, "2022-01-01", "2022-12-01").query("lad_name == 'Oxford'")
        expected = p.groupby(["location", "lsoa_code"]).size().sort_values(ascending=False)
        assert rows[0]["count"] == int(expected.iloc[0])
        assert sum(r["count"] for r in rows) == len(p)  # fewer than 20 locations: all of them are listed

    def test_map_lsoas(self, crime):
        rows = _rows("map_lsoas", area="Oxford", period="2022")
        p = _between(crime, "2022-01-01", "2022-12-01").query("lad_name == 'Oxford'")
        assert {r["lsoa_code"]: r["count"] for r in rows} == {
            k: int(v) for k, v in p.groupby("lsoa_code").size().items()
        }
        centroids = crime.groupby("lsoa_code")["latitude"].mean()
        for row in rows:
            assert row["latitude"] == pytest.approx(centroids[row["lsoa_code"]], abs=1e-5)


class TestAsbAndSeriousViolence:
    def test_asb_by_type(self, dashboard_warehouse):
        asb = _frame("SELECT * FROM asb_incident WHERE lad_name = 'Oxford' AND year(month) = 2022")
        rows = _rows("asb_by_type", area="Oxford", period="2022")
        assert {(r["asb_category"], r["period_count"]) for r in rows} == {
            (k, int(v)) for k, v in asb.groupby("asb_category").size().items()
        }

    def test_serious_violence_monthly_and_summary(self, dashboard_warehouse):
        offences = _frame("SELECT * FROM offence WHERE county_name = 'Oxfordshire'")
        monthly = {r["month"]: r for r in _rows("serious_violence", area="Oxfordshire", period="2022")}
        may = offences[offences["month"].astype(str).str.startswith("2022-05")]
        assert monthly["2022-05"]["group_1"] == int((may["serious_violence_group"] == 1).sum())
        assert monthly["2022-05"]["group_2"] == int((may["serious_violence_group"] == 2).sum())
        summary = {
            (r["group"], r["area"]): r for r in _rows("serious_violence_summary", area="Oxfordshire", period="2022")
        }
        in_2022 = offences[offences["month"].astype(str).str.startswith("2022")]
        assert summary[("Group 1", "Oxfordshire")]["period_count"] == int(
            (in_2022["serious_violence_group"] == 1).sum()
        )

    def test_victim_age_bands_with_youth_focus(self, dashboard_warehouse):
        offences = _frame(
            "SELECT * FROM offence WHERE lad_name = 'Oxford' AND year(month) = 2022 "
            "AND serious_violence_group IS NOT NULL"
        )
        rows = {r["age_band"]: r for r in _rows("serious_violence_victim_age", area="Oxford", period="2022")}
        expected = offences.groupby("victim_age_band").size()
        assert {k: r["total"] for k, r in rows.items()} == {k: int(v) for k, v in expected.items()}
        assert rows["10-17"]["youth_group"] == "Under 18" and rows["18-24"]["youth_group"] == "18-24"


class TestAggregatesRefresh:
    def test_second_refresh_does_nothing_and_months_refresh_replaces_a_month(self, dashboard_warehouse):
        with writer() as con:
            assert set(aggregates_refresh(con=con).values()) == {"unchanged"}
            con.execute("DELETE FROM crime WHERE month = DATE '2022-05-01' AND lad_name = 'Oxford'")
            assert aggregates_refresh(con=con, months=[date(2022, 5, 1)])["crime"] == "months"
            assert aggregates_refresh(con=con)["crime"] == "unchanged"
        rows = {r["month"]: r for r in _rows("trend", area="Oxford", period="2022")}
        assert rows["2022-05"]["count"] == 0 and rows["2022-04"]["count"] > 0

    def test_custom_area(self, dashboard_warehouse):
        with writer() as con:
            con.execute("INSERT INTO custom_area VALUES (5, 'Cowley Road corridor', '{}', NULL)")
            con.execute(
                "INSERT INTO custom_area_record SELECT 5, 'crime', record_id FROM crime "
                "WHERE location = 'On or near Cowley Road'"
            )
            assert aggregates_refresh(con=con)["custom_area_record"] == "rebuilt"
            expected = con.execute(
                "SELECT count(*) FROM crime WHERE location = 'On or near Cowley Road' AND year(month) = 2022"
            ).fetchone()[0]
        rows = _rows("headline", area="Cowley Road corridor", period="2022")
        assert rows[0]["area"] == "Cowley Road corridor" and rows[0]["period_count"] == expected
        assert rows[0]["period_rate"] is None


class TestDashboardDemoLoad:
    def test_builds_missing_aggregates_once(self, dashboard_warehouse):
        from safer.intelligence.demo.dashboard import dashboard_demo_load

        with writer() as con:
            con.execute("DELETE FROM agg_info")
            con.execute("DELETE FROM agg_crime_lad")
        assert "rebuilt for crime" in dashboard_demo_load()[0]
        assert "up to date" in dashboard_demo_load()[0]
        with bounded_reader() as con:
            assert con.one("SELECT sum(n) FROM agg_crime_lad")[0] == dashboard_warehouse["crime"]

    def test_inside_the_callers_transaction(self, dashboard_warehouse):
        with writer() as con:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM crime WHERE month = DATE '2022-01-01'")
            aggregates_refresh(con=con, months=[date(2022, 1, 1)], in_transaction=True)
            con.execute("ROLLBACK")
            assert con.execute("SELECT count(*) FROM agg_crime_lad WHERE month = DATE '2022-01-01'").fetchone()[0] > 0
