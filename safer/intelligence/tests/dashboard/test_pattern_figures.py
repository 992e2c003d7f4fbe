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


def _gini(values: np.ndarray) -> float:
    """Gini by the mean absolute difference (not the product's ranked sum)."""
    return float(np.abs(values[:, None] - values[None, :]).sum() / (2 * len(values) ** 2 * values.mean()))


def _check_concentration(con, scope, counts: list[int]) -> None:
    """The three concentration tables against counts per place computed independently."""
    values = np.array(sorted(counts, reverse=True), dtype=float)
    total = values.sum()
    summary = pattern_figures.concentration_summary(con, scope)
    top = pattern_figures.concentration_top(con, scope)
    curve = pattern_figures.concentration_curve(con, scope)
    for row, percent in zip(summary, (1, 5, 10, 20, 50), strict=False):
        k = max(1, math.ceil(len(values) * percent / 100))
        assert (row["places"], row["records"]) == (k, values[:k].sum())
    assert summary[-1]["places"] == len(values) and summary[-1]["records"] == total
    assert summary[-1]["value"] == round(_gini(values), 3)
    assert [r["count"] for r in top] == [int(v) for v in values[: len(top)]]
    assert len(curve) == len(values) + 1 and curve[-1] == {"places_pct": 100.0, "records_pct": 100.0}


class TestConcentrationByPlace:
    def test_by_grid_cell_counts_every_cell_of_the_map_grid_inside_the_area(self, dashboard_warehouse):
        import shapely
        from pyproj import Transformer

        from safer.geography.boundaries import boundaries_load

        with reader() as raw:
            codes = [r[0] for r in raw.execute("SELECT lsoa_code FROM lsoa WHERE lad_name = 'Oxford'").fetchall()]
            found = raw.execute(
                "SELECT longitude, latitude FROM crime WHERE lad_name = 'Oxford' AND year(month) = 2022 "
                "AND latitude IS NOT NULL"
            ).fetchnumpy()
        x, y = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
            found["longitude"], found["latitude"]
        )
        size = 250.0
        polygons = boundaries_load("lsoa").select(codes).polygons
        x0, y0, x1, y1 = shapely.total_bounds(polygons)
        ix, iy = np.meshgrid(
            np.arange(math.floor(x0 / size), math.floor(x1 / size) + 1),
            np.arange(math.floor(y0 / size), math.floor(y1 / size) + 1),
        )
        centres = shapely.points((ix.ravel() + 0.5) * size, (iy.ravel() + 0.5) * size)
        area = shapely.union_all(polygons)
        inside = [
            (int(a), int(b)) for a, b, c in zip(ix.ravel(), iy.ravel(), centres, strict=True) if area.intersects(c)
        ]
        cell_of = list(
            zip(np.floor(np.asarray(x) / size).astype(int), np.floor(np.asarray(y) / size).astype(int), strict=True)
        )
        tally: dict[tuple[int, int], int] = {}
        for cell in cell_of:
            tally[cell] = tally.get(cell, 0) + 1
        counts = [tally.get(cell, 0) for cell in inside]
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022", cell_size="250", place="cell")
            _check_concentration(con, scope, counts)
            summary = pattern_figures.concentration_summary(con, scope)
        assert summary[0]["measure"] == "Busiest 1% of grid cells"

    def test_by_street_location_counts_every_police_uk_point_of_the_area(self, dashboard_warehouse):
        with reader() as raw:
            points = raw.execute(
                "SELECT DISTINCT location, lsoa_code, longitude, latitude FROM crime "
                "WHERE lad_name = 'Oxford' AND latitude IS NOT NULL"
            ).fetchall()
            found = {
                tuple(r[:4]): r[4]
                for r in raw.execute(
                    "SELECT location, lsoa_code, longitude, latitude, count(*) FROM crime "
                    "WHERE lad_name = 'Oxford' AND year(month) = 2022 AND crime_type = 'Burglary' GROUP BY ALL"
                ).fetchall()
            }
        counts = [int(found.get(tuple(p), 0)) for p in points]
        assert 0 in counts or len(counts) > 1
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022", crime_type="Burglary", place="location")
            _check_concentration(con, scope, counts)
            top = pattern_figures.concentration_top(con, scope)
        assert top[0]["place"].startswith("On or near ")

    def test_an_unknown_unit_says_which_exist(self, dashboard_warehouse):
        with bounded_reader() as con, pytest.raises(DashboardInputError) as error:
            scope_build(con, area="Oxford", place="street")
        assert error.value.field == "place" and "lsoa, cell, location" in str(error.value)

    def test_the_unit_reaches_the_page_api_and_safer_table(self, analyst_client, dashboard_warehouse):
        page = analyst_client.get("/intelligence/dashboard/patterns/?area=Oxford&period=2022&place=location")
        text = page.content.decode()
        assert page.status_code == 200 and "Busiest 1% of street locations" in text
        api = analyst_client.get("/api/intelligence/tables/concentration_top?area=Oxford&period=2022&place=cell").json()
        assert api["columns"][1] == {"key": "place", "title": "Grid cell", "kind": "text"}
        assert api["rows"][0]["place"].endswith(tuple("0123456789"))
        out = io.StringIO()
        call_command(
            "table", "concentration_summary", "--area", "Oxford", "--period", "2022", "--place", "cell", stdout=out
        )
        assert out.getvalue().splitlines()[0].startswith("Measure,Grid cells,Records")


