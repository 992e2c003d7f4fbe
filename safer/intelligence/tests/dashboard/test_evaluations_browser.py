"""Evaluations in Chromium: the form with its errors, saving, and the one-page summary; axe-core clean."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import box, mapping

from safer.accounts.choices import Role
from safer.intelligence.services.custom_areas import custom_area_create


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_evaluate_an_intervention(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    custom_area_create(actor=None, name="Target", geojson_text=json.dumps(mapping(box(-1.26, 51.749, -1.24, 51.7535))))
    custom_area_create(actor=None, name="Control", geojson_text=json.dumps(mapping(box(-1.26, 51.779, -1.24, 51.7835))))
    page.goto("/intelligence/dashboard/evaluations/")
    assert page.locator("h1").inner_text() == "Evaluations"
    axe(page, context="evaluations")

    page.get_by_role("button", name="Save the evaluation").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "Enter a name" in page.locator(".govuk-error-summary").inner_text()
    axe(page, context="evaluations with errors")

    page.get_by_label("Name of the evaluation").fill("Cowley Road lighting")
    page.get_by_label("Target area").select_option(label="Target")
    page.get_by_label("Buffer zone (metres)").fill("1000")
    page.get_by_label("Control area").select_option(label="Control")
    page.get_by_label("First month of the intervention").fill("2022-01")
    page.get_by_label("Last month of the intervention").fill("2022-06")
    page.get_by_role("button", name="Save the evaluation").click()
    page.locator("h1", has_text="Cowley Road lighting").wait_for()
    assert "Relative change (rate ratio)" in page.locator(".govuk-summary-list").inner_text()
    # The chart is rendered on the server when the image is requested: wait for it to arrive, then check it.
    page.wait_for_function(
        "() => { const img = document.querySelector('.safer-chart img'); return img && img.complete; }",
        timeout=60_000,
    )
    assert page.locator(".safer-chart img").evaluate("img => img.naturalWidth > 0")
    axe(page, context="evaluation summary")
