"""The map's user-set grid, kernel density, emerging hot spots and two-period change, checked against independent
computations over the fixture's records (not against the product's own selectors)."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.core.management import call_command
from pyproj import Transformer

from safer.accounts.choices import Role
from safer.intelligence.dashboard import hotspot_figures, hotspot_layers
from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.dashboard.tables import DashboardInputError, scope_build
from safer.intelligence.warehouse import bounded_reader, reader, writer

pytestmark = pytest.mark.django_db
_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
LONDON = ZoneInfo("Europe/London")


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


class TestEmptyLayersSayWhy:
    """A layer with no cells gives the analysis's reason in its table, GeoJSON, the API and `safer table`."""

    def test_too_few_grid_cells_for_gistar(self, analyst_client, dashboard_warehouse):
        query = "area=Oxford&period=2022&cell_size=5000"
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022", cell_size="5000")
            layer = hotspot_layers.grid_layer(con, scope, "hotspots")
            cells = int(hotspot_figures.area_grid(con, scope).inside.sum())
        assert cells < 30
        assert layer.rows == []
        assert layer.reason == (
            f"The area has {cells} grid cells; Gi* needs at least 30. Use a smaller cell size or a larger area."
        )
        page = analyst_client.get(f"/intelligence/dashboard/map/?{query}").content.decode()
        assert f"No rows: The area has {cells} grid cells; Gi* needs at least 30." in page
        document = json.loads(analyst_client.get(f"/intelligence/dashboard/map/hotspots.geojson?{query}").content)
        assert document["features"] == [] and document["reason"] == layer.reason
        data = analyst_client.get(f"/intelligence/dashboard/map/data.json?{query}").json()
        assert data["hotspots"]["reason"] == layer.reason
        for name in ("hotspot_cells", "hotspot_emerging", "hotspot_change"):
            api = analyst_client.get(f"/api/intelligence/tables/{name}?{query}").json()
            assert api["rows"] == [] and f"The area has {cells} grid cells" in api["empty_reason"], name
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "table",
            "hotspot_cells",
            "--area",
            "Oxford",
            "--period",
            "2022",
            "--cell-size",
            "5000",
            stdout=out,
            stderr=err,
        )
        assert out.getvalue().strip().startswith("Class,Cell centre easting")  # the header only
        assert len(out.getvalue().strip().splitlines()) == 1
        assert f"No rows: The area has {cells} grid cells" in err.getvalue()

    def test_too_few_months_for_emerging_hot_spots(self, analyst_client, dashboard_warehouse):
        query = "area=Oxford&period=2022-01..2022-02"
        with bounded_reader() as con:
            layer = hotspot_layers.grid_layer(
                con, scope_build(con, area="Oxford", period="2022-01..2022-02"), "emerging"
            )
        assert layer.rows == [] and "at least 3 months with records" in layer.reason and "has 2" in layer.reason
        page = analyst_client.get(f"/intelligence/dashboard/map/?{query}").content.decode()
        assert "No rows: Emerging hot spots need at least 3 months with records" in page
        document = json.loads(analyst_client.get(f"/intelligence/dashboard/map/emerging.geojson?{query}").content)
        assert document["features"] == [] and document["reason"] == layer.reason

    def test_a_layer_with_rows_gives_no_reason(self, analyst_client, dashboard_warehouse):
        api = analyst_client.get("/api/intelligence/tables/hotspot_kde?area=Oxford&period=2022").json()
        assert api["rows"] and api["empty_reason"] is None
        document = json.loads(
            analyst_client.get("/intelligence/dashboard/map/kde.geojson?area=Oxford&period=2022").content
        )
        assert document["features"] and "reason" not in document


