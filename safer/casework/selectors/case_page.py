"""What the case page shows of a case already found for the user: its people, incidents, ladder, tasks and notes.

The case itself is found through the ORM and the need-to-know filter (`case_get_for_user`); what follows belongs to
that case and is read by its key. Each list is read with Django's cursor ("Performing raw SQL queries" in Django's
documentation) and made into model instances with `Model.from_db()` (`safer.core.rows`): one case's notes cost 0.59 ms
of CPU through a queryset and 0.11 ms this way, and the page reads up to eight such lists (2026-12-04,
docs/serving-performance.md). The instances are the ORM's own, so the templates and `case_recurrence` use them as
before: only the fields named below are loaded (the rest deferred, as with `only()`), each list's joined rows are
attached as its related objects, and every row points back at the case object already loaded.

The select lists come from the models' metadata (`Columns`); the tables, joins and the case's key are written out.
`TestCaseDetail` compares every list with what the ORM reads, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
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


def _user(alias: str) -> Columns:
    return Columns(User, alias, ("id", *USER_NAME_FIELDS))


# What the page shows of each list; the foreign key back to the case comes first after the primary key.
PARTIES = Columns(CaseParty, "cp", ("id", "case", "role", "person"))
PARTY_PEOPLE = Columns(Person, "p", ("id", "public_id", "first_name", "last_name", "vulnerability_notes"))
INCIDENTS = Columns(
    Incident,
    "i",
    ("id", "reference", "occurred_at", "asb_category", "asb_type", "hate_motivated", "hate_strand"),
)
RECEIVING_ORGANISATIONS = Columns(Organisation, "o", ("id", "name"))
INTERVENTIONS = Columns(
    Intervention, "iv", ("id", "case", "stage", "stage_name", "action", "occurred_on", "skipped_reason", "person")
)
INTERVENTION_PEOPLE = Columns(Person, "p", ("id", "first_name", "last_name", "address"))
BREACHES = Columns(Breach, "b", ("id", "case", "occurred_on", "description"))
LETTERS = Columns(Letter, "l", ("id", "case", "public_id", "template", "status", "created_at", "recipient"))
RECIPIENTS = Columns(Person, "p", ("id", "first_name", "last_name"))
TASKS = Columns(Task, "t", ("id", "case", "title", "due_on", "done_at", "owner", "organisation"))
TASK_OWNERS = _user("u")
TASK_ORGANISATIONS = Columns(Organisation, "o", ("id", "name"))
NOTES = Columns(Note, "n", ("id", "case", "text", "created_at", "author"))
AUTHORS = _user("u")
RISK_ASSESSMENTS = Columns(RiskAssessment, "r", ("id", "case", "score", "completed_at"))


# Each list's tables, joins and condition; its select list is that of its `Columns` in turn. The case's key is the
# one parameter.
_FROM = {
    "parties": 'FROM "casework_caseparty" cp JOIN "casework_person" p ON p."id" = cp."person_id" '
    'WHERE cp."case_id" = %s',
    "incidents": 'FROM "casework_incident" i JOIN "casework_caseincident" ci ON ci."incident_id" = i."id" '
    'JOIN "accounts_organisation" o ON o."id" = i."receiving_organisation_id" WHERE ci."case_id" = %s',
    "interventions": 'FROM "casework_intervention" iv LEFT JOIN "casework_person" p ON p."id" = iv."person_id" '
    'WHERE iv."case_id" = %s',
    "breaches": 'FROM "casework_breach" b WHERE b."case_id" = %s',
    "letters": 'FROM "casework_letter" l LEFT JOIN "casework_person" p ON p."id" = l."recipient_id" '
    'WHERE l."case_id" = %s',
    "tasks": 'FROM "casework_task" t JOIN "accounts_user" u ON u."id" = t."owner_id" '
    'JOIN "accounts_organisation" o ON o."id" = t."organisation_id" WHERE t."case_id" = %s',
    "notes": 'FROM "casework_note" n JOIN "accounts_user" u ON u."id" = n."author_id" WHERE n."case_id" = %s',
    "risk_assessments": 'FROM "casework_riskassessment" r WHERE r."case_id" = %s',
}


@functools.cache
def _sql(name: str, parts: tuple[Columns, ...]) -> str:
    """One list's SELECT, built once per process; every identifier in it is written in this module."""
    return f"SELECT {', '.join(part.columns() for part in parts)} {_FROM[name]}"  # noqa: S608 - no input in it


def _read(
    case: Case,
    name: str,
    parts: Sequence[Columns],
    relations: Sequence[str] = (),
    order: Sequence[str] | None = None,
) -> list[Any]:
    """The case's rows of one list, each with its joined rows attached as `relations` (in the order of `parts` after
    the first) and pointing at `case` when the model has a key to it; in `order`, by default the model's."""
    model = parts[0].model
    rows = read_instances(_sql(name, tuple(parts)), [case.pk], parts, using=router.db_for_read(model))
    points_at_case = "case" in parts[0].names
    found = []
    for first, *joined in rows:
        for relation, related in zip(relations, joined, strict=True):
            setattr(first, relation, related)
        if points_at_case:
            first.case = case
        found.append(first)
    return sorted_by(found, (model._meta.ordering or ()) if order is None else order)


def case_detail(*, case: Case) -> dict[str, Any]:
    """Everything the case page shows, in a handful of queries (sharing has its own page).

    A case still at stage 0 has had no intervention (recording one moves the stage up in the same transaction),
    so it has no letters or breaches either (both follow an intervention), and none of them is queried; a case
    without a risk level has had no risk assessment (completing one sets it), and its assessments are not queried.

    Each list is one case's rows, a few dozen at most, so they are put in order here, in the model's default order
    (`sorted_by`), and the same on every database (NULL last ascending, first descending, as PostgreSQL).
    """
    parties = _read(case, "parties", (PARTIES, PARTY_PEOPLE), ("person",))
    escalated = case.stage > 0
    return {
        "parties": parties,
        # Incidents oldest first: the case's story in order (the model's default is newest first).
        "incidents": _read(
            case, "incidents", (INCIDENTS, RECEIVING_ORGANISATIONS), ("receiving_organisation",), ("occurred_at", "id")
        ),
        "interventions": (
            _read(case, "interventions", (INTERVENTIONS, INTERVENTION_PEOPLE), ("person",)) if escalated else []
        ),
        "breaches": _read(case, "breaches", (BREACHES,)) if escalated else [],
        "letters": _read(case, "letters", (LETTERS, RECIPIENTS), ("recipient",)) if escalated else [],
        "tasks": _read(case, "tasks", (TASKS, TASK_OWNERS, TASK_ORGANISATIONS), ("owner", "organisation")),
        "notes": _read(case, "notes", (NOTES, AUTHORS), ("author",)),
        # The page shows the latest score and date, and how many assessments there are (answers have their page).
        # Only a completed assessment sets the case's risk level, so a case without one has none to read.
        "risk_assessments": _read(case, "risk_assessments", (RISK_ASSESSMENTS,)) if case.risk_level else [],
        "recurrence": case_recurrence(case=case, parties=parties),
    }
