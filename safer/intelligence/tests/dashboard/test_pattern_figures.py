"""Concentration, day-and-hour (with the night-time economy filter) and seasonality tables, checked against
independent computations over the fixture's raw records."""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from django.core.management import call_command

from safer.accounts.choices import Role
from safer.intelligence.dashboard import pattern_figures
from safer.intelligence.dashboard.tables import DashboardInputError, scope_build
from safer.intelligence.warehouse import bounded_reader, reader, writer

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def analyst_client(make_user, client_for):
    return client_for(make_user(role=Role.ANALYST))


@pytest.fixture
def offence_times(dashboard_warehouse) -> list[datetime]:
    """Give some of Oxford's 2022 offences a time, spread over the week and the clock change (UTC stored)."""
    start = datetime(2022, 3, 20, 0, 0, tzinfo=UTC)
    with writer() as con:
        ids = [
            r[0]
            for r in con.execute(
                "SELECT record_id FROM offence WHERE lad_name = 'Oxford' AND year(month) = 2022 ORDER BY record_id"
            ).fetchall()
        ]
        times = []
        for k, record_id in enumerate(ids):
            when = start + timedelta(hours=7 * k + (k % 5) * 13, minutes=17 * k % 60)
            times.append(when)
            con.execute(
                "UPDATE offence SET occurred_at = ?, month = ? WHERE record_id = ?",
                [when, when.astimezone(LONDON).date().replace(day=1), record_id],
            )
    assert len(times) > 30
    return times


def _oxford_lsoa_counts(year: int) -> dict[str, int]:
    """Records per LSOA of Oxford (every LSOA, zeros included) from the raw crime table."""
    with reader() as raw:
        codes = [r[0] for r in raw.execute("SELECT lsoa_code FROM lsoa WHERE lad_name = 'Oxford'").fetchall()]
        found = dict(
            raw.execute(
                "SELECT lsoa_code, count(*) FROM crime WHERE lad_name = 'Oxford' AND year(month) = ? GROUP BY 1",
                [year],
            ).fetchall()
        )
    return {code: int(found.get(code, 0)) for code in codes}


class TestConcentration:
    def test_shares_gini_and_curve_equal_an_independent_computation(self, dashboard_warehouse):
        counts = _oxford_lsoa_counts(2022)
        values = np.array(sorted(counts.values(), reverse=True), dtype=float)
        total = values.sum()
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022")
            summary = pattern_figures.concentration_summary(con, scope)
            curve = pattern_figures.concentration_curve(con, scope)
            top = pattern_figures.concentration_top(con, scope)
        for row, percent in zip(summary, (1, 5, 10, 20, 50), strict=False):
            k = max(1, math.ceil(len(values) * percent / 100))
            assert row["places"] == k
            assert row["records"] == values[:k].sum()
            assert row["value"] == round(100 * values[:k].sum() / total, 1)
        # Gini by the mean absolute difference, a different formula from the product's ranked sum.
        gini = np.abs(values[:, None] - values[None, :]).sum() / (2 * len(values) ** 2 * values.mean())
        assert summary[-1]["measure"] == "Gini coefficient" and summary[-1]["value"] == round(gini, 3)
        assert summary[-1]["places"] == len(counts) and summary[-1]["records"] == total
        assert len(curve) == len(values) + 1 and curve[0] == {"places_pct": 0.0, "records_pct": 0.0}
        assert curve[-1] == {"places_pct": 100.0, "records_pct": 100.0}
        assert curve[3]["records_pct"] == round(100 * values[:3].sum() / total, 2)
        assert [r["count"] for r in top] == [int(v) for v in values[: len(top)]]
        assert top[1]["cumulative_pct"] == round(100 * values[:2].sum() / total, 1)

    def test_an_area_without_records_has_no_rows(self, dashboard_warehouse):
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2019")
            assert pattern_figures.concentration_summary(con, scope) == []