class TestOneComputation:
    def test_page_data_and_downloads_share_each_layer_and_an_import_renews_it(
        self, analyst_client, dashboard_warehouse, monkeypatch
    ):
        from django.core.cache import cache

        cache.clear()
        calls: list[str] = []
        for name, function in list(hotspot_layers._LAYERS.items()):

            def counted(con, scope, _name=name, _function=function):
                calls.append(_name)
                return _function(con, scope)

            monkeypatch.setitem(hotspot_layers._LAYERS, name, counted)
        query = "area=Oxford&period=2022"
        assert analyst_client.get(f"/intelligence/dashboard/map/?{query}").status_code == 200
        assert sorted(calls) == ["change", "emerging", "hotspots", "kde"]  # the page's tables
        first = analyst_client.get(f"/intelligence/dashboard/map/data.json?{query}").json()["hotspots"]
        analyst_client.get(f"/intelligence/dashboard/map/kde.geojson?{query}")
        analyst_client.get(f"/intelligence/dashboard/table/hotspot_emerging.csv?{query}")
        analyst_client.get(f"/api/intelligence/tables/hotspot_change?{query}")
        assert sorted(calls) == ["change", "emerging", "hotspots", "kde"]  # nothing computed again
        # Other parameters are another computation.
        analyst_client.get(f"/intelligence/dashboard/map/data.json?{query}&cell_size=300")
        assert calls.count("hotspots") == 2
        # New data (an import rebuilds the aggregates) changes the warehouse version: computed afresh.
        with writer() as con:
            con.execute(
                "INSERT INTO crime (record_id, crime_id, month, force, longitude, latitude, location, lsoa_code, "
                "lad_code, lad_name, county_name, pfa_name, crime_type, import_id, synthetic) "
                "SELECT record_id + 1000000, crime_id || 'x', month, force, longitude, latitude, location, lsoa_code, "
                "lad_code, lad_name, county_name, pfa_name, crime_type, 9, synthetic FROM crime "
                "WHERE lad_name = 'Oxford' AND year(month) = 2022"
            )
            aggregates_refresh(con=con)
        again = analyst_client.get(f"/intelligence/dashboard/map/data.json?{query}").json()["hotspots"]
        assert calls.count("hotspots") == 3
        assert [f["properties"]["count"] for f in again["features"]] == [
            2 * f["properties"]["count"] for f in first["features"]
        ]


def _nte(local: datetime) -> bool:
    """Friday or Saturday night, 19:00 to 03:00 (the small hours belong to the night before), written out."""
    evening = local.hour >= 19 and local.weekday() in (4, 5)
    small_hours = local.hour < 3 and local.weekday() in (5, 6)
    return evening or small_hours


class TestNightTimeEconomyLayers:
    def test_the_grid_layers_map_the_offences_in_the_window(self, analyst_client, dashboard_warehouse):
        rng = np.random.default_rng(19)
        start = datetime(2022, 1, 7, 18, 0, tzinfo=UTC)
        with writer() as con:
            ids = [
                r[0]
                for r in con.execute(
                    "SELECT record_id FROM offence WHERE lad_name = 'Oxford' AND year(month) = 2022 ORDER BY record_id"
                ).fetchall()
            ]
            for record_id in ids:
                when = start + timedelta(days=int(rng.integers(0, 300)), hours=int(rng.integers(0, 24)))
                lon, lat = -1.25 + 0.01 * rng.random(), 51.75 + 0.02 * rng.random()
                x, y = _TO_BNG.transform(lon, lat)
                con.execute(
                    "UPDATE offence SET occurred_at = ?, month = ?, longitude = ?, latitude = ?, easting = ?, "
                    "northing = ? WHERE record_id = ?",
                    [when, when.astimezone(LONDON).date().replace(day=1), lon, lat, x, y, record_id],
                )
            found = con.execute(
                "SELECT occurred_at, easting, northing FROM offence WHERE lad_name = 'Oxford' AND year(month) = 2022"
            ).fetchall()
        inside = [(x, y) for when, x, y in found if _nte(when.astimezone(LONDON))]
        assert 0 < len(inside) < len(found)
        x = np.array([p[0] for p in inside])
        y = np.array([p[1] for p in inside])
        with bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022", window="nte", bandwidth="800")
            rows = hotspot_layers.kde_cells(con, scope)
        assert rows
        for row in rows:
            assert _in_cell(x, y, row).sum() == row["count"]
            u = ((x - row["cell_easting"]) ** 2 + (y - row["cell_northing"]) ** 2) / 800**2
            expected = (3 / (math.pi * 800**2) * np.where(u < 1, (1 - u) ** 2, 0.0)).sum() * 1e6
            assert row["density"] == pytest.approx(expected, abs=0.006)
        assert sum(r["count"] for r in rows) <= len(inside)
        page = analyst_client.get("/intelligence/dashboard/map/?area=Oxford&period=2022&window=nte").content.decode()
        assert "night-time economy only (Friday and Saturday 19:00 to 03:00, offence-level extract)" in page
        assert page.count("Night-time economy only: offences Friday and Saturday 19:00 to 03:00, counted from") == 4
        assert "does not apply to this table" in page  # the LSOA counts come from police.uk
