"""Helpers every casework service uses: access checks, references, versioned case writes, timeline events."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import F
from django.utils import timezone

from safer.casework.choices import CaseStatus
from safer.casework.errors import CaseClosedError, CaseConflictError, CaseNotFoundError, CasePermissionError
from safer.casework.models import Case, CaseEvent, ReferenceCounter
from safer.casework.selectors.access import can_view_casework, is_owner, visible_cases


def require_editor(actor: Any) -> None:
    """The actor's role must allow casework changes."""
    if not can_view_casework(actor) or not actor.has_capability("casework.edit"):
        raise CasePermissionError("Your role cannot change casework. Ask a case manager.")


def require_case(actor: Any, case: Case, *, owner_only: bool = False, must_be_open: bool = True) -> None:
    """The actor may change this case: an editor who sees it (and, for owner-only changes, in its organisation)."""
    require_editor(actor)
    # The owning organisation always sees its cases; only a partner's access needs the share looked up.
    if case.owner_organisation_id != actor.organisation_id and not visible_cases(actor).filter(pk=case.pk).exists():
        raise CaseNotFoundError(f"No case {case.reference!r} that you can see. Check the reference.")
    if owner_only and not is_owner(actor, case):
        raise CasePermissionError(
            f"Case {case.reference} is shared with your organisation; only {case.owner_organisation.name} "
            "can make this change."
        )
    if must_be_open and case.status != CaseStatus.OPEN:
        raise CaseClosedError(f"Case {case.reference} is closed. Reopen it first to make changes.")


def next_reference(prefix: str) -> str:
    """The next reference for this prefix and year, e.g. ASB-2026-00012 (unique, gap-free per year).

    One UPDATE ... RETURNING takes the number and holds the counter's row until the caller's transaction ends, so
    two callers never get the same number and a rolled-back caller leaves no gap. The first reference of a year
    creates the counter (the unique constraint settles a race) and takes the number the same way.
    """
    year = timezone.localdate().year
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE {table} SET "last" = "last" + 1 WHERE "prefix" = %s AND "year" = %s RETURNING "last"',  # noqa: S608
            [prefix, year],
        )
        row = cursor.fetchone()
    if row is None:
        ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
        return next_reference(prefix)
    return f"{prefix}-{year}-{row[0]:05d}"


def case_write(*, actor: Any, case: Case, expected_version: int | None, fields: dict[str, Any]) -> Case:
    """Write fields to the case only if nobody changed it since `expected_version`; bumps the version."""
    version = case.version if expected_version is None else expected_version
    updated = Case.objects.filter(pk=case.pk, version=version).update(version=F("version") + 1, **fields)
    if updated == 0:
        raise CaseConflictError(
            f"Case {case.reference} was changed by someone else while you were editing it (you had version "
            f"{version}). Your changes were not saved: reload the case, check their changes and try again."
        )
    case.refresh_from_db()
    return case


def event_add(*, case: Case, kind: str, actor: Any, detail: str = "", at: Any = None) -> CaseEvent:
    """Add a line to the case timeline."""
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        organisation_name=organisation.name if organisation else "",
        detail=detail[:500],
    )
