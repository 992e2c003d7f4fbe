"""Every public and administration page renders in Chromium and passes axe-core."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.django_db(transaction=True)
class TestPublicPages:
    """Pages anyone can reach."""

    @pytest.mark.parametrize(
        "path,heading",
        [
            ("/accounts/sign-in/", "Sign in"),
            ("/accessibility/", "Accessibility statement"),
            ("/privacy/", "Privacy notice"),
            ("/cookies/", "Cookies"),
            ("/accounts/signed-out/", "You have signed out"),
            ("/no-such-page/", "Page not found"),
        ],
    )
    def test_page_is_accessible(self, page, axe, path, heading):
        page.goto(path)
        assert heading in page.locator("h1").inner_text()
        axe(page)

    def test_pages_send_strict_content_security_policy(self, page):
        response = page.goto("/accounts/sign-in/")
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp

    def test_sign_in_errors_show_govuk_error_summary(self, page, axe):
        page.goto("/accounts/sign-in/")
        page.get_by_role("button", name="Sign in").click()
        assert page.locator(".govuk-error-summary").is_visible()
        assert "Enter your username" in page.locator(".govuk-error-summary").inner_text()
        axe(page)


@pytest.mark.django_db(transaction=True)
class TestAdministratorPages:
    """An administrator signs in with two-factor and uses every administration page."""

    def test_admin_journey(self, page, axe, make_user, browser_sign_in):
        admin = make_user(role=Role.ADMINISTRATOR)
        browser_sign_in(page, admin)
        assert page.locator("h1").inner_text().strip() == "Safer Communities"
        axe(page)
        for path in [
            "/accounts/admin/",
            "/accounts/admin/organisations/",
            "/accounts/admin/organisations/new/",
            "/accounts/admin/users/",
            "/accounts/admin/users/new/",
            "/audit/",
        ]:
            page.goto(path)
            axe(page, context=path)
        page.goto("/accounts/admin/organisations/new/")
        page.get_by_label("Name").fill("Riverside Housing")
        page.get_by_label("Housing provider").check()
        page.get_by_role("button", name="Save").click()
        assert "Riverside Housing added" in page.content()
        axe(page)
        page.goto("/accounts/admin/users/new/")
        page.get_by_role("button", name="Save").click()
        assert page.locator(".govuk-error-summary").is_visible()
        axe(page, context="user form with errors")
        page.goto("/audit/?action=accounts.organisation_created")
        assert "Riverside Housing" in page.content()
        axe(page)
        page.goto("/audit/")
        page.get_by_text("Filter events").click()
        from_date = page.get_by_role("group", name="From date")
        from_date.get_by_label("Day").fill("1")
        from_date.get_by_label("Month").fill("13")
        from_date.get_by_label("Year").fill("2026")
        page.get_by_role("button", name="Filter", exact=True).click()
        assert "From date must be a real date" in page.locator(".govuk-error-summary").inner_text()
        assert "govuk-input--error" in (from_date.get_by_label("Month").get_attribute("class") or "")
        axe(page, context="audit log with a date error")

    def test_enrolment_page_for_new_caseworker(self, page, axe, make_user, browser_sign_in):
        worker = make_user(role=Role.CASEWORKER, with_device=False)
        browser_sign_in(page, worker)
        assert "/accounts/two-factor/enrol/" in page.url
        assert page.locator(".safer-qr svg").count() == 1
        axe(page)


@pytest.mark.django_db(transaction=True)
class TestAccountPages:
    """Lockout, sign-out and permission pages, in the browser."""

    def test_lockout_page(self, page, axe, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        page.goto("/accounts/sign-in/")
        for _ in range(6):
            page.get_by_label("Username").fill(user.username)
            page.get_by_label("Password").fill("not-the-password")
            page.get_by_role("button", name="Sign in").click()
            if "locked" in page.locator("h1").inner_text():
                break
        assert page.locator("h1").inner_text() == "Your account is locked"
        axe(page)

    def test_sign_out_confirmation_and_forbidden_page(self, page, axe, make_user, browser_sign_in):
        analyst = make_user(role=Role.ANALYST, with_device=False)
        browser_sign_in(page, analyst)
        response = page.goto("/accounts/admin/")
        assert response.status == 403
        assert "You do not have permission" in page.locator("h1").inner_text()
        axe(page)
        page.get_by_role("link", name="Sign out").click()
        axe(page)
        page.get_by_role("button", name="Sign out").click()
        assert page.locator("h1").inner_text() == "You have signed out"

    def test_two_factor_verify_page_rejects_wrong_code(self, page, axe, make_user):
        from safer.testing.accounts import TEST_PASSWORD

        worker = make_user(role=Role.CASEWORKER)
        page.goto("/accounts/sign-in/")
        page.get_by_label("Username").fill(worker.username)
        page.get_by_label("Password").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        assert "/two-factor/verify/" in page.url
        page.get_by_label("Security code").fill("000000")
        page.get_by_role("button", name="Continue").click()
        assert "The security code is not right" in page.locator(".govuk-error-summary").inner_text()
        axe(page)
