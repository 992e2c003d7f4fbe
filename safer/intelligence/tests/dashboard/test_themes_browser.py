"""The Themes page in Chromium: the thematic tables render for the area and period, axe-core clean (the
crime rows of dashboard_warehouse make the dashboard pages show; thematic_warehouse adds the extracts)."""

# ruff: noqa: F811 - the thematic_warehouse fixture is imported from thematic_data
from __future__ import annotations

import pytest

from safer.accounts.choices import Role
from safer.intelligence.tests.dashboard.thematic_data import thematic_warehouse  # noqa: F401 - fixture


@pytest.mark.django_db(transaction=True)
def test_themes_page(page, axe, make_user, browser_sign_in, dashboard_warehouse, thematic_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/dashboard/themes/?area=Oxford&period=2022")
    assert page.locator("h1").inner_text() == "Themes"
    text = page.locator("#dashboard-results").inner_text()
    for title in (
        "Domestic abuse: five-year series",
        "Repeat victims: people by number of offences",
        "A&E assault attendances and police violence by hour of day",
    ):
        assert title in text
    assert "victims were involved in" in text
    assert page.get_by_role("link", name="Themes").get_attribute("aria-current") == "page"
    axe(page, context="themes")

    page.goto("/intelligence/dashboard/serious-violence/?area=Oxford&period=2022")
    assert "Serious violence: the local definition" in page.locator("#dashboard-results").inner_text()
    axe(page, context="serious violence with the local definition")
