"""Need-to-know: which cases, people and incidents a user may see. Every casework read goes through here."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from safer.casework.models import Case, CaseIncident, CaseParty, CaseShare, Incident, Person


def can_view_casework(user: Any) -> bool:
    """True when the user is signed in, in an organisation, and their role grants casework.view."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.organisation_id is not None
        and user.has_capability("casework.view")
    )


def visible_cases(user: Any) -> QuerySet[Case]:
    """Cases the user's organisation owns or has a live share of; none without casework.view.

    Every casework read starts here, so the shares subquery is compiled by the ORM once per database and
    reused as SQL with the organisation as its parameter: building an `Exists(OuterRef(...))` subquery each time
    was a quarter of the CPU of a case lookup (benchmarks/casework_load.py, BENCHMARKS.md).
    """
    if not can_view_casework(user):
        return Case.objects.none()
    return cases_of_organisation(user.organisation_id)


def cases_of_organisation(organisation_id: int) -> QuerySet[Case]:
    """Cases an organisation owns or has a live share of (the caller has checked the user's role)."""
    # SQL compiled by the ORM from a fixed queryset; the organisation id is passed as a parameter.
    shared = RawSQL(_live_shares_sql(Case.objects.db), [organisation_id])  # noqa: S611
    return Case.objects.filter(Q(owner_organisation_id=organisation_id) | Q(pk__in=shared))


@cache
def _live_shares_sql(alias: str) -> str:
    """SQL of the ids of cases with a live (not withdrawn) share with one organisation, `%s` for the organisation."""
    sample = CaseShare.objects.filter(organisation_id=0, withdrawn_at__isnull=True).order_by().values("case_id")
    sql, params = sample.query.get_compiler(using=alias).as_sql()
    if list(params) != [0]:  # the organisation must be the only parameter, so it can be swapped in
        raise AssertionError(f"Unexpected parameters in the live shares subquery: {params!r}")
    return sql


def visible_people(user: Any) -> QuerySet[Person]:
    """People in a visible case, reporting a visible incident, or first recorded by the user's organisation."""
    if not can_view_casework(user):
        return Person.objects.none()
    cases = visible_cases(user)
    in_case = CaseParty.objects.filter(person=OuterRef("pk"), case__in=cases)
    reported = visible_incidents(user).filter(reporting_person=OuterRef("pk"))
    return Person.objects.filter(
        Q(recorded_by_organisation_id=user.organisation_id) | Exists(in_case) | Exists(reported)
    )


def visible_incidents(user: Any) -> QuerySet[Incident]:
    """Incidents received by the user's organisation or linked to a case the user can see."""
    if not can_view_casework(user):
        return Incident.objects.none()
    linked = CaseIncident.objects.filter(incident=OuterRef("pk"), case__in=visible_cases(user))
    return Incident.objects.filter(Q(receiving_organisation_id=user.organisation_id) | Exists(linked))


def is_owner(user: Any, case: Case) -> bool:
    """True when the user's organisation owns the case."""
    return bool(user.organisation_id is not None and case.owner_organisation_id == user.organisation_id)