class TestNightTimeEconomyEverywhere:
    def test_the_sql_window_agrees_with_pattern_in_window(self, offence_times):
        from safer.intelligence.dashboard.hotspot_figures import window_offences
        from safer.intelligence.patterns.nte import NTE_PRESET, pattern_in_window

        with reader() as raw:
            found = raw.execute(
                "SELECT record_id, timezone('Europe/London', occurred_at) FROM offence "
                "WHERE lad_name = 'Oxford' AND year(month) = 2022 AND occurred_at IS NOT NULL ORDER BY record_id"
            ).fetchall()
        keep = pattern_in_window(times=np.array([r[1] for r in found], dtype="datetime64[m]"), window=NTE_PRESET)
        with bounded_reader() as con:
            rows = window_offences(con, scope_build(con, area="Oxford", period="2022", window="nte"), "o.record_id")
        assert sorted(r[0] for r in rows) == [r[0] for r, k in zip(found, keep, strict=True) if k]

    def test_seasonality_counts_the_offences_in_the_window(self, offence_times):
        months = [when.astimezone(LONDON) for when in offence_times]
        expected = np.zeros(12, dtype=int)
        for local in months:
            evening = local.hour >= 19 and local.weekday() in (4, 5)
            small_hours = local.hour < 3 and local.weekday() in (5, 6)
            if (evening or small_hours) and local.year == 2022:
                expected[local.month - 1] += 1
        assert expected.sum() > 0
        with bounded_reader() as con:
            rows = pattern_figures.seasonality(con, scope_build(con, area="Oxford", period="2022", window="nte"))
            everything = pattern_figures.seasonality(con, scope_build(con, area="Oxford", period="2022"))
        assert [r["total"] for r in rows] == expected.tolist()
        assert [r["months_observed"] for r in rows] == [1] * 12
        mean = expected.mean()
        assert [r["index"] for r in rows] == [round(v / mean, 2) for v in expected]
        assert sum(r["total"] for r in everything) > expected.sum()  # police.uk's records, all times

    def test_concentration_by_lsoa_counts_the_offences_in_the_window(self, offence_times):
        with reader() as raw:
            codes = [r[0] for r in raw.execute("SELECT lsoa_code FROM lsoa WHERE lad_name = 'Oxford'").fetchall()]
            found = raw.execute(
                "SELECT lsoa_code, occurred_at FROM offence WHERE lad_name = 'Oxford' AND year(month) = 2022 "
                "AND occurred_at IS NOT NULL"
            ).fetchall()
        tally: dict[str, int] = {}
        for code, when in found:
            local = when.astimezone(LONDON)
            if (local.hour >= 19 and local.weekday() in (4, 5)) or (local.hour < 3 and local.weekday() in (5, 6)):
                tally[code] = tally.get(code, 0) + 1
        assert sum(tally.values()) > 0
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022", window="nte")
            _check_concentration(con, scope, [tally.get(code, 0) for code in codes])
            located = scope_build(con, area="Oxford", period="2022", window="nte", place="location")
            assert pattern_figures.concentration_summary(con, located) == []
            assert "police.uk, which gives months only" in pattern_figures.concentration_reason(con, located)

    def test_the_patterns_page_labels_what_the_window_did(self, analyst_client, offence_times):
        text = analyst_client.get(
            "/intelligence/dashboard/patterns/?area=Oxford&period=2022&window=nte"
        ).content.decode()
        assert "night-time economy only (Friday and Saturday 19:00 to 03:00)" in text
        # The three concentration tables and seasonality count the extract's offences in the window ...
        assert text.count("counted from the offence-level extract") == 4
        assert "Night-time economy only: offences Friday and Saturday 19:00 to 03:00." in text  # week_hour
        # ... police.uk's busiest street locations cannot be filtered by time, and say so.
        assert text.count("does not apply to this table") == 1
        api = analyst_client.get("/api/intelligence/tables/seasonality?area=Oxford&period=2022&window=nte").json()
        assert "offence-level extract" in api["window_note"]
