"""What the case page shows of a case already found for the user: its people, incidents, ladder, tasks and notes.

The case itself is found through the ORM and the need-to-know filter (`case_get_for_user`); what follows belongs to
that case and is read by its key. Each list is read with Django's cursor ("Performing raw SQL queries" in Django's
documentation) and made into model instances with `Model.from_db()` (`safer.core.rows`): one case's notes cost 0.59 ms
of CPU through a queryset and 0.11 ms this way, and the page reads up to eight such lists (2026-12-04,
docs/serving-performance.md). The instances are the ORM's own, so the templates and `case_recurrence` use them as
before: only the fields named below are loaded (the rest deferred, as with `only()`), each list's joined rows are
attached as its related objects, and every row points back at the case object already loaded.

Each list is declared once in `LISTS`: its select list comes from the models' metadata (`Columns`); its tables, joins
and the case's key are written out.
`TestCaseDetail` compares every list with what the ORM reads, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db import router

from safer.accounts.models import Organisation, User
from safer.casework.models import (
    Breach,
    Case,
    CaseParty,
    Incident,
    Intervention,
    Letter,
    Note,
    Person,
    RiskAssessment,
    Task,
)
from safer.casework.selectors.cases import USER_NAME_FIELDS, case_recurrence
from safer.core.ordering import sorted_by
from safer.core.rows import Columns, read_instances


@dataclass(frozen=True)
class _List:
    """One list of the page: the fields read of its model and of each joined model (`parts`, the list's own first),
    the relations the joined rows are attached as, its tables, joins and condition (the case's key the one
    parameter), and its order (by default its model's)."""

    parts: tuple[Columns, ...]
    relations: tuple[str, ...]
    source: str
    order: tuple[str, ...] | None = None

    @functools.cached_property
    def sql(self) -> str:
        """The SELECT, built once per process; every identifier in it is written in this module."""
        return f"SELECT {', '.join(part.columns() for part in self.parts)} {self.source}"  # noqa: S608 - no input


USER_NAMES = Columns(User, "u", ("id", *USER_NAME_FIELDS))
ORGANISATION_NAMES = Columns(Organisation, "o", ("id", "name"))

# What the page shows of each list.
LISTS = {
    "parties": _List(
        (
            Columns(CaseParty, "cp", ("id", "case", "role", "person")),
            Columns(Person, "p", ("id", "public_id", "first_name", "last_name", "vulnerability_notes")),
        ),
        ("person",),
        'FROM "casework_caseparty" cp JOIN "casework_person" p ON p."id" = cp."person_id" WHERE cp."case_id" = %s',
    ),
    "incidents": _List(
        (
            Columns(
                Incident,
                "i",
                ("id", "reference", "occurred_at", "asb_category", "asb_type", "hate_motivated", "hate_strand"),
            ),
            ORGANISATION_NAMES,
        ),
        ("receiving_organisation",),
        'FROM "casework_incident" i JOIN "casework_caseincident" ci ON ci."incident_id" = i."id" '
        'JOIN "accounts_organisation" o ON o."id" = i."receiving_organisation_id" WHERE ci."case_id" = %s',
        ("occurred_at", "id"),  # oldest first: the case's story in order (the model's default is newest first)
    ),
    # The ladder's table: the person named, and whether a letter can be written to their address.
    "interventions": _List(
        (
            Columns(
                Intervention,
                "iv",
                ("id", "case", "stage", "stage_name", "action", "occurred_on", "skipped_reason", "person"),
            ),
            Columns(Person, "p", ("id", "first_name", "last_name", "address")),
        ),
        ("person",),
        'FROM "casework_intervention" iv LEFT JOIN "casework_person" p ON p."id" = iv."person_id" '
        'WHERE iv."case_id" = %s',
    ),
    "breaches": _List(
        (Columns(Breach, "b", ("id", "case", "occurred_on", "description")),),
        (),
        'FROM "casework_breach" b WHERE b."case_id" = %s',
    ),
    "letters": _List(
        (
            Columns(Letter, "l", ("id", "case", "public_id", "template", "status", "created_at", "recipient")),
            Columns(Person, "p", ("id", "first_name", "last_name")),
        ),
        ("recipient",),
        'FROM "casework_letter" l LEFT JOIN "casework_person" p ON p."id" = l."recipient_id" WHERE l."case_id" = %s',
    ),
    "tasks": _List(
        (
            Columns(Task, "t", ("id", "case", "title", "due_on", "done_at", "owner", "organisation")),
            USER_NAMES,
            ORGANISATION_NAMES,
        ),
        ("owner", "organisation"),
        'FROM "casework_task" t JOIN "accounts_user" u ON u."id" = t."owner_id" '
        'JOIN "accounts_organisation" o ON o."id" = t."organisation_id" WHERE t."case_id" = %s',
    ),
    "notes": _List(
        (Columns(Note, "n", ("id", "case", "text", "created_at", "author")), USER_NAMES),
        ("author",),
        'FROM "casework_note" n JOIN "accounts_user" u ON u."id" = n."author_id" WHERE n."case_id" = %s',
    ),
    # The latest score and date, and how many assessments there are (answers have their page).
    "risk_assessments": _List(
        (Columns(RiskAssessment, "r", ("id", "case", "score", "completed_at")),),
        (),
        'FROM "casework_riskassessment" r WHERE r."case_id" = %s',
    ),
}


def _read(case: Case, name: str) -> list[Any]:
    """The case's rows of one list, each with its joined rows attached and pointing at `case` when its model has a
    key to it, in the list's order."""
    declared = LISTS[name]
    first_part = declared.parts[0]
    rows = read_instances(declared.sql, [case.pk], declared.parts, using=router.db_for_read(first_part.model))
    points_at_case = "case" in first_part.names
    found = []
    for first, *joined in rows:
        for relation, related in zip(declared.relations, joined, strict=True):
            setattr(first, relation, related)
        if points_at_case:
            first.case = case
        found.append(first)
    ordering = declared.order if declared.order is not None else first_part.model._meta.ordering
    return sorted_by(found, ordering or ())


def case_detail(*, case: Case) -> dict[str, Any]:
    """Everything the case page shows, in a handful of queries (sharing has its own page).

    A case still at stage 0 has had no intervention (recording one moves the stage up in the same transaction),
    so it has no letters or breaches either (both follow an intervention), and none of them is queried; a case
    without a risk level has had no risk assessment (completing one sets it), and its assessments are not queried.

    Each list is one case's rows, a few dozen at most, so they are put in order here, in the model's default order
    (`sorted_by`), and the same on every database (NULL last ascending, first descending, as PostgreSQL).
    """
    parties = _read(case, "parties")
    escalated = case.stage > 0
    return {
        "parties": parties,
        "incidents": _read(case, "incidents"),
        "interventions": _read(case, "interventions") if escalated else [],
        "breaches": _read(case, "breaches") if escalated else [],
        "letters": _read(case, "letters") if escalated else [],
        "tasks": _read(case, "tasks"),
        "notes": _read(case, "notes"),
        # Only a completed assessment sets the case's risk level, so a case without one has none to read.
        "risk_assessments": _read(case, "risk_assessments") if case.risk_level else [],
        "recurrence": case_recurrence(case=case, parties=parties),
    }
