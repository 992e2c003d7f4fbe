"""The dashboard, serious violence and map pages in Chromium: HTMX updates, shareable URLs, axe-core clean."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.django_db(transaction=True)
def test_dashboard_pages(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)

    page.goto("/intelligence/dashboard/?area=Oxford&period=2022")
    assert page.locator("h1").inner_text() == "Crime dashboard"
    assert "Oxfordshire" in page.locator("#dashboard-results").inner_text()
    assert page.locator(".safer-chart img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("#headline-panel").is_visible()
    assert page.locator("#dashboard-results h3").first.inner_text() == "At a glance"
    folded = page.locator('[data-testid="folded-table"]').first
    assert not folded.locator("table").is_visible()
    folded.locator("summary").focus()
    page.keyboard.press("Enter")  # a folded table opens from the keyboard
    assert folded.locator("table").is_visible()
    # The headline: crime types as rows, the areas side by side as column groups, open (not folded).
    headline = page.locator("section", has=page.locator("#table-headline"))
    groups = headline.locator('th[scope="colgroup"]').all_inner_texts()
    assert groups == ["Oxford (district)", "Oxfordshire (county)", "Thames Valley (police force area)"]
    assert headline.locator("table").is_visible()
    axe(page, context="dashboard")

    # The comparison is a choice too: the months before, without typing the syntax.
    page.get_by_label("Compare with", exact=True).select_option("previous")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**compare_choice=previous**")
    page.locator("#dashboard-results h2", has_text="compared with 2021").wait_for()
    page.get_by_label("Compare with", exact=True).select_option("")
    axe(page, context="dashboard compared with the months before")

    # Filter by crime type: the results update in place (no full reload) and the URL can be shared.
    page.evaluate("window.__noReload = true")
    page.get_by_label("Crime type", exact=True).select_option("Burglary")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**crime_type=Burglary**")
    page.locator("text=Burglary only").wait_for()
    assert page.evaluate("window.__noReload === true")
    page.locator(".govuk-details__summary").first.click()
    assert "police.uk" in page.locator(".govuk-details__text").first.inner_text()
    axe(page, context="dashboard after HTMX update")

    # A bad area: error summary linking to the field.
    page.get_by_label("Area", exact=True).fill("Oxfrd")
    page.get_by_role("button", name="Show").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "Did you mean" in page.locator(".govuk-error-summary").inner_text()
    assert "Did you mean" in page.locator("#id_area-error").inner_text()  # beside the field too, after HTMX
    axe(page, context="dashboard with an error")

    page.goto("/intelligence/dashboard/serious-violence/?area=Oxford&period=2022")
    assert page.locator("h1").inner_text() == "Serious violence"
    assert "Group 1" in page.locator("table").first.inner_text()
    axe(page, context="serious violence")

    page.goto("/intelligence/dashboard/map/?area=Oxford&period=2022")
    page.locator("#dashboard-map[data-loaded=true]").wait_for()
    assert page.locator(".leaflet-interactive").count() > 0  # LSOA polygons
    assert page.locator(".marker-cluster, .leaflet-marker-icon").count() > 0
    page.get_by_label("Per 1,000 residents").check()
    axe(page, context="map")


@pytest.mark.django_db(transaction=True)
def test_dashboard_works_from_the_keyboard_alone(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/dashboard/?area=Oxford&period=2022")
    page.evaluate("window.__noReload = true")

    # Tab to the area field, type a new area, Tab to the crime type, choose with arrow keys, submit with Enter.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == "area":
            break
    else:
        pytest.fail("the Area field cannot be reached with Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("Cherwell")
    page.keyboard.press("Enter")
    page.wait_for_url("**area=Cherwell**")
    page.locator("#dashboard-results h2", has_text="Cherwell").first.wait_for()
    assert page.evaluate("window.__noReload === true")

    # Every definition opens with the keyboard (Enter on the focused summary).
    summary = page.locator(".govuk-details__summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".govuk-details").first.evaluate("d => d.open")

    # Export links are reachable and visibly focused.
    link = page.get_by_role("link", name="CSV").first
    link.focus()
    assert page.evaluate("document.activeElement.textContent.includes('CSV')")
    axe(page, context="dashboard after keyboard use")