class TestWeekHour:
    def test_counts_by_local_day_and_hour(self, offence_times):
        expected = np.zeros((7, 24), dtype=int)
        for when in offence_times:
            local = when.astimezone(LONDON)
            expected[local.weekday(), local.hour] += 1
        with bounded_reader() as con:
            rows = pattern_figures.week_hour(con, scope_build(con, area="Oxford", period="2022"))
        assert [r["day"] for r in rows] == [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ]
        got = np.array([[r[f"h{h:02d}"] for h in range(24)] for r in rows])
        assert (got == expected).all()
        assert [r["total"] for r in rows] == expected.sum(axis=1).tolist()

    def test_the_night_time_economy_filter(self, offence_times):
        expected = np.zeros((7, 24), dtype=int)
        for when in offence_times:
            local = when.astimezone(LONDON)
            evening = local.hour >= 19 and local.weekday() in (4, 5)  # Friday or Saturday from 19:00
            small_hours = local.hour < 3 and local.weekday() in (5, 6)  # before 03:00 on Saturday or Sunday
            if evening or small_hours:
                expected[local.weekday(), local.hour] += 1
        assert expected.sum() > 0
        with bounded_reader() as con:
            rows = pattern_figures.week_hour(con, scope_build(con, area="Oxford", period="2022", window="nte"))
        got = np.array([[r[f"h{h:02d}"] for h in range(24)] for r in rows])
        assert (got == expected).all()

    def test_an_unknown_window_says_which_exist(self, dashboard_warehouse):
        with bounded_reader() as con, pytest.raises(DashboardInputError) as error:
            scope_build(con, area="Oxford", window="late")
        assert error.value.field == "window" and "nte" in str(error.value)


class TestSeasonality:
    def test_totals_means_and_index_leave_missing_months_out(self, dashboard_warehouse):
        with reader() as raw:
            frame = raw.execute("SELECT month, count(*) AS n FROM crime WHERE lad_name = 'Oxford' GROUP BY month").df()
        frame["calendar"] = pd.to_datetime(frame["month"]).dt.month
        by_month = frame.groupby("calendar")["n"].agg(["sum", "count", "mean"])
        index = by_month["mean"] / by_month["mean"].mean()
        with bounded_reader() as con:
            rows = pattern_figures.seasonality(con, scope_build(con, area="Oxford", period="2020-01..2022-12"))
        assert [r["month_name"] for r in rows][:2] == ["January", "February"]
        july = rows[6]
        assert july["months_observed"] == 2  # 2021-07 is missing from the fixture, not a zero
        for k, row in enumerate(rows, start=1):
            assert row["total"] == by_month.loc[k, "sum"]
            assert row["months_observed"] == by_month.loc[k, "count"]
            assert row["mean"] == round(by_month.loc[k, "mean"], 1)
            assert row["index"] == round(index.loc[k], 2)


class TestPatternsPage:
    def test_page_exports_api_and_safer_table(self, analyst_client, offence_times):
        page = analyst_client.get("/intelligence/dashboard/patterns/?area=Oxford&period=2022&window=nte")
        text = page.content.decode()
        assert page.status_code == 200
        for title in (
            "How concentrated records are",
            "Concentration (Lorenz) curve",
            "Places with the most records",
            "Offences by day of the week and hour",
            "Seasonality: records by month of the year",
        ):
            assert title in text
        assert "window=nte" in text
        chart = analyst_client.get("/intelligence/dashboard/chart/concentration_curve.svg?area=Oxford&period=2022")
        assert chart.status_code == 200 and b"<svg" in chart.content
        heat = analyst_client.get("/intelligence/dashboard/chart/week_hour.svg?area=Oxford&period=2022&window=nte")
        assert heat.status_code == 200 and b"<svg" in heat.content
        lines = list(
            csv.reader(
                io.StringIO(
                    analyst_client.get(
                        "/intelligence/dashboard/table/week_hour.csv?area=Oxford&period=2022&window=nte"
                    ).content.decode()
                )
            )
        )
        assert lines[0][:3] == ["Day", "00", "01"] and len(lines) == 8
        assert all(int(line[25]) == 0 for line in lines[1:5])  # Monday to Thursday: nothing in the window
        api = analyst_client.get("/api/intelligence/tables/seasonality?area=Oxford&period=2022").json()
        assert len(api["rows"]) == 12
        out = io.StringIO()
        call_command("table", "concentration_summary", "--area", "Oxford", "--period", "2022", stdout=out)
        assert "Gini coefficient" in out.getvalue()
