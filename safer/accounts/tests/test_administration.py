"""Administrators manage organisations, teams, users and roles in the web UI; every change is audited."""

from __future__ import annotations

import pytest

from safer.accounts.choices import AgencyKind, Role
from safer.accounts.models import Organisation, Team, User
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/accounts/admin/",
    "/accounts/admin/organisations/",
    "/accounts/admin/organisations/new/",
    "/accounts/admin/users/",
    "/accounts/admin/users/new/",
    "/audit/",
]


@pytest.fixture
def admin(make_user):
    return make_user(role=Role.ADMINISTRATOR)


class TestAccess:
    @pytest.mark.parametrize("role", [Role.ANALYST, Role.CASEWORKER, Role.CASE_MANAGER, Role.PARTNERSHIP_MANAGER])
    @pytest.mark.parametrize("url", ADMIN_URLS)
    def test_other_roles_get_403(self, make_user, client_for, role, url):
        response = client_for(make_user(role=role)).get(url)
        assert response.status_code == 403
        assert b"You do not have permission" in response.content

    @pytest.mark.parametrize("url", ADMIN_URLS)
    def test_signed_out_users_are_sent_to_sign_in(self, client, url):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")

    @pytest.mark.parametrize("url", ADMIN_URLS)
    def test_administrator_sees_every_page(self, admin, client_for, url):
        assert client_for(admin).get(url).status_code == 200


class TestOrganisations:
    def test_missing_fields_rerender_with_error_summary(self, admin, client_for):
        response = client_for(admin).post("/accounts/admin/organisations/new/", {})
        assert response.status_code == 400
        assert b"Enter the organisation&#x27;s name" in response.content
        assert b"Select the kind of agency" in response.content

    def test_duplicate_name_is_refused(self, admin, client_for):
        response = client_for(admin).post(
            "/accounts/admin/organisations/new/", {"name": admin.organisation.name.upper(), "kind": "police"}
        )
        assert response.status_code == 400
        assert b"already exists" in response.content

    def test_create_and_change_are_audited(self, admin, client_for):
        client = client_for(admin)
        client.post("/accounts/admin/organisations/new/", {"name": "Riverside Housing", "kind": AgencyKind.HOUSING})
        organisation = Organisation.objects.get(name="Riverside Housing")
        assert organisation.kind == AgencyKind.HOUSING
        client.post(
            f"/accounts/admin/organisations/{organisation.pk}/",
            {"name": "Riverside Homes", "kind": AgencyKind.HOUSING, "is_active": ""},
        )
        organisation.refresh_from_db()
        assert organisation.name == "Riverside Homes" and not organisation.is_active
        created = AuditEvent.objects.get(action="accounts.organisation_created")
        updated = AuditEvent.objects.get(action="accounts.organisation_updated")
        assert created.actor == admin and updated.actor == admin
        assert updated.detail["changed"]["name"] == ["Riverside Housing", "Riverside Homes"]
        assert updated.target_id == str(organisation.pk)

    def test_teams_are_added_once(self, admin, client_for):
        client = client_for(admin)
        url = f"/accounts/admin/organisations/{admin.organisation.pk}/"
        assert client.post(url, {"add_team": "1", "name": "ASBIT"}).status_code == 302
        assert client.post(url, {"add_team": "1", "name": "ASBIT"}).status_code == 400
        assert Team.objects.filter(organisation=admin.organisation, name="ASBIT").count() == 1
        assert AuditEvent.objects.filter(action="accounts.team_created").count() == 1


