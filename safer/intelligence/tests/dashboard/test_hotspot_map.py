"""The map's LSOA polygons, class breaks, district outlines and Gi* hotspot cells: figures, exports, `safer table`."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from django.core.management import call_command
from pyproj import Transformer

from safer.accounts.choices import Role
from safer.intelligence.dashboard import hotspot_figures, hotspot_layers
from safer.intelligence.dashboard.tables import scope_build
from safer.intelligence.warehouse import bounded_reader, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(make_user, client_for):
    return client_for(make_user(role=Role.ANALYST))


class TestHotspotFigures:
    def test_lsoa_shapes_cover_every_lsoa_of_the_area_with_breaks(self, dashboard_warehouse):
        with reader() as raw, bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022")
            shapes = hotspot_figures.map_lsoa_shapes(con, scope)
            oxford = raw.execute("SELECT count(*) FROM lsoa WHERE lad_name = 'Oxford'").fetchone()[0]
            counted = dict(
                raw.execute(
                    "SELECT lsoa_code, count(*) FROM crime WHERE lad_name = 'Oxford' AND year(month) = 2022 "
                    "AND latitude IS NOT NULL GROUP BY 1"
                ).fetchall()
            )
        assert len(shapes["features"]) == oxford
        by_code = {f["properties"]["lsoa_code"]: f["properties"]["count"] for f in shapes["features"]}
        assert {code: n for code, n in by_code.items() if n} == counted
        geometry = shapes["features"][0]["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
        lon, lat = ring[0]
        assert -1.4 < lon < -1.1 and 51.6 < lat < 51.9  # WGS84, in Oxford
        assert set(shapes["breaks"]["count"]) == {"quantiles", "equal", "jenks"}
        assert shapes["breaks"]["count"]["equal"][-1] == max(by_code.values())

    def test_district_outlines(self, dashboard_warehouse):
        with bounded_reader() as con:
            outlines = hotspot_figures.map_district_outlines(con, scope_build(con, area="Oxfordshire", period="2022"))
        assert {f["properties"]["district"] for f in outlines["features"]} >= {"Oxford", "Cherwell"}

    def test_hotspot_cells_equal_the_analysis_run_directly(self, dashboard_warehouse):
        with reader() as raw, bounded_reader() as con:
            scope = scope_build(con, area="Oxford", period="2022")
            rows = hotspot_layers.hotspot_cells(con, scope)
            points = raw.execute(
                "SELECT longitude, latitude FROM crime WHERE lad_name = 'Oxford' AND year(month) = 2022 "
                "AND latitude IS NOT NULL"
            ).fetchnumpy()
        assert rows, "the fixture's records sit on a few map points, which must be hot spots"
        assert all(r["confidence"].startswith(("Hot spot", "Cold spot")) for r in rows)
        # Independently: the busiest cell of the same grid is a hot spot with the same z-score.
        x, y = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
            points["longitude"], points["latitude"]
        )
        top = max(rows, key=lambda r: r["count"])
        size = top["cell_size"]
        in_top = (np.floor(x / size) * size + size / 2 == top["cell_easting"]) & (
            np.floor(y / size) * size + size / 2 == top["cell_northing"]
        )
        assert in_top.sum() == top["count"]
        assert top["confidence"].startswith("Hot spot") and top["gistar_z"] > 0

    def test_an_area_without_records_has_no_cells(self, dashboard_warehouse):
        with bounded_reader() as con:
            assert hotspot_layers.hotspot_cells(con, scope_build(con, area="Oxford", period="2019")) == []


class TestMapExports:
    def test_map_data_has_polygons_districts_and_hotspots(self, analyst_client, dashboard_warehouse):
        document = analyst_client.get("/intelligence/dashboard/map/data.json?area=Oxford&period=2022").json()
        assert document["lsoa_shapes"]["features"] and document["districts"]["features"]
        assert document["hotspots"]["type"] == "FeatureCollection" and document["hotspots"]["features"]

    def test_geojson_export(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/map/hotspots.geojson?area=Oxford&period=2022")
        assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
        assert "attachment" in response["Content-Disposition"]
        document = json.loads(response.content)
        assert document["features"][0]["geometry"]["type"] == "Polygon"
        assert "Open Government Licence" in document["licence"]
        lsoas = analyst_client.get("/intelligence/dashboard/map/lsoas.geojson?area=Oxford&period=2022")
        assert "Office for National Statistics" in json.loads(lsoas.content)["attribution"]
        assert analyst_client.get("/intelligence/dashboard/map/other.geojson?area=Oxford").status_code == 404

    def test_csv_export_and_page_table(self, analyst_client, dashboard_warehouse):
        response = analyst_client.get("/intelligence/dashboard/table/hotspot_cells.csv?area=Oxford&period=2022")
        lines = list(csv.reader(io.StringIO(response.content.decode())))
        assert lines[0][:2] == ["Class", "Cell centre easting"] and len(lines) > 1
        page = analyst_client.get("/intelligence/dashboard/map/?area=Oxford&period=2022").content.decode()
        assert "Hot and cold spots (Getis-Ord Gi*)" in page and "Records per LSOA" in page

    def test_safer_table_gives_the_hotspot_cells(self, dashboard_warehouse):
        out = io.StringIO()
        call_command("table", "hotspot_cells", "--area", "Oxford", "--period", "2022", stdout=out)
        lines = list(csv.reader(io.StringIO(out.getvalue())))
        assert lines[0][0] == "Class" and lines[1][0].startswith(("Hot spot", "Cold spot"))
