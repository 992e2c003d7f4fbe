"""Demo organisations and sign-ins (DEMO ONLY: known passwords and two-factor keys)."""

from __future__ import annotations

from base64 import b32encode

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.choices import AgencyKind, Role
from safer.accounts.models import Organisation, Team, User
from safer.accounts.permissions import role_sees_personal_data
from safer.accounts.services.admin import organisation_create, team_create, user_create

DEMO_PASSWORD = "demo-password-not-secret"  # noqa: S105 - printed to the console on purpose, demo only

DEMO_ORGANISATIONS = [
    ("Oxford City Council", AgencyKind.COUNCIL, ["ASB investigation team", "Community response team"]),
    ("Thames Valley Police", AgencyKind.POLICE, ["Oxford neighbourhood policing"]),
    ("Greenway Housing (demo)", AgencyKind.HOUSING, ["Tenancy enforcement"]),
    ("Oxfordshire Fire and Rescue", AgencyKind.FIRE, []),
]

# username, first, last, role, organisation, team
DEMO_USERS: list[tuple[str, str, str, str, str, str | None]] = [
    ("admin", "Alex", "Admin", Role.ADMINISTRATOR, "Oxford City Council", None),
    ("analyst", "Ana", "Lyst", Role.ANALYST, "Oxford City Council", None),
    ("partnership", "Pat", "Manager", Role.PARTNERSHIP_MANAGER, "Oxford City Council", None),
    ("manager", "Morgan", "Case-Manager", Role.CASE_MANAGER, "Oxford City Council", "ASB investigation team"),
    ("caseworker", "Casey", "Worker", Role.CASEWORKER, "Oxford City Council", "ASB investigation team"),
    ("police", "Pip", "Constable", Role.CASEWORKER, "Thames Valley Police", "Oxford neighbourhood policing"),
    ("housing", "Harper", "Officer", Role.CASEWORKER, "Greenway Housing (demo)", "Tenancy enforcement"),
    ("matac-analyst", "Mira", "Analyst", Role.MATAC_ANALYST, "Thames Valley Police", None),
    ("matac-coord", "Max", "Coordinator", Role.MATAC_COORDINATOR, "Thames Valley Police", None),
    ("matac-member", "Mel", "Partner", Role.MATAC_MEMBER, "Oxford City Council", None),
    ("dhr-coord", "Dana", "Reviews", Role.DHR_COORDINATOR, "Oxford City Council", None),
]


def _demo_key(username: str) -> str:
    """A fixed, obviously-demo TOTP key per user (hex, 20 bytes) so printed codes stay valid across runs."""
    return (username.encode().hex() + "00" * 20)[:40]


@transaction.atomic
def demo_load() -> list[str]:
    """Create the demo organisations and users (idempotent); return lines describing the sign-ins."""
    lines = []
    for name, kind, teams in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name).first() or organisation_create(
            actor=None, name=name, kind=kind
        )
        for team_name in teams:
            if not Team.objects.filter(organisation=organisation, name=team_name).exists():
                team_create(actor=None, organisation=organisation, name=team_name)
    for username, first, last, role, org_name, user_team in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        organisation = Organisation.objects.get(name=org_name)
        team = Team.objects.filter(organisation=organisation, name=user_team).first() if user_team else None
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                organisation=organisation,
                team=team,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
            )
        if role_sees_personal_data(role) and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="Demo authenticator", key=_demo_key(username), confirmed=True)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        secret = b32encode(bytes.fromhex(str(device.key))).decode() if device else ""
        lines.append(
            f"  {username:<12} {Role(role).label:<20} {org_name:<28} "
            + (f"two-factor key (DEMO): {secret}" if secret else "no two-factor needed")
        )
    return lines
