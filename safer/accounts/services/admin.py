"""Administration of organisations, teams and users; each change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from safer.accounts.models import Organisation, Team, User
from safer.core.choices import AuditAction
from safer.core.services.audit import audit_record


def _changes(instance: Any, fields: dict[str, Any]) -> dict[str, list[str]]:
    """Field -> [old, new] for the fields that differ, as strings (no passwords ever)."""
    diff = {}
    for name, value in fields.items():
        old = getattr(instance, name)
        if old != value:
            diff[name] = [str(old) if old is not None else "", str(value) if value is not None else ""]
    return diff


@transaction.atomic
def organisation_create(*, actor: User | None, name: str, kind: str) -> Organisation:
    """Add an agency to the partnership."""
    organisation = Organisation(name=name.strip(), kind=kind)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action=AuditAction.ORGANISATION_CREATED, target=organisation, detail={"kind": kind})
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, name: str, kind: str, is_active: bool
) -> Organisation:
    """Rename, re-classify or deactivate an agency."""
    fields = {"name": name.strip(), "kind": kind, "is_active": is_active}
    diff = _changes(organisation, fields)
    for field, value in fields.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action=AuditAction.ORGANISATION_UPDATED, target=organisation, detail={"changed": diff})
    return organisation


@transaction.atomic
def team_create(*, actor: User | None, organisation: Organisation, name: str) -> Team:
    """Add a team to an organisation."""
    team = Team(organisation=organisation, name=name.strip())
    team.full_clean()
    team.save()
    audit_record(actor=actor, action=AuditAction.TEAM_CREATED, target=team)
    return team


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    organisation: Organisation | None,
    team: Team | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create an account with a role in an organisation; the password is checked against the policy."""
    user = User(
        username=username.strip(),
        role=role,
        organisation=organisation,
        team=team,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.USER_CREATED,
        target=user,
        detail={"role": role, "organisation": organisation.name if organisation else ""},
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None,
    team: Team | None,
    first_name: str,
    last_name: str,
    email: str,
    is_active: bool,
) -> User:
    """Change a user's role, organisation, team, name or whether they may sign in."""
    fields = {
        "role": role,
        "organisation": organisation,
        "team": team,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "is_active": is_active,
    }
    diff = _changes(user, fields)
    for field, value in fields.items():
        setattr(user, field, value)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action=AuditAction.USER_UPDATED, target=user, detail={"changed": diff})
    return user
