"""The two-factor middleware trusts the session's device only while it is the user's confirmed device."""

from __future__ import annotations

from django.contrib.auth import get_user
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.choices import Role
from safer.accounts.otp import OTPMiddleware


def _verified_user(client):
    """request.user as the middleware stack sees it for the client's session."""
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = get_user(request)
    OTPMiddleware(lambda r: None)._install_lazy_accessors(request)
    return request.user


class TestOTPMiddleware:
    def test_verified_session_needs_no_device_query(self, make_user, client_for, django_assert_num_queries):
        client = client_for(make_user(role=Role.CASEWORKER))
        with django_assert_num_queries(2):  # the session row, then the user with organisation, team and device id
            user = _verified_user(client)
            assert user.is_verified()
        device = TOTPDevice.objects.get(user=user.pk)
        assert user.otp_device.pk == device.pk  # the device itself loads when something uses it

    def test_deleted_device_unverifies_the_session(self, make_user, client_for):
        user = make_user(role=Role.CASEWORKER)
        client = client_for(user)
        TOTPDevice.objects.filter(user=user).delete()
        assert not _verified_user(client).is_verified()

    def test_replaced_device_unverifies_the_session(self, make_user, client_for):
        user = make_user(role=Role.CASEWORKER)
        client = client_for(user)
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="new phone", confirmed=True)
        assert not _verified_user(client).is_verified()

    def test_unconfirmed_device_does_not_verify(self, make_user, client_for):
        user = make_user(role=Role.CASEWORKER)
        client = client_for(user)
        TOTPDevice.objects.filter(user=user).update(confirmed=False)
        assert not _verified_user(client).is_verified()

    def test_casework_page_still_requires_verification(self, make_user, client_for):
        user = make_user(role=Role.CASEWORKER)
        client = client_for(user)
        assert client.get("/casework/").status_code == 200
        TOTPDevice.objects.filter(user=user).update(confirmed=False)
        response = client.get("/casework/")
        assert response.status_code == 302
        assert "/accounts/two-factor/" in response["Location"]
