"""Two-factor sign-in with TOTP devices (django-otp): enrol, confirm, verify, reset."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.models import User
from safer.core.choices import AuditAction
from safer.core.services.audit import audit_record


class TwoFactorCodeInvalidError(Exception):
    """The six-digit code did not match the device."""


class TwoFactorCodeReusedError(TwoFactorCodeInvalidError):
    """The code is right but was already used to sign in: TOTP codes are good once (wait for the next one)."""


def _already_used(device: TOTPDevice, token: str) -> bool:
    """True when the token is the code of the last time step the device accepted (django-otp's `last_t`)."""
    if device.last_t < 0 or not token.isdigit():
        return False
    return hotp(device.bin_key, device.last_t, digits=device.digits) == int(token)


def totp_device_for(*, user: User, confirmed: bool) -> TOTPDevice | None:
    """The user's TOTP device in the given confirmation state, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("id").first()


def two_factor_enrol_start(*, user: User) -> TOTPDevice:
    """Create (or reuse) the unconfirmed device the user scans into their authenticator app."""
    device = totp_device_for(user=user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_enrol_confirm(*, request: HttpRequest, user: User, token: str) -> TOTPDevice:
    """Confirm the new device with a code from it, and mark this session as verified."""
    device = totp_device_for(user=user, confirmed=False)
    if device is None or not device.verify_token(token.strip()):
        audit_record(actor=user, action=AuditAction.TWO_FACTOR_FAILED, target=user)
        raise TwoFactorCodeInvalidError()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    audit_record(actor=user, action=AuditAction.TWO_FACTOR_ENROLLED, target=user)
    return device


def two_factor_verify(*, request: HttpRequest, user: User, token: str) -> None:
    """Check a code from the user's confirmed device and mark this session as verified."""
    device = totp_device_for(user=user, confirmed=True)
    token = token.strip()
    if device is None or not device.verify_token(token):
        reused = device is not None and _already_used(device, token)
        audit_record(actor=user, action=AuditAction.TWO_FACTOR_FAILED, target=user, detail={"reused": reused})
        raise TwoFactorCodeReusedError() if reused else TwoFactorCodeInvalidError()
    otp_login(request, device)
    audit_record(actor=user, action=AuditAction.TWO_FACTOR_VERIFIED, target=user)


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """Remove a user's devices (lost phone) so they enrol again at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action=AuditAction.TWO_FACTOR_RESET, target=user)
