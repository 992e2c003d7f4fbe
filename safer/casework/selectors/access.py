"""Need-to-know: which cases, people and incidents a user may see. Every casework read goes through here."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

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
    """Cases the user's organisation owns or has a live share of; none without casework.view."""
    if not can_view_casework(user):
        return Case.objects.none()
    return cases_of_organisation(user.organisation_id)


def owned_cases(user: Any) -> QuerySet[Case]:
    """The cases the user's organisation owns, a part of `visible_cases`; none without casework.view."""
    if not can_view_casework(user):
        return Case.objects.none()
    return Case.objects.filter(owner_organisation_id=user.organisation_id)


def cases_of_organisation(organisation_id: int, cases: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Cases an organisation owns or has a live share of (the caller has checked the user's role), of `cases` (a
    queryset of cases that other filters, annotations or `values()` have shaped; all cases by default)."""
    shared = CaseShare.objects.filter(organisation_id=organisation_id, withdrawn_at__isnull=True).values("case_id")
    cases = Case.objects.all() if cases is None else cases
    return cases.filter(Q(owner_organisation_id=organisation_id) | Q(pk__in=shared))


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
