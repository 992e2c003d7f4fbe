"""The map's user-set grid, kernel density, emerging hot spots and two-period change, checked against independent
computations over the fixture's records (not against the product's own selectors)."""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np
import pytest
from django.core.management import call_command
from pyproj import Transformer

from safer.accounts.choices import Role
from safer.intelligence.dashboard import hotspot_layers
from safer.intelligence.dashboard.tables import DashboardInputError, scope_build
from safer.intelligence.warehouse import bounded_reader, reader

pytestmark = pytest.mark.django_db
_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


@pytest.fixture
def analyst_client(make_user, client_for):
    return client_for(make_user(role=Role.ANALYST))


def _records(year: int, district: str = "Oxford") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BNG easting, northing and month of the fixture's located records in one district and year, from the
    raw `crime` table (not the aggregates the dashboard reads)."""
    with reader() as raw:
        found = raw.execute(
            "SELECT longitude, latitude, month FROM crime WHERE lad_name = ? AND year(month) = ? "
            "AND latitude IS NOT NULL",
            [district, year],
        ).fetchnumpy()
    x, y = _TO_BNG.transform(found["longitude"], found["latitude"])
    return np.asarray(x), np.asarray(y), np.asarray(found["month"], dtype="datetime64[M]")


def _in_cell(x: np.ndarray, y: np.ndarray, row: dict) -> np.ndarray:
    size = row["cell_size"]
    return (np.floor(x / size) * size + size / 2 == row["cell_easting"]) & (
        np.floor(y / size) * size + size / 2 == row["cell_northing"]
    )


class TestCellSize:
    @pytest.mark.parametrize(
        ("cell_size", "message"),
        [("abc", "whole number of metres"), ("5", "from 10 to 10,000"), ("12.5", "whole number"), ("20000", "10,000")],
    )
    def test_input_errors_name_the_value_and_the_field(self, dashboard_warehouse, cell_size, message):
        with bounded_reader() as con, pytest.raises(DashboardInputError) as error:
            scope_build(con, area="Oxford", period="2022", cell_size=cell_size)
        assert error.value.field == "cell_size" and message in str(error.value)

    def test_a_grid_too_fine_for_the_area_says_what_size_to_use(self, dashboard_warehouse):
        with bounded_reader() as con, pytest.raises(DashboardInputError) as error:
            scope_build(con, area="county:Oxfordshire", period="2022", cell_size="10")
        assert "Use a cell size of" in str(error.value) and "1,000,000" in str(error.value)

    def test_the_chosen_size_is_the_grid_of_the_hotspot_table(self, dashboard_warehouse):
        x, y, _ = _records(2022)
        with bounded_reader() as con:
            rows = hotspot_layers.hotspot_cells(con, scope_build(con, area="Oxford", period="2022", cell_size="200"))
        assert rows and {r["cell_size"] for r in rows} == {200}
        for row in rows:
            assert _in_cell(x, y, row).sum() == row["count"]


class TestKernelDensity:
    def test_densities_equal_the_quartic_kernel_with_the_rule_bandwidth(self, dashboard_warehouse):
        x, y, _ = _records(2022)
        # The rule written out independently: 0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2.
        d = np.hypot(x - x.mean(), y - y.mean())
        rule = 0.9 * min(math.sqrt((d**2).mean()), math.sqrt(1 / math.log(2)) * float(np.median(d))) * x.size**-0.2
        with bounded_reader() as con:
            rows = hotspot_layers.kde_cells(con, scope_build(con, area="Oxford", period="2022"))
        assert rows
        assert {r["bandwidth"] for r in rows} == {round(rule)}
        assert {r["bandwidth_source"] for r in rows} == {"ArcGIS Pro default rule"}
        assert [r["density"] for r in rows] == sorted((r["density"] for r in rows), reverse=True)
        for row in rows[:25]:
            u = ((x - row["cell_easting"]) ** 2 + (y - row["cell_northing"]) ** 2) / rule**2
            expected = (3 / (math.pi * rule**2) * np.where(u < 1, (1 - u) ** 2, 0.0)).sum() * 1e6
            assert row["density"] == pytest.approx(expected, abs=0.006)
            assert _in_cell(x, y, row).sum() == row["count"]

    def test_a_user_bandwidth_is_used_and_said(self, dashboard_warehouse):
        x, y, _ = _records(2022)
        with bounded_reader() as con:
            rows = hotspot_layers.kde_cells(con, scope_build(con, area="Oxford", period="2022", bandwidth="800"))
        assert {(r["bandwidth"], r["bandwidth_source"]) for r in rows} == {(800, "set by the user")}
        top = rows[0]
        u = ((x - top["cell_easting"]) ** 2 + (y - top["cell_northing"]) ** 2) / 800**2
        expected = (3 / (math.pi * 800**2) * np.where(u < 1, (1 - u) ** 2, 0.0)).sum() * 1e6
        assert top["density"] == pytest.approx(expected, abs=0.006)

    def test_bandwidth_errors(self, dashboard_warehouse):
        with bounded_reader() as con:
            with pytest.raises(DashboardInputError) as error:
                scope_build(con, area="Oxford", period="2022", bandwidth="-3")
            assert error.value.field == "bandwidth"
            with pytest.raises(DashboardInputError) as error:
                scope_build(con, area="Oxford", period="2022", cell_size="10", bandwidth="5000")
            assert error.value.field == "bandwidth" and "at most" in str(error.value)


class TestEmergingAndChange:
    def test_emerging_cells_count_the_records_and_follow_the_rules(self, dashboard_warehouse):
        x, y, month = _records(2022)
        with bounded_reader() as con:
            rows = hotspot_layers.emerging_cells(con, scope_build(con, area="Oxford", period="2022"))
        assert rows
        for row in rows:
            assert row["slices"] == np.unique(month).size == 12
            assert _in_cell(x, y, row).sum() == row["count"]
            kind = "hot" if "hot spot" in row["pattern"] else "cold"
            mine = row["hot_slices"] if kind == "hot" else row["cold_slices"]
            if row["pattern"].startswith("New"):
                assert mine == 1
            elif row["pattern"].startswith(("Persistent", "Intensifying", "Diminishing", "Historical")):
                assert mine >= 0.9 * row["slices"]
            elif row["pattern"].startswith(("Sporadic", "Oscillating", "Consecutive")):
                assert 1 <= mine < 0.9 * row["slices"]

    def test_change_counts_both_periods_on_one_grid(self, dashboard_warehouse):
        x1, y1, _ = _records(2021)
        x2, y2, _ = _records(2022)
        with bounded_reader() as con:
            rows = hotspot_layers.change_cells(con, scope_build(con, area="Oxford", period="2022"))
        assert rows and {r["change"] for r in rows} <= {"Emerged", "Persisted", "Faded"}
        for row in rows:
            assert _in_cell(x1, y1, row).sum() == row["compare_count"]
            assert _in_cell(x2, y2, row).sum() == row["period_count"]
            if row["change"] == "Persisted":
                assert row["compare_z"] > 0 and row["period_z"] > 0


class TestEveryWayOut:
    def test_page_csv_geojson_api_and_safer_table(self, analyst_client, dashboard_warehouse):
        query = "area=Oxford&period=2022&cell_size=200&bandwidth=600"
        page = analyst_client.get(f"/intelligence/dashboard/map/?{query}")
        text = page.content.decode()
        assert page.status_code == 200 and "200 m squares (as set)" in text
        for title in ("Kernel density", "Emerging hot and cold spots", "Hot spots that emerged, persisted or faded"):
            assert title in text
        assert "cell_size=200" in text  # exports and GeoJSON links keep the settings
        lines = list(
            csv.reader(
                io.StringIO(
                    analyst_client.get(f"/intelligence/dashboard/table/hotspot_kde.csv?{query}").content.decode()
                )
            )
        )
        assert lines[0][:3] == ["Cell centre easting", "Cell centre northing", "Cell size (m)"]
        assert {line[2] for line in lines[1:]} == {"200"} and {line[7] for line in lines[1:]} == {"600"}
        for layer in ("kde", "emerging", "change"):
            response = analyst_client.get(f"/intelligence/dashboard/map/{layer}.geojson?{query}")
            document = json.loads(response.content)
            assert response.status_code == 200 and document["features"], layer
            assert document["features"][0]["geometry"]["type"] == "Polygon"
        data = analyst_client.get(f"/intelligence/dashboard/map/data.json?{query}").json()
        assert data["hotspots"]["features"]  # the other layers come from the GeoJSON downloads above
        api = analyst_client.get(f"/api/intelligence/tables/hotspot_emerging?{query}").json()
        assert api["rows"] and api["rows"][0]["cell_size"] == 200
        out = io.StringIO()
        call_command(
            "table", "hotspot_change", "--area", "Oxford", "--period", "2022", "--cell-size", "200", stdout=out
        )
        assert out.getvalue().splitlines()[0].startswith("Change,Cell centre easting")

    def test_a_bad_cell_size_re_renders_the_map_form_with_the_error(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/map/?area=Oxford&period=2022&cell_size=3")
        assert response.status_code == 400
        text = response.content.decode()
        assert "govuk-error-summary" in text and "from 10 to 10,000" in text
        api = analyst_client.get("/api/intelligence/tables/hotspot_kde?area=Oxford&cell_size=x")
        assert api.status_code == 400 and api.json()["fields"] == {"cell_size": [api.json()["message"]]}
