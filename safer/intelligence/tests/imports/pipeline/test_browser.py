"""Imports pages in Chromium with axe-core: history, upload errors, upload -> job page -> quality summary."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role
from safer.intelligence.tests.imports.policeuk.helpers import STREET_2022_03


@pytest.mark.django_db(transaction=True)
def test_analyst_imports_a_file_in_the_browser(page, axe, make_user, browser_sign_in) -> None:
    analyst = make_user(role=Role.ANALYST)
    browser_sign_in(page, analyst)
    page.get_by_role("link", name="Data").first.click()
    assert page.locator("h1").inner_text() == "Data imports"
    axe(page)
    page.get_by_role("button", name="Upload and import").click()
    assert "Choose a police.uk CSV or zip file to upload" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.get_by_label("Upload a police.uk file").set_input_files(str(STREET_2022_03))
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/intelligence/imports/jobs/**")
    assert "Import finished" in page.locator(".govuk-panel").inner_text()
    axe(page)
    page.get_by_role("link", name="import 1").first.click()
    assert page.locator("h1").inner_text() == STREET_2022_03.name
    assert "Records without a location" in page.locator("main").inner_text()
    axe(page)
    page.get_by_role("link", name="Back to data imports").click()
    assert STREET_2022_03.name in page.locator("table").last.inner_text()
    axe(page)
