"""The map's grid settings and extra layers, and the concentration and time patterns page, in Chromium; axe-core
clean on every page visited."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_cell_size_error_and_layers(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/dashboard/map/?area=Oxford&period=2022")
    page.get_by_label("Grid cell size in metres (optional)").fill("3")
    page.get_by_role("button", name="Show").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "from 10 to 10,000" in summary.inner_text()
    axe(page, context="map with a cell size error")

    page.get_by_label("Grid cell size in metres (optional)").fill("200")
    page.get_by_label("Kernel density bandwidth in metres (optional)").fill("600")
    page.get_by_role("button", name="Show").click()
    element = page.locator("#dashboard-map[data-loaded=true]")
    element.wait_for()
    assert "200 m squares (as set)" in page.content()
    assert element.get_attribute("data-cell-layers") == "hotspots"
    page.get_by_role("checkbox", name="Kernel density").check()
    page.get_by_role("checkbox", name="Emerging hot and cold spots").check()
    page.get_by_role("checkbox", name="Hot spots that emerged, persisted or faded").check()
    page.locator('#dashboard-map[data-cell-layers="change emerging hotspots kde"]').wait_for()  # fetched on demand
    legend = page.locator("#map-legend").inner_text()
    assert "kernel density" in legend and "emerging hot spot" in legend and "hot spot emerged" in legend
    axe(page, context="map with every grid layer")
    page.get_by_role("checkbox", name="Hot and cold spots (Getis-Ord Gi*)").uncheck()
    assert element.get_attribute("data-cell-layers") == "change emerging kde"
    for title in ("Kernel density", "Emerging hot and cold spots", "Hot spots that emerged, persisted or faded"):
        assert page.get_by_role("heading", name=title, exact=True).count() == 1
    href = page.get_by_role("link", name="kernel density cells").get_attribute("href")
    assert href.startswith("/intelligence/dashboard/map/kde.geojson?") and "cell_size=200" in href


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_empty_layer_says_why_on_the_map_and_in_its_table(
    page, axe, make_user, browser_sign_in, dashboard_warehouse
):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/dashboard/map/?area=Oxford&period=2022&cell_size=5000")
    page.locator("#dashboard-map[data-loaded=true]").wait_for()
    legend = page.locator("#map-legend")
    assert "Hot and cold spots: no cells. The area has" in legend.inner_text()
    assert "Gi* needs at least 30" in legend.inner_text()
    page.get_by_role("checkbox", name="Emerging hot and cold spots").check()
    page.locator('#dashboard-map[data-cell-layers="emerging hotspots"]').wait_for()
    assert "Emerging hot spots: no cells." in legend.inner_text()
    reasons = page.get_by_test_id("empty-reason")
    assert reasons.count() >= 2 and "Gi* needs at least 30" in reasons.first.inner_text()
    axe(page, context="map whose grid layers are empty, with the reasons")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_patterns_page(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/dashboard/?area=Oxford&period=2022")
    page.get_by_role("link", name="Concentration and time patterns").click()
    page.get_by_role("heading", name="How concentrated records are").wait_for()
    assert "Gini coefficient" in page.content()
    axe(page, context="concentration and time patterns")
    page.get_by_label("Time of day").select_option(label="Night-time economy: Friday and Saturday 19:00 to 03:00")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**window=nte**")
    page.get_by_role("heading", name="Offences by day of the week and hour").wait_for()
    assert page.get_by_role("heading", name="Concentration (Lorenz) curve").count() == 1
    assert page.get_by_test_id("window-note").count() >= 5  # every table says what the window did to it
    axe(page, context="time patterns, night-time economy")
    page.get_by_label("Time of day").select_option(label="All times")
    page.get_by_label("Concentration by").select_option(label="Grid cell (as on the map)")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**place=cell**")
    page.get_by_role("heading", name="Places with the most records").wait_for()
    assert "Busiest 1% of grid cells" in page.content()
    axe(page, context="concentration by grid cell")
