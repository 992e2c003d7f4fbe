"""Signing in and out: audit events, django-axes lockout, two-factor enforcement by role."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.testing.accounts import TEST_PASSWORD, current_code

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str = TEST_PASSWORD, ip: str = "10.0.0.7"):
    return client.post("/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=ip)


class TestSignIn:
    def test_blank_form_rerenders_with_errors(self, client):
        response = client.post("/accounts/sign-in/", {})
        assert response.status_code == 400
        assert b"govuk-error-summary" in response.content
        assert b"Enter your username" in response.content

    def test_wrong_password_is_refused_and_audited_without_the_password(self, client, make_user):
        user = make_user(role=Role.ANALYST)
        response = _sign_in(client, user.username, "wrong-password-123")
        assert response.status_code == 400
        assert b"Enter a correct username and password" in response.content
        event = AuditEvent.objects.get(action="accounts.sign_in_failed")
        assert event.target_label == user.username
        assert event.ip_address == "10.0.0.7"
        assert "wrong-password" not in str(event.detail)

    def test_successful_sign_in_is_audited_with_address(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        response = _sign_in(client, user.username)
        assert response.status_code == 302
        event = AuditEvent.objects.get(action="accounts.sign_in")
        assert event.actor == user
        assert event.ip_address == "10.0.0.7"
        assert event.organisation_label == user.organisation.name

    def test_sign_out_is_audited_and_ends_the_session(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        _sign_in(client, user.username)
        response = client.post("/accounts/sign-out/")
        assert response.status_code == 302
        assert AuditEvent.objects.filter(action="accounts.sign_out", actor=user).count() == 1
        assert client.get("/").status_code == 302  # back to sign-in

    def test_next_url_to_another_site_is_ignored(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        response = client.post(
            "/accounts/sign-in/",
            {"username": user.username, "password": TEST_PASSWORD, "next": "https://evil.example/"},
        )
        assert response["Location"] == "/"


class TestLockout:
    def test_five_failures_lock_the_account_even_with_the_right_password(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        for _ in range(5):
            _sign_in(client, user.username, "not-the-password")
        response = _sign_in(client, user.username)
        assert response.status_code == 429
        assert b"Your account is locked" in response.content
        assert "_auth_user_id" not in client.session
        assert AuditEvent.objects.filter(action="accounts.locked_out").exists()

    def test_lockout_is_per_address_so_others_are_unaffected(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        for _ in range(5):
            _sign_in(client, user.username, "not-the-password", ip="10.0.0.8")
        assert _sign_in(Client(), user.username, ip="10.0.0.9").status_code == 302

    def test_each_failure_says_how_many_attempts_are_left(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        first = _sign_in(client, user.username, "not-the-password").content.decode()
        assert "You have 4 attempts left before sign-in is locked for 30 minutes" in first
        for _ in range(2):
            _sign_in(client, user.username, "not-the-password")
        last = _sign_in(client, user.username, "not-the-password").content.decode()
        assert "You have 1 attempt left before sign-in is locked" in last

    def test_fewer_failures_than_the_limit_do_not_lock(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=False)
        for _ in range(4):
            _sign_in(client, user.username, "not-the-password")
        assert _sign_in(client, user.username).status_code == 302


class TestTwoFactorEnforcement:
    @pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CASE_MANAGER, Role.ADMINISTRATOR])
    def test_personal_data_roles_without_device_must_enrol(self, client, make_user, role):
        user = make_user(role=role, with_device=False)
        _sign_in(client, user.username)
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/two-factor/enrol/"

    @pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CASE_MANAGER, Role.ADMINISTRATOR])
    def test_personal_data_roles_with_device_must_verify(self, client, make_user, role):
        user = make_user(role=role)
        _sign_in(client, user.username)
        assert client.get("/")["Location"] == "/accounts/two-factor/verify/"

    @pytest.mark.parametrize("role", [Role.ANALYST, Role.PARTNERSHIP_MANAGER])
    def test_roles_without_personal_data_need_no_second_factor(self, client, make_user, role):
        user = make_user(role=role, with_device=False)
        _sign_in(client, user.username)
        assert client.get("/").status_code == 200

    def test_analyst_who_enrolled_anyway_must_verify(self, client, make_user):
        user = make_user(role=Role.ANALYST, with_device=True)
        _sign_in(client, user.username)
        assert client.get("/")["Location"] == "/accounts/two-factor/verify/"

    def test_api_answers_403_in_the_error_shape_until_verified(self, client, make_user):
        user = make_user(role=Role.CASEWORKER)
        _sign_in(client, user.username)
        response = client.get("/api/openapi.json")
        assert response.status_code == 403
        assert response.json()["code"] == "two_factor_required"

    def test_correct_code_verifies_and_is_audited(self, client, make_user):
        user = make_user(role=Role.CASEWORKER)
        _sign_in(client, user.username)
        response = client.post("/accounts/two-factor/verify/", {"token": current_code(user)})
        assert response.status_code == 302
        assert client.get("/").status_code == 200
        assert AuditEvent.objects.filter(action="accounts.2fa_verified", actor=user).exists()

    def test_wrong_code_is_refused_and_audited(self, client, make_user):
        user = make_user(role=Role.CASEWORKER)
        _sign_in(client, user.username)
        code = current_code(user)
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        response = client.post("/accounts/two-factor/verify/", {"token": wrong})
        assert response.status_code == 400
        assert b"The security code is not right" in response.content
        assert client.get("/").status_code == 302
        assert AuditEvent.objects.filter(action="accounts.2fa_failed", actor=user).exists()

    def test_code_used_already_is_explained(self, client, make_user):
        user = make_user(role=Role.CASEWORKER)
        _sign_in(client, user.username)
        code = current_code(user)
        assert client.post("/accounts/two-factor/verify/", {"token": code}).status_code == 302
        client.post("/accounts/sign-out/")
        _sign_in(client, user.username)
        response = client.post("/accounts/two-factor/verify/", {"token": code})
        assert response.status_code == 400
        assert b"That code has already been used. Wait for your app to show a new code" in response.content
        assert b"not right" not in response.content

    def test_code_page_shows_no_navigation_before_sign_in_is_finished(self, client, make_user):
        user = make_user(role=Role.CASE_MANAGER)
        _sign_in(client, user.username)
        page = client.get("/accounts/two-factor/verify/").content.decode()
        assert "Enter your security code" in page
        assert "govuk-service-navigation__list" not in page and "/casework/" not in page
        client.post("/accounts/two-factor/verify/", {"token": current_code(user)})
        assert "/casework/" in client.get("/").content.decode()

    def test_malformed_code_gets_a_format_message(self, client, make_user):
        user = make_user(role=Role.CASEWORKER)
        _sign_in(client, user.username)
        response = client.post("/accounts/two-factor/verify/", {"token": "12ab"})
        assert response.status_code == 400
        assert b"Enter the security code as 6 digits" in response.content

    def test_enrolment_confirms_device_with_a_code_from_it(self, client, make_user):
        from django_otp.oath import totp

        user = make_user(role=Role.CASEWORKER, with_device=False)
        _sign_in(client, user.username)
        page = client.get("/accounts/two-factor/enrol/")
        assert page.status_code == 200 and b"<svg" in page.content
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        response = client.post("/accounts/two-factor/enrol/", {"token": code})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/").status_code == 200
        assert AuditEvent.objects.filter(action="accounts.2fa_enrolled", actor=user).exists()

    def test_setting_off_lifts_the_requirement(self, client, make_user, settings):
        settings.SAFER_REQUIRE_2FA = False
        user = make_user(role=Role.CASEWORKER, with_device=False)
        _sign_in(client, user.username)
        assert client.get("/").status_code == 200
