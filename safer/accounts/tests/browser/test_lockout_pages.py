"""Lockout in Chromium: the warning before the last attempt, and an administrator unlocking, with axe."""

from __future__ import annotations

import pytest

from safer.accounts.choices import Role


@pytest.mark.django_db(transaction=True)
class TestLockoutPages:
    def test_warning_then_lock_then_unlock(self, page, axe, make_user, browser_sign_in):
        user = make_user(role=Role.ANALYST, with_device=False)
        page.goto("/accounts/sign-in/")
        for attempt in range(1, 6):
            page.get_by_label("Username").fill(user.username)
            page.get_by_label("Password").fill("not-the-password")
            page.get_by_role("button", name="Sign in").click()
            if attempt == 4:
                assert "You have 1 attempt left" in page.locator(".govuk-error-summary").inner_text()
                axe(page, context="sign-in with one attempt left")
        assert page.locator("h1").inner_text() == "Your account is locked"

        admin = make_user(role=Role.ADMINISTRATOR)
        browser_sign_in(page, admin)
        page.goto("/accounts/admin/users/")
        row = page.locator("tr", has_text=user.username)
        assert "Locked" in row.inner_text()
        axe(page, context="user list with a locked user")
        row.get_by_role("link", name=user.username).click()
        assert "This account is locked" in page.locator("main").inner_text()
        axe(page, context="locked user page")
        page.get_by_role("button", name=f"Unlock {user.username}").click()
        assert "is unlocked" in page.locator(".govuk-notification-banner").inner_text()
        assert "Sign-in: not locked." in page.locator("main").inner_text()
        page.goto("/audit/")
        assert "Account unlocked" in page.locator("table").inner_text()
        axe(page, context="audit log")
