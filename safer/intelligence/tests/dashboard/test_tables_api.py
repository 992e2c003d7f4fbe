"""The dashboard tables through the API: list, rows as on the page, errors in the one shape, capability."""

from __future__ import annotations

import csv
import io

import pytest

from safer.accounts.choices import Role
from safer.intelligence.dashboard.tables import TABLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(make_user, client_for):
    return client_for(make_user(role=Role.ANALYST))


class TestTablesApi:
    def test_lists_every_table_with_its_columns(self, analyst_client):
        body = analyst_client.get("/api/intelligence/tables/").json()
        assert [t["name"] for t in body] == list(TABLES)
        headline = body[0]
        assert headline["columns"][0] == {"key": "crime_type", "title": "Crime type", "kind": "text"}
        # Side by side: each area's columns, keyed "area_" for the area asked for, "county_"... for the others.
        assert {"key": "{area}_period_count", "title": "{area}: {period}", "kind": "count"} in headline["columns"]

    @pytest.mark.parametrize("name", ["districts", "headline"])
    def test_rows_match_the_csv_export(self, analyst_client, dashboard_warehouse, name):
        response = analyst_client.get(f"/api/intelligence/tables/{name}?area=Oxford&period=2022")
        assert response.status_code == 200
        body = response.json()
        assert body["period"] == "2022" and body["compare"] == "2021" and body["area"] == "Oxford"
        csv_lines = analyst_client.get(f"/intelligence/dashboard/table/{name}.csv?area=Oxford&period=2022")
        lines = list(csv.reader(io.StringIO(csv_lines.content.decode())))
        assert [c["title"] for c in body["columns"]] == lines[0]
        assert len(body["rows"]) == len(lines) - 1
        first = lines[1]
        assert [("" if v is None else str(v)) for v in body["rows"][0].values()] == first

    def test_errors_use_the_one_shape(self, analyst_client, dashboard_warehouse):
        bad = analyst_client.get("/api/intelligence/tables/headline?area=Oxford&period=20x2")
        assert bad.status_code == 400
        body = bad.json()
        assert body["code"] == "invalid" and "is not a period" in body["fields"]["period"][0]
        missing = analyst_client.get("/api/intelligence/tables/nonesuch?area=Oxford")
        assert missing.status_code == 404 and missing.json()["code"] == "not_found"
        assert "Tables: headline" in missing.json()["message"]

    def test_needs_sign_in_and_the_capability(self, client, analyst_client, monkeypatch):
        assert client.get("/api/intelligence/tables/").json()["code"] == "not_authenticated"
        # Every role has intelligence.view today, so take it away to see the refusal.
        monkeypatch.setattr("safer.accounts.models.user.capabilities_for", lambda role: frozenset())
        response = analyst_client.get("/api/intelligence/tables/")
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
