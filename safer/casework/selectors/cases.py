"""Reading cases, people and incidents for a user, each read of personal data audited."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.utils import timezone

from safer.accounts.models import User
from safer.casework.choices import CaseStatus, CaseworkAuditAction, PartyRole
from safer.casework.errors import CaseNotFoundError, PersonNotFoundError
from safer.casework.models import (
    Case,
    CaseIncident,
    CaseParty,
    Incident,
    Intervention,
    Person,
    Task,
)
from safer.casework.selectors.access import (
    can_view_casework,
    cases_of_organisation,
    owned_cases,
    visible_cases,
    visible_incidents,
    visible_people,
)
from safer.core.services.audit import audit_record


@dataclass(frozen=True)
class CaseFilter:
    """Filters of the case list, and its order (a key of CASE_SORTS; newest first when empty)."""

    status: str = ""
    mine: bool = False
    q: str = ""
    sort: str = ""


CASE_RELATED = ("owner_organisation", "officer", "team")
# What a page or API answer shows of a user it names (the officer, a note's author, a task's owner): `display_name`
# reads these. Lists and the case lookup load just these columns of the joined user (`only()`/`defer()`), not the
# whole account row (password hash, flags, dates): fewer columns for the ORM to build and PostgreSQL to send.
USER_NAME_FIELDS = ("username", "first_name", "last_name")


def _user_name_only(relation: str) -> tuple[str, ...]:
    """`only()` arguments loading just the name fields of the user joined through `relation`."""
    return (relation, *(f"{relation}__{name}" for name in USER_NAME_FIELDS))


@functools.cache
def _user_all_but_name(relation: str) -> tuple[str, ...]:
    """`defer()` arguments leaving just the pk and name fields of the user joined through `relation`."""
    return tuple(
        f"{relation}__{field.name}"
        for field in User._meta.concrete_fields
        if not field.primary_key and field.name not in USER_NAME_FIELDS
    )


# How the case list can be ordered: key -> (column heading, ORDER BY). The first is the default.
CASE_SORTS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "opened": ("Opened", ("-opened_at", "-id")),
    "next-due": ("Next due", (F("next_due").asc(nulls_last=True), "-opened_at", "-id")),
    "officer": ("Officer", (F("officer__last_name").asc(nulls_last=True), "officer__first_name", "-opened_at", "-id")),
    "reference": ("Case", ("reference",)),
}


@functools.cache
def _next_due() -> Subquery:
    """The due date of the case's earliest task not yet done (None without one).

    Built once per process: `annotate()` resolves a copy of the expression against each query and leaves this one as
    it is; building it took 0.1 ms per list page.
    """
    return Subquery(
        Task.objects.filter(case=OuterRef("pk"), done_at__isnull=True).order_by("due_on").values("due_on")[:1]
    )


def case_list_for_user(
    *, user: Any, filters: CaseFilter | None = None, related: tuple[str, ...] = CASE_RELATED
) -> QuerySet[Case]:
    """Cases the user may see, newest first (callers that show incident counts annotate just their page).

    `related` names the relations loaded with each case (a list that shows only the owner asks for just that).
    """
    if not can_view_casework(user):
        return Case.objects.none()
    return _case_list(Case.objects.select_related(*related), user=user, filters=filters or CaseFilter())


def _case_list(cases: QuerySet, *, user: Any, filters: CaseFilter) -> QuerySet:
    """Of `cases`, those the user's organisation may see, filtered and ordered as `filters` say (access checked)."""
    cases = cases_of_organisation(user.organisation_id, cases)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.mine:
        cases = cases.filter(officer_id=user.pk)
    if filters.q:
        cases = cases.filter(Q(reference__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.sort == "next-due":
        cases = with_next_due(cases)
    return cases.order_by(*CASE_SORTS.get(filters.sort, CASE_SORTS["opened"])[1])


def with_next_due(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with `next_due`, the due date of each one's earliest task not done (case tables show it).

    Kept off the list an API caller counts and groups (a correlated subquery beside GROUP BY is refused by
    PostgreSQL there), so the pages that show it ask for it.
    """
    if "next_due" in cases.query.annotations:
        return cases
    return cases.annotate(next_due=_next_due())


CASES_PER_PAGE = 25


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as a row of a case table shows it (`{% case_row %}`), read with `values()`.

    The case list is the caseworker's most requested page: its 25 rows read as cases with their organisation and
    officer were 75 model instances to build, a tenth of the page's CPU (docs/serving-performance.md).
    """

    pk: int
    reference: str
    summary: str
    status: str
    risk_level: str
    stage: int
    opened_at: datetime
    response_due_at: datetime | None
    first_contact_at: datetime | None
    owner_name: str
    officer_name: str  # "" when no officer is assigned
    next_due: date | None

    @property
    def is_open(self) -> bool:
        """True while the case is being worked (as `Case.is_open`)."""
        return self.status == CaseStatus.OPEN

    def get_status_display(self) -> str:
        """The status as people read it (as `Case.get_status_display`)."""
        return str(CaseStatus(self.status).label)


# The columns of a case table row: CaseRow's fields, the organisation's name and the officer's names joined.
CASE_ROW_VALUES = (
    "pk",
    "reference",
    "summary",
    "status",
    "risk_level",
    "stage",
    "opened_at",
    "response_due_at",
    "first_contact_at",
    "owner_organisation__name",
    *(f"officer__{name}" for name in USER_NAME_FIELDS),
    "next_due",
)


def _case_row(values: dict[str, Any]) -> CaseRow:
    officer = (values["officer__first_name"], values["officer__last_name"], values["officer__username"])
    return CaseRow(
        pk=values["pk"],
        reference=values["reference"],
        summary=values["summary"],
        status=values["status"],
        risk_level=values["risk_level"],
        stage=values["stage"],
        opened_at=values["opened_at"],
        response_due_at=values["response_due_at"],
        first_contact_at=values["first_contact_at"],
        owner_name=values["owner_organisation__name"],
        officer_name=User.display_name_of(*officer) if officer[2] is not None else "",
        next_due=values["next_due"],
    )


@functools.cache
def _case_rows_query() -> QuerySet:
    """Every case as table rows (CASE_ROW_VALUES) with the number of rows in all (`listed_in_all`, a window count),
    built once per process: the page's filters are added to it per request (each `filter()` makes a new queryset, and
    this one is never evaluated). Building the annotations and columns anew took 0.3 ms of CPU per list page."""
    return Case.objects.annotate(next_due=_next_due(), listed_in_all=Window(Count("pk"))).values(
        *CASE_ROW_VALUES, "listed_in_all"
    )


def case_rows_for_user(*, user: Any, filters: CaseFilter, limit: int) -> list[CaseRow]:
    """The first `limit` rows of the case list the user may see (filtered and ordered by `filters`)."""
    if not can_view_casework(user):
        return []
    return [_case_row(values) for values in _case_list(_case_rows_query(), user=user, filters=filters)[:limit]]


class _CountedPaginator(Paginator):
    """A paginator told how many rows there are (read with the page's rows) instead of counting them."""

    def __init__(self, rows: Sequence[CaseRow], per_page: int, count: int) -> None:
        super().__init__(rows, per_page)
        self._count = count

    @property
    def count(self) -> int:  # type: ignore[override]
        return self._count


def case_page_for_user(
    *, user: Any, filters: CaseFilter | None = None, number: Any = 1, per_page: int = CASES_PER_PAGE
) -> Page:
    """One page of the case list as CaseRows, as `Paginator.get_page` gives it (a page past the last is the last).

    The list is the caseworker's most requested page, so the rows and the number of cases in all come from one
    query (a window count beside the page's rows) instead of a count and a page query.
    """
    filters = filters or CaseFilter()
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    if not can_view_casework(user):
        return Paginator([], per_page).get_page(number)
    cases = _case_list(_case_rows_query(), user=user, filters=filters)
    start = (number - 1) * per_page
    found = list(cases[start : start + per_page])
    if found or number == 1:
        rows = [_case_row(values) for values in found]
        return Page(rows, number, _CountedPaginator(rows, per_page, found[0]["listed_in_all"] if found else 0))
    # A page past the last one: Django's paginator counts the cases and gives the last page.
    page = Paginator(cases, per_page).get_page(number)
    rows = [_case_row(values) for values in page.object_list]
    return Page(rows, page.number, page.paginator)


def case_get_for_user(
    *, user: Any, reference: str, audit: bool = True, related: tuple[str, ...] = CASE_RELATED
) -> Case:
    """One visible case by reference (audited as a view); CaseNotFoundError when absent or not visible.

    `related` names the relations loaded with the case (the case pages show all three; an endpoint that shows none of
    them, such as adding a note, asks for none and reads the case row alone).
    """
    # The organisation's own cases first: they are most of what a caseworker opens, and that query is much cheaper to
    # build than the whole need-to-know filter (owned or shared: 1.3 against 1.9 ms of CPU). A case found there is
    # visible (`owned_cases` is part of `visible_cases`); any other reference is looked up through `visible_cases`.
    for lookup in (owned_cases, visible_cases):  # the second is built only when the first finds nothing
        cases = lookup(user).select_related(*related) if related else lookup(user)
        if "officer" in related:
            cases = cases.defer(*_user_all_but_name("officer"))
        # `get()`, not `first()`: the reference is unique, and `first()` adds ORDER BY id, which Django compiles by
        # hashing every selected column of the case and its joins (about 0.2 ms of CPU per case page).
        try:
            case = cases.get(reference=reference.upper())
            break
        except Case.DoesNotExist:
            continue
    else:
        raise CaseNotFoundError(f"No case {reference!r} that you can see. Check the reference.")
    if audit:
        audit_record(actor=user, action=CaseworkAuditAction.CASE_VIEWED, target=case)
    return case


def person_get_for_user(*, user: Any, public_id: UUID | str, audit: bool = True) -> Person:
    """One visible person (audited as a view); PersonNotFoundError when absent or not visible."""
    try:
        key = UUID(str(public_id))
    except ValueError:
        raise PersonNotFoundError("No such person. Check the link.") from None
    person = visible_people(user).filter(public_id=key).first()
    if person is None:
        raise PersonNotFoundError("No such person that you can see. Check the link.")
    if audit:
        audit_record(actor=user, action=CaseworkAuditAction.PERSON_VIEWED, target=person)
    return person


def person_cases_for_user(*, user: Any, person: Person) -> list[CaseParty]:
    """The person's roles in the cases the user can see (other cases stay hidden)."""
    return list(
        CaseParty.objects.filter(person=person, case__in=visible_cases(user))
        .select_related("case", "case__owner_organisation")
        .order_by("-case__opened_at")
    )


def person_case_roles_for_user(*, user: Any, people: list[Person]) -> dict[int, list[CaseParty]]:
    """For a page of people, their roles in cases the user can see (one query): what tells apart two people of
    the same name in search results."""
    roles: dict[int, list[CaseParty]] = {person.pk: [] for person in people}
    for party in (
        CaseParty.objects.filter(person__in=people, case__in=visible_cases(user))
        .select_related("case")
        .order_by("-case__opened_at", "role")
    ):
        roles[party.person_id].append(party)
    return roles


def person_search_for_user(*, user: Any, q: str) -> QuerySet[Person]:
    """People the user may see whose name or postcode matches."""
    people = visible_people(user)
    for word in q.split()[:3]:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(postcode__icontains=word)
        )
    return people.order_by("last_name", "first_name")[:50]


def incident_list_for_user(*, user: Any, unlinked: bool = False) -> QuerySet[Incident]:
    """Incidents the user may see, newest first; `unlinked` keeps those not yet in any case."""
    incidents = visible_incidents(user).select_related("receiving_organisation")
    if unlinked:
        incidents = incidents.filter(case_links__isnull=True)
    return incidents.order_by("-occurred_at", "-id")


def incident_get_for_user(*, user: Any, reference: str) -> Incident:
    """One visible incident by reference; CaseNotFoundError when absent or not visible."""
    incident = visible_incidents(user).filter(reference=reference.upper()).first()
    if incident is None:
        raise CaseNotFoundError(f"No incident {reference!r} that you can see. Check the reference.")
    return incident


@dataclass(frozen=True)
class Recurrence:
    """Whether ASB recurred after a perpetrator's first intervention on this case."""

    person: Person
    first_intervention_on: Any
    later_incidents: int

    @property
    def recurred(self) -> bool:
        """True when there were incidents after the first intervention."""
        return self.later_incidents > 0


def case_recurrence(*, case: Case, parties: list[CaseParty] | None = None) -> list[Recurrence]:
    """For each alleged perpetrator of the case with an intervention: incidents (any case) after the first one.

    `parties` are the case's parties with their people when the caller has them already. Two queries in all
    (none without perpetrators): each perpetrator's first intervention, then the incidents of their cases.
    """
    if parties is None:
        parties = list(CaseParty.objects.filter(case=case).select_related("person"))
    people = {p.person_id: p.person for p in parties if p.role == PartyRole.PERPETRATOR}
    if not people:
        return []
    as_perpetrator = {"case__parties__person__in": people, "case__parties__role": PartyRole.PERPETRATOR}
    firsts: dict[int, Any] = {}
    for person_id, occurred_on in (
        Intervention.objects.filter(**as_perpetrator)
        .values_list("case__parties__person", "occurred_on")
        .order_by("occurred_on")
    ):
        firsts.setdefault(person_id, occurred_on)
    if not firsts:
        return []
    starts = {
        person_id: timezone.make_aware(datetime.combine(first_on, datetime.max.time()))
        for person_id, first_on in firsts.items()
    }
    later: dict[int, set[int]] = {person_id: set() for person_id in firsts}
    for person_id, incident_id, occurred_at in (
        CaseIncident.objects.filter(**as_perpetrator, incident__occurred_at__gt=min(starts.values()))
        .values_list("case__parties__person", "incident", "incident__occurred_at")
        .order_by()
    ):
        if person_id in starts and occurred_at > starts[person_id]:
            later[person_id].add(incident_id)
    return [
        Recurrence(
            person=people[person_id], first_intervention_on=firsts[person_id], later_incidents=len(later[person_id])
        )
        for person_id in people
        if person_id in firsts
    ]


def case_officer_choices(*, case: Case) -> QuerySet[Any]:
    """Users of the owning organisation who can work cases."""
    from safer.accounts.models import User

    return User.objects.filter(
        organisation_id=case.owner_organisation_id, is_active=True, role__in=["caseworker", "case_manager"]
    ).order_by("username")


def open_case_count(*, user: Any) -> int:
    """How many open cases the user may see."""
    return visible_cases(user).filter(status=CaseStatus.OPEN).count()


__all__ = [
    "CASE_SORTS",
    "CaseFilter",
    "CaseRow",
    "Recurrence",
    "case_get_for_user",
    "case_list_for_user",
    "case_page_for_user",
    "case_officer_choices",
    "case_recurrence",
    "case_rows_for_user",
    "incident_get_for_user",
    "incident_list_for_user",
    "open_case_count",
    "person_cases_for_user",
    "person_case_roles_for_user",
    "person_get_for_user",
    "person_search_for_user",
    "with_next_due",
]
