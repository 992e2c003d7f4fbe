"""Partner extract and custom area pages in Chromium with axe: upload, mapping step, errors, areas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from safer.accounts.choices import Role
from safer.intelligence.demo.extracts import demo_area_geojson


@pytest.mark.django_db(transaction=True)
def test_extract_and_area_journey(page: Any, axe: Any, make_user: Any, browser_sign_in: Any, tmp_path: Path) -> None:
    analyst = make_user(role=Role.ANALYST)
    browser_sign_in(page, analyst)

    page.goto("/intelligence/extracts/")
    assert page.locator("h1").inner_text().strip() == "Partner extracts"
    axe(page, context="extracts upload")
    page.get_by_role("button", name="Upload and continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page, context="extracts upload with errors")

    upload = tmp_path / "rms-export.csv"
    upload.write_text("Crime Reference,HO Code,Committed On\nR/1,46,2021-05-01\n", encoding="utf-8")
    page.get_by_label("Offence-level recorded crime extract").check()
    page.get_by_label("Upload the extract").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and continue").click()
    assert page.locator("h1").inner_text().strip() == "Match your headings to our columns"
    axe(page, context="mapping step")
    page.get_by_role("button", name="Confirm and import").click()
    assert page.locator("h1").count() == 1
    axe(page, context="import job after mapping")

    page.goto("/intelligence/areas/")
    assert page.locator("h1").inner_text().strip() == "Custom areas"
    axe(page, context="custom areas")
    area = tmp_path / "nte.geojson"
    area.write_text(demo_area_geojson(), encoding="utf-8")
    page.get_by_label("Name of the area").fill("Night-time economy")
    page.get_by_label("Upload the area as GeoJSON").set_input_files(str(area))
    page.get_by_role("button", name="Add the area").click()
    assert "Night-time economy" in page.locator("table").inner_text()
    axe(page, context="custom areas with one area")
    page.get_by_role("link", name="Delete Night-time economy").click()
    axe(page, context="delete area confirmation")
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps({"type": "Point", "coordinates": [0, 0]}), encoding="utf-8")
    page.goto("/intelligence/areas/")
    page.get_by_label("Name of the area").fill("Bad")
    page.get_by_label("Upload the area as GeoJSON").set_input_files(str(bad))
    page.get_by_role("button", name="Add the area").click()
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page, context="custom area upload with errors")
