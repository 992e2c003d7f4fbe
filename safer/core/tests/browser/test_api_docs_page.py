"""The API docs page in Chromium: reached after sign-in, inside the service's layout, passing axe."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.django_db(transaction=True)
class TestApiDocsPage:
    def test_docs_need_sign_in_then_pass_axe_with_a_way_back(self, page, axe, make_user, browser_sign_in):
        page.goto("/api/docs")
        assert "/accounts/sign-in/" in page.url
        user = make_user(role=Role.CASEWORKER)
        browser_sign_in(page, user)
        page.goto("/")
        page.get_by_role("link", name="API").click()
        assert page.locator("h1").inner_text() == "API"
        assert page.locator("html").get_attribute("lang") == "en-GB"
        assert "Casework (/api/casework/)" in page.locator("main").inner_text()
        axe(page, context="API docs")
        page.get_by_role("link", name="Back to the service").click()
        assert page.locator("h1").inner_text().strip() == "Safer Communities"
