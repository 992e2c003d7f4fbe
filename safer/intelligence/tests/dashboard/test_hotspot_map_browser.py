"""The map in Chromium: real LSOA polygons, class breaks with a legend, hotspot cells; axe-core clean."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_polygons_breaks_legend_and_hotspots(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/dashboard/map/?area=Oxford&period=2022")
    page.locator("#dashboard-map[data-loaded=true]").wait_for()
    # Polygons (paths), not circles: Oxford has over 80 LSOAs, plus district outline and hotspot squares.
    assert page.locator("#dashboard-map path.leaflet-interactive").count() > 80
    legend = page.locator("#map-legend")
    assert legend.locator("li").count() >= 4
    quantiles = legend.inner_text()
    assert "records" in quantiles and "hot spot" in quantiles
    axe(page, context="map")

    assert legend.get_attribute("data-breaks") == "quantiles count"
    page.get_by_label("Equal intervals").check()
    assert legend.get_attribute("data-breaks") == "equal count"
    page.get_by_label("Per 1,000 residents").check()
    assert legend.get_attribute("data-breaks") == "equal rate"
    assert "per 1,000 residents" in legend.inner_text() and legend.inner_text() != quantiles
    page.get_by_label("Jenks natural breaks").check()
    assert legend.get_attribute("data-breaks") == "jenks rate"
    axe(page, context="map with Jenks breaks by rate")

    # The map's information is also a table, and each layer downloads as GeoJSON.
    assert page.get_by_role("heading", name="Hot and cold spots (Getis-Ord Gi*)").count() == 1
    assert (
        page.get_by_role("link", name="hot and cold spot cells")
        .get_attribute("href")
        .startswith("/intelligence/dashboard/map/hotspots.geojson?")
    )
