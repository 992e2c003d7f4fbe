"""SIA reports in Chromium: the form with its errors, the job page, and the HTML report; axe-core clean."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_write_and_read_an_sia(page, axe, make_user, browser_sign_in, dashboard_warehouse):
    analyst = make_user(role=Role.ANALYST, with_device=False)
    browser_sign_in(page, analyst)
    page.goto("/intelligence/sia/")
    assert page.locator("h1").inner_text() == "Strategic Intelligence Assessment"
    axe(page, context="SIA reports")

    page.get_by_label("County or district").fill("Oxfordshire")
    page.get_by_label("Period", exact=True).fill("next year")
    page.get_by_role("button", name="Write the report").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "is not a period" in page.locator(".govuk-error-summary").inner_text()
    axe(page, context="SIA form with errors")

    page.get_by_label("Period", exact=True).fill("2022")
    page.get_by_label("Reading (E06000038)").check()
    page.get_by_label("PDF").uncheck()
    page.get_by_label("Word (DOCX)").uncheck()
    page.get_by_role("button", name="Write the report").click()
    page.get_by_role("link", name="Read the report (web page)").wait_for(timeout=120_000)
    axe(page, context="SIA job page")

    page.get_by_role("link", name="Read the report (web page)").click()
    page.locator("h1", has_text="Strategic Intelligence Assessment: Oxfordshire, 2022").wait_for()
    assert page.locator("#summary").is_visible() and page.locator("#appendix").count() == 1
    axe(page, context="SIA HTML report")
