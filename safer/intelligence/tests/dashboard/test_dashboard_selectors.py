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


AREAS = [
    ("area", "lad_name", "Oxford"),
    ("county", "county_name", "Oxfordshire"),
    ("force", "pfa_name", "Thames Valley"),
]


class TestHeadline:
    def test_crime_types_as_rows_with_the_areas_side_by_side(self, crime):
        rows = _rows("headline", area="Oxford", period="2022")
        by_type = {r["crime_type"]: r for r in rows}
        p, c = _between(crime, "2022-01-01", "2022-12-01"), _between(crime, "2021-01-01", "2021-12-01")
        # One row per crime type (All crime first), not one per crime type and area.
        assert [r["crime_type"] for r in rows] == ["All crime", *sorted(set(p["crime_type"]) | set(c["crime_type"]))]
        lsoa = _frame("SELECT * FROM lsoa")
        people = {value: int(lsoa.loc[lsoa[column] == value, "population"].sum()) for _, column, value in AREAS}
        for prefix, column, value in AREAS:
            row = by_type["All crime"]
            assert row[f"{prefix}_period_count"] == int((p[column] == value).sum())
            assert row[f"{prefix}_compare_count"] == int((c[column] == value).sum())
            # 2021-07 has no data, so the change leaves July out of 2022 too (like for like).
            like = p[p["month"] != pd.Timestamp("2022-07-01")]
            assert row[f"{prefix}_difference"] == int((like[column] == value).sum()) - row[f"{prefix}_compare_count"]
            assert row[f"{prefix}_difference_pct"] == round(
                100 * row[f"{prefix}_difference"] / row[f"{prefix}_compare_count"], 1
            )
            assert row[f"{prefix}_period_rate"] == round(1000 * row[f"{prefix}_period_count"] / people[value], 2)
            for crime_type, typed in by_type.items():
                if crime_type != "All crime":
                    expected = int(((p[column] == value) & (p["crime_type"] == crime_type)).sum())
                    assert typed[f"{prefix}_period_count"] == expected, (crime_type, value)
        # The synthetic count is the force's (which holds the district and county), both periods.
        both = _between(crime, "2021-01-01", "2022-12-01")
        assert by_type["All crime"]["synthetic_records"] == int(
            both.query("pfa_name == 'Thames Valley'")["synthetic"].sum()
        )

    def test_a_crime_type_absent_from_the_area_is_zero_there_not_missing(self, dashboard_warehouse):
        with writer() as con:  # one bicycle theft, in Reading: none in Oxford or Oxfordshire
            con.execute(
                "INSERT INTO crime SELECT * REPLACE (99999 AS record_id, 'bike' AS crime_id, 'Bicycle theft' AS "
                "crime_type, DATE '2022-05-01' AS month) FROM crime WHERE lad_name = 'Reading' LIMIT 1"
            )
            aggregates_refresh(con=con)
        rows = {r["crime_type"]: r for r in _rows("headline", area="Oxford", period="2022")}
        bikes = rows["Bicycle theft"]
        assert (bikes["area_period_count"], bikes["area_compare_count"], bikes["area_period_rate"]) == (0, 0, 0)
        assert bikes["county_period_count"] == 0 and bikes["force_period_count"] == 1

    def test_columns_name_each_area(self, dashboard_warehouse):
        with bounded_reader() as con:
            request = Request(con, scope_build(con, area="Oxford", period="2022"))
            titles = TABLES["headline"].column_titles(request)
            keys = [c.key for c in TABLES["headline"].columns_for(request)]
        assert titles[:6] == [
            "Crime type",
            "Oxford (district): 2021",
            "Oxford (district): 2022",
            "Oxford (district): Difference",
            "Oxford (district): Difference %",
            "Oxford (district): Per 1,000",
        ]
        assert "Oxfordshire (county): Per 1,000" in titles
        assert "Thames Valley (police force area): Per 1,000" in titles
        assert keys[-1] == "synthetic_records" and "force_period_rate" in keys and len(keys) == len(titles) == 17

    def test_compared_with_the_months_just_before(self, crime):
        rows = _rows("headline", area="Oxford", period="2022-01..2022-03", compare="previous")
        oxford = crime[crime["lad_name"] == "Oxford"]
        total = rows[0]
        assert total["area_period_count"] == len(_between(oxford, "2022-01-01", "2022-03-01"))
        assert total["area_compare_count"] == len(_between(oxford, "2021-10-01", "2021-12-01"))

    def test_crime_type_filter(self, crime):
        rows = _rows("headline", area="Oxford", period="2022", crime_type="burglary")
        assert [r["crime_type"] for r in rows] == ["Burglary"]

    def test_comparison_without_data_is_no_data_not_zero(self, crime):
        rows = _rows("headline", area="Oxford", period="2020")
        assert rows[0]["area_compare_count"] is None and rows[0]["area_difference"] is None
        assert rows[0]["area_period_count"] == int(
            _between(crime, "2020-01-01", "2020-12-01").query("lad_name == 'Oxford'").shape[0]
        )


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
        summary = {r["group"]: r for r in _rows("serious_violence_summary", area="Oxfordshire", period="2022")}
        assert list(summary) == ["Group 1", "Group 2"]  # the county and its force side by side
        in_2022 = offences[offences["month"].astype(str).str.startswith("2022")]
        for group in (1, 2):
            expected = int((in_2022["serious_violence_group"] == group).sum())
            assert summary[f"Group {group}"]["area_period_count"] == expected
        force = _frame("SELECT * FROM offence WHERE pfa_name = 'Thames Valley' AND year(month) = 2022")
        assert summary["Group 1"]["force_period_count"] == int((force["serious_violence_group"] == 1).sum())

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
        assert rows[0]["crime_type"] == "All crime" and rows[0]["area_period_count"] == expected
        assert rows[0]["area_period_rate"] is None  # no population for a drawn area
        assert not any(key.startswith(("district_", "county_", "force_")) for key in rows[0])


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
