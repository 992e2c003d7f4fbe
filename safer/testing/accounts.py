"""Helpers to make organisations and users, and to sign them in (with two-factor) in tests."""

from __future__ import annotations

import itertools

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.choices import AgencyKind, Role
from safer.accounts.models import Organisation, User

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105
_counter = itertools.count(1)


def make_organisation(name: str | None = None, kind: str = AgencyKind.COUNCIL) -> Organisation:
    """An organisation with a unique name."""
    return Organisation.objects.create(name=name or f"Organisation {next(_counter)}", kind=kind)


def make_user(
    role: str = Role.CASEWORKER,
    organisation: Organisation | None = None,
    username: str | None = None,
    with_device: bool = True,
) -> User:
    """A user with a password and (by default) a confirmed TOTP device."""
    user = User.objects.create_user(
        username=username or f"user{next(_counter)}",
        password=TEST_PASSWORD,
        role=role,
        organisation=organisation or make_organisation(),
    )
    if with_device:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def current_code(user: User) -> str:
    """The current six-digit code of the user's confirmed device."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def signed_in_client(user: User) -> Client:
    """A test client signed in as the user, past two-factor when the user has a device."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client