class TestUsers:
    def _payload(self, organisation, **overrides):
        data = {
            "username": "newcaseworker",
            "first_name": "New",
            "last_name": "Worker",
            "email": "new@example.org",
            "organisation": organisation.pk,
            "team": "",
            "role": Role.CASEWORKER,
            "password": "a-long-enough-passphrase",
        }
        data.update(overrides)
        return data

    def test_weak_password_is_refused_with_the_policy_message(self, admin, client_for):
        response = client_for(admin).post(
            "/accounts/admin/users/new/", self._payload(admin.organisation, password="short")
        )
        assert response.status_code == 400
        assert b"too short" in response.content
        assert not User.objects.filter(username="newcaseworker").exists()

    def test_team_must_belong_to_the_organisation(self, admin, client_for, make_organisation):
        other = make_organisation()
        team = Team.objects.create(organisation=other, name="Elsewhere")
        response = client_for(admin).post("/accounts/admin/users/new/", self._payload(admin.organisation, team=team.pk))
        assert response.status_code == 400
        assert b"Select a team in the user&#x27;s organisation" in response.content

    def test_create_user_with_role_and_change_role(self, admin, client_for):
        client = client_for(admin)
        assert client.post("/accounts/admin/users/new/", self._payload(admin.organisation)).status_code == 302
        user = User.objects.get(username="newcaseworker")
        assert user.role == Role.CASEWORKER and user.organisation == admin.organisation
        assert user.check_password("a-long-enough-passphrase")
        payload = self._payload(admin.organisation, role=Role.CASE_MANAGER, is_active="on")
        payload.pop("username")
        payload.pop("password")
        assert client.post(f"/accounts/admin/users/{user.pk}/", payload).status_code == 302
        user.refresh_from_db()
        assert user.role == Role.CASE_MANAGER
        event = AuditEvent.objects.get(action="accounts.user_updated")
        assert event.detail["changed"]["role"] == [Role.CASEWORKER, Role.CASE_MANAGER]
        assert "password" not in str(AuditEvent.objects.get(action="accounts.user_created").detail)

    def test_deactivated_user_cannot_sign_in(self, admin, client_for, make_user, client):
        from safer.testing.accounts import TEST_PASSWORD

        user = make_user(role=Role.ANALYST, organisation=admin.organisation, with_device=False)
        payload = {
            "first_name": "",
            "last_name": "",
            "email": "",
            "organisation": admin.organisation.pk,
            "team": "",
            "role": Role.ANALYST,
            "is_active": "",
        }
        client_for(admin).post(f"/accounts/admin/users/{user.pk}/", payload)
        response = client.post("/accounts/sign-in/", {"username": user.username, "password": TEST_PASSWORD})
        assert response.status_code == 400

    def test_reset_two_factor_removes_devices(self, admin, client_for, make_user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = make_user(role=Role.CASEWORKER, organisation=admin.organisation)
        client_for(admin).post(f"/accounts/admin/users/{user.pk}/reset-two-factor/")
        assert not TOTPDevice.objects.filter(user=user).exists()
        assert AuditEvent.objects.filter(action="accounts.2fa_reset", target_id=str(user.pk)).exists()

    def test_user_list_filters_by_role(self, admin, client_for, make_user):
        make_user(role=Role.ANALYST, username="ana")
        response = client_for(admin).get("/accounts/admin/users/", {"role": Role.ANALYST})
        assert b"ana" in response.content
        assert admin.username.encode() not in response.content.split(b"<tbody")[1]


class TestLockedAccounts:
    def _lock(self, user: User) -> None:
        from django.test import Client

        client = Client()
        for _ in range(5):
            client.post(
                "/accounts/sign-in/",
                {"username": user.username, "password": "not-the-password"},
                REMOTE_ADDR="10.0.0.5",
            )

    def test_locked_account_shows_as_locked_and_can_be_unlocked(self, admin, make_user, client_for):
        from django.test import Client

        from safer.testing.accounts import TEST_PASSWORD

        user = make_user(role=Role.ANALYST, with_device=False)
        self._lock(user)
        client = client_for(admin)
        listing = client.get("/accounts/admin/users/").content.decode()
        assert "Locked</strong>" in listing
        page = client.get(f"/accounts/admin/users/{user.pk}/").content.decode()
        assert "This account is locked after too many failed sign-ins" in page and f"Unlock {user.username}" in page
        response = client.post(f"/accounts/admin/users/{user.pk}/unlock/")
        assert response.status_code == 302
        event = AuditEvent.objects.get(action="accounts.user_unlocked")
        assert event.actor == admin and event.target_id == str(user.pk)
        assert "This account is locked" not in client.get(f"/accounts/admin/users/{user.pk}/").content.decode()
        signed_in = Client().post(
            "/accounts/sign-in/", {"username": user.username, "password": TEST_PASSWORD}, REMOTE_ADDR="10.0.0.5"
        )
        assert signed_in.status_code == 302

    def test_unlocked_account_shows_no_unlock(self, admin, make_user, client_for):
        user = make_user(role=Role.ANALYST, with_device=False)
        page = client_for(admin).get(f"/accounts/admin/users/{user.pk}/").content.decode()
        assert "Sign-in: not locked." in page and "Unlock" not in page

    def test_only_administrators_unlock(self, make_user, client_for):
        user = make_user(role=Role.ANALYST, with_device=False)
        manager = make_user(role=Role.CASE_MANAGER)
        assert client_for(manager).post(f"/accounts/admin/users/{user.pk}/unlock/").status_code == 403
        assert not AuditEvent.objects.filter(action="accounts.user_unlocked").exists()
