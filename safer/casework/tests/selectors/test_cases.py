"""selectors/cases.py and work.py: need-to-know filtering of cases, people, tasks; timeline; recurrence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from safer.casework.choices import CaseOutcome, CaseworkAuditAction, PartyRole
from safer.casework.errors import CaseNotFoundError, PersonNotFoundError
from safer.casework.models import Case
from safer.casework.selectors import (
    CaseFilter,
    case_detail,
    case_get_for_user,
    case_list_for_user,
    case_page_for_user,
    case_recurrence,
    case_rows_for_user,
    case_timeline,
    person_cases_for_user,
    person_get_for_user,
    task_list_for_user,
)
from safer.casework.services import (
    case_close,
    case_escalate,
    case_link_incident,
    case_share,
    case_share_withdraw,
    note_add,
    party_add,
    task_create,
)
from safer.casework.tests.conftest import new_person, open_case, record_incident
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db


class TestCaseListForUser:
    def test_roles_without_casework_see_nothing(self, world):
        open_case(world.caseworker)
        assert list(case_list_for_user(user=world.analyst)) == []
        assert list(case_list_for_user(user=world.admin)) == []

    def test_own_and_shared_only(self, world):
        own = open_case(world.caseworker)
        police_own = open_case(world.police_worker)
        shared = open_case(world.housing_worker)
        case_share(actor=world.housing_worker, case=shared, organisation=world.council)
        assert {c.reference for c in case_list_for_user(user=world.caseworker)} == {own.reference, shared.reference}
        assert {c.reference for c in case_list_for_user(user=world.police_worker)} == {police_own.reference}

    def test_filters(self, world):
        mine = open_case(world.caseworker)
        theirs = open_case(world.manager)
        closed = open_case(world.caseworker)
        case_close(actor=world.caseworker, case=closed, version=closed.version, outcome=CaseOutcome.RESOLVED)
        assert {c.pk for c in case_list_for_user(user=world.caseworker, filters=CaseFilter(mine=True))} == {
            mine.pk,
            closed.pk,
        }
        assert {c.pk for c in case_list_for_user(user=world.caseworker, filters=CaseFilter(status="open"))} == {
            mine.pk,
            theirs.pk,
        }
        assert [c.pk for c in case_list_for_user(user=world.caseworker, filters=CaseFilter(q=theirs.reference))] == [
            theirs.pk
        ]


class TestCasePageForUser:
    """One page of the list in one query: the same cases, order and page numbers as Django's paginator gives."""

    def _expected(self, user, filters, number, per_page):
        return Paginator(case_list_for_user(user=user, filters=filters), per_page).get_page(number)

    def test_every_filter_and_page_matches_the_paginator(self, world):
        for _ in range(3):
            open_case(world.caseworker)
        for _ in range(2):
            open_case(world.manager)
        closed = open_case(world.caseworker)
        case_close(actor=world.caseworker, case=closed, version=closed.version, outcome=CaseOutcome.RESOLVED)
        shared = open_case(world.housing_worker)
        case_share(actor=world.housing_worker, case=shared, organisation=world.council)
        open_case(world.police_worker)  # not visible to the council
        for filters in (
            CaseFilter(),
            CaseFilter(status="open"),
            CaseFilter(mine=True),
            CaseFilter("closed", True),
            CaseFilter(q=shared.reference[:-1]),
        ):
            for number in (1, 2, 3, "2", "x", None, 99):
                got = case_page_for_user(user=world.caseworker, filters=filters, number=number, per_page=2)
                expected = self._expected(world.caseworker, filters, number, 2)
                assert [c.pk for c in got] == [c.pk for c in expected], (filters, number)
                assert (got.number, got.paginator.count, got.paginator.num_pages) == (
                    expected.number,
                    expected.paginator.count,
                    expected.paginator.num_pages,
                ), (filters, number)
                assert (got.has_next(), got.has_previous()) == (expected.has_next(), expected.has_previous())

    def test_one_query_with_what_each_row_shows(self, world, django_assert_num_queries):
        first, second = open_case(world.caseworker), open_case(world.caseworker)
        Case.objects.filter(pk=second.pk).update(risk_level="high", stage=2, summary="Noise")
        task_create(actor=world.caseworker, case=second, title="Visit", owner=world.caseworker, due_on=date(2027, 1, 5))
        with django_assert_num_queries(1):
            page = case_page_for_user(user=world.caseworker, filters=CaseFilter(status="open", mine=True))
            assert page.paginator.count == 2
            rows = {row.pk: row for row in page}
        for case in (first, second):
            case = Case.objects.select_related("owner_organisation", "officer").get(pk=case.pk)
            row = rows[case.pk]
            assert (row.reference, row.summary, row.status, row.risk_level, row.stage) == (
                case.reference,
                case.summary,
                case.status,
                case.risk_level,
                case.stage,
            )
            assert (row.opened_at, row.response_due_at, row.first_contact_at) == (
                case.opened_at,
                case.response_due_at,
                case.first_contact_at,
            )
            assert row.owner_name == case.owner_organisation.name == "Test Council"
            assert row.officer_name == case.officer.display_name
            assert row.is_open and row.get_status_display() == case.get_status_display() == "Open"
        assert rows[second.pk].next_due == date(2027, 1, 5) and rows[first.pk].next_due is None

    def test_a_case_without_an_officer_and_the_home_pages_rows(self, world):
        unassigned, mine = open_case(world.caseworker), open_case(world.caseworker)
        Case.objects.filter(pk=unassigned.pk).update(officer=None)
        page = case_page_for_user(user=world.caseworker, filters=CaseFilter(q=unassigned.reference))
        assert [(row.pk, row.officer_name) for row in page] == [(unassigned.pk, "")]
        rows = case_rows_for_user(user=world.caseworker, filters=CaseFilter(status="open", mine=True), limit=20)
        assert [row.pk for row in rows] == [mine.pk]
        assert case_rows_for_user(user=world.analyst, filters=CaseFilter(), limit=20) == []

    def test_search_and_roles_without_casework(self, world):
        wanted = open_case(world.caseworker)
        open_case(world.caseworker)
        page = case_page_for_user(user=world.caseworker, filters=CaseFilter(q=wanted.reference))
        assert [c.pk for c in page] == [wanted.pk] and page.paginator.count == 1
        page = case_page_for_user(user=world.analyst, filters=CaseFilter())
        assert list(page) == [] and page.paginator.count == 0


class TestCaseGetForUser:
    def test_not_shared_is_not_found_and_not_audited(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseNotFoundError):
            case_get_for_user(user=world.housing_worker, reference=case.reference)
        assert not AuditEvent.objects.filter(action=CaseworkAuditAction.CASE_VIEWED).exists()

    def test_withdrawn_share_is_not_found(self, world):
        case = open_case(world.caseworker)
        share = case_share(actor=world.caseworker, case=case, organisation=world.police)
        assert case_get_for_user(user=world.police_worker, reference=case.reference.lower()) == case
        case_share_withdraw(actor=world.caseworker, share=share)
        with pytest.raises(CaseNotFoundError):
            case_get_for_user(user=world.police_worker, reference=case.reference)

    def test_owners_case_in_one_query_a_shared_one_in_two_others_none(self, world, django_assert_num_queries):
        """The owner's own cases are looked up first; any other reference goes through the whole need-to-know filter."""
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        with django_assert_num_queries(1):
            assert case_get_for_user(user=world.caseworker, reference=case.reference, audit=False) == case
        with django_assert_num_queries(2):
            assert case_get_for_user(user=world.police_worker, reference=case.reference, audit=False) == case
        for outsider in (world.housing_worker, world.analyst):  # another organisation; a role without casework
            with pytest.raises(CaseNotFoundError):
                case_get_for_user(user=outsider, reference=case.reference, audit=False)

    def test_view_is_audited_with_actor(self, world):
        case = open_case(world.caseworker)
        case_get_for_user(user=world.manager, reference=case.reference)
        event = AuditEvent.objects.get(action=CaseworkAuditAction.CASE_VIEWED)
        assert event.actor == world.manager and event.target_label == case.reference


class TestPeople:
    def test_person_cases_hide_cases_the_user_cannot_see(self, world):
        person = new_person(world.caseworker)
        council_case = open_case(world.caseworker)
        party_add(actor=world.caseworker, case=council_case, person=person, role=PartyRole.PERPETRATOR)
        police_case = open_case(world.police_worker)
        case_share(actor=world.caseworker, case=council_case, organisation=world.police)
        party_add(actor=world.police_worker, case=police_case, person=person, role=PartyRole.PERPETRATOR)
        seen_by_police = {p.case.pk for p in person_cases_for_user(user=world.police_worker, person=person)}
        assert seen_by_police == {police_case.pk, council_case.pk}
        assert [p.case for p in person_cases_for_user(user=world.caseworker, person=person)] == [council_case]

    def test_person_not_visible_is_not_found(self, world):
        person = new_person(world.caseworker)
        with pytest.raises(PersonNotFoundError):
            person_get_for_user(user=world.housing_worker, public_id=person.public_id)
        with pytest.raises(PersonNotFoundError):
            person_get_for_user(user=world.caseworker, public_id="not-a-uuid")


class TestTaskListForUser:
    def test_overdue_and_hidden_after_share_withdrawn(self, world):
        today = timezone.localdate()
        case = open_case(world.caseworker, opened_at=timezone.now() - timedelta(days=10))
        share = case_share(actor=world.caseworker, case=case, organisation=world.police)
        late = task_create(
            actor=world.caseworker, case=case, title="Late", owner=world.police_worker, due_on=today - timedelta(days=1)
        )
        soon = task_create(
            actor=world.caseworker, case=case, title="Soon", owner=world.police_worker, due_on=today + timedelta(days=1)
        )
        task_create(actor=world.caseworker, case=case, title="Not mine", owner=world.caseworker, due_on=today)
        assert list(task_list_for_user(user=world.police_worker, today=today)) == [late, soon]
        assert list(task_list_for_user(user=world.police_worker, overdue_only=True, today=today)) == [late]
        case_share_withdraw(actor=world.caseworker, share=share)
        assert list(task_list_for_user(user=world.police_worker, today=today)) == []


class TestCaseTimelineAndRecurrence:
    def test_timeline_is_newest_first_with_incidents(self, world):
        incident = record_incident(world.caseworker, occurred_at=timezone.now() - timedelta(days=5))
        case = open_case(world.caseworker, incident=incident)
        task_create(
            actor=world.caseworker,
            case=case,
            title="Visit",
            owner=world.caseworker,
            due_on=timezone.localdate() + timedelta(days=1),
        )
        entries = case_timeline(case=case)
        assert [e.title for e in entries] == ["Task set", "Case opened", f"Incident {incident.reference} happened"]
        assert entries == sorted(entries, key=lambda e: e.at, reverse=True)

    def test_recurrence_after_first_intervention(self, world):
        case = open_case(
            world.caseworker,
            incident=record_incident(world.caseworker, occurred_at=timezone.now() - timedelta(days=30)),
        )
        person = new_person(world.caseworker)
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        case_escalate(
            actor=world.caseworker,
            case=case,
            version=case.version,
            stage=1,
            occurred_on=timezone.localdate() - timedelta(days=20),
        )
        [before] = case_recurrence(case=case)
        assert before.person == person and not before.recurred
        # A new incident on ANOTHER case naming the same alleged perpetrator counts too.
        other = open_case(
            world.caseworker, incident=record_incident(world.caseworker, occurred_at=timezone.now() - timedelta(days=2))
        )
        party_add(actor=world.caseworker, case=other, person=person, role=PartyRole.PERPETRATOR)
        case_link_incident(actor=world.caseworker, case=other, incident=record_incident(world.caseworker))
        [after] = case_recurrence(case=case)
        assert after.recurred and after.later_incidents == 2
        assert after.first_intervention_on == timezone.localdate() - timedelta(days=20)

    def test_recurrence_per_perpetrator_in_two_queries(self, world, django_assert_num_queries):
        """Each perpetrator is measured from their own first intervention (on any case); victims are not measured."""
        today, now = timezone.localdate(), timezone.now()
        w = world.caseworker
        a = open_case(w, incident=record_incident(w, occurred_at=now - timedelta(days=60)))
        b = open_case(w, incident=record_incident(w, occurred_at=now - timedelta(days=55)))
        p, q, victim = (new_person(w) for _ in range(3))
        for case, person, role in (
            (a, p, PartyRole.PERPETRATOR),
            (a, q, PartyRole.PERPETRATOR),
            (a, victim, PartyRole.VICTIM),
            (b, p, PartyRole.PERPETRATOR),
        ):
            party_add(actor=w, case=case, person=person, role=role)
        for case, days in ((b, 50), (a, 40)):
            case.refresh_from_db()
            case_escalate(actor=w, case=case, version=case.version, stage=1, occurred_on=today - timedelta(days=days))
        case_link_incident(actor=w, case=b, incident=record_incident(w, occurred_at=now - timedelta(days=45)))
        case_link_incident(actor=w, case=a, incident=record_incident(w, occurred_at=now - timedelta(days=30)))
        parties = list(a.parties.select_related("person"))
        with django_assert_num_queries(2):
            result = {r.person: r for r in case_recurrence(case=a, parties=parties)}
        assert set(result) == {p, q}
        # p: first intervention day -50 (case b); later incidents: b's day -45 and a's day -30.
        assert (result[p].first_intervention_on, result[p].later_incidents) == (today - timedelta(days=50), 2)
        # q: first intervention day -40 (case a); later: a's day -30 only (b does not name q).
        assert (result[q].first_intervention_on, result[q].later_incidents) == (today - timedelta(days=40), 1)
        assert case_recurrence(case=a) == case_recurrence(case=a, parties=parties)
        with django_assert_num_queries(0):
            assert case_recurrence(case=a, parties=[x for x in parties if x.role == PartyRole.VICTIM]) == []


class TestCaseDetail:
    def test_lists_come_in_the_order_the_database_gives_them_ties_included(self, world):
        """case_detail sorts each list in Python; the order is what ORDER BY gives (ties broken by id)."""
        from safer.casework.models import Incident, Note, Task

        w = world.caseworker
        now, today = timezone.now(), timezone.localdate()
        case = open_case(w, incident=record_incident(w, occurred_at=now - timedelta(days=3)))
        for days in (1, 3, 2):  # a second incident at the same moment as the first: a tie
            case_link_incident(actor=w, case=case, incident=record_incident(w, occurred_at=now - timedelta(days=days)))
        for role, name in ((PartyRole.WITNESS, "W"), (PartyRole.PERPETRATOR, "P"), (PartyRole.VICTIM, "V")):
            party_add(actor=w, case=case, person=new_person(w, first_name=name), role=role)
        for title, days in (("later", 5), ("sooner", 1), ("same day", 5)):
            task_create(actor=w, case=case, title=title, owner=w, due_on=today + timedelta(days=days))
        for text in ("first", "second", "third"):
            note_add(actor=w, case=case, text=text)
        Note.objects.filter(case=case, text__in=["first", "third"]).update(created_at=now - timedelta(hours=1))
        case.refresh_from_db()
        case_escalate(actor=w, case=case, version=case.version, stage=1, occurred_on=today - timedelta(days=1))
        case.refresh_from_db()

        detail = case_detail(case=case)
        parties = case.parties.order_by("role", "id").values_list("pk", flat=True)
        assert [p.pk for p in detail["parties"]] == list(parties)
        assert [i.pk for i in detail["incidents"]] == list(
            Incident.objects.filter(case_links__case=case).order_by("occurred_at", "id").values_list("pk", flat=True)
        )
        assert [t.title for t in detail["tasks"]] == ["sooner", "later", "same day"]
        assert [t.pk for t in detail["tasks"]] == list(Task.objects.filter(case=case).values_list("pk", flat=True))
        assert [n.text for n in detail["notes"]] == ["second", "third", "first"]
        assert [n.pk for n in detail["notes"]] == list(Note.objects.filter(case=case).values_list("pk", flat=True))
        assert [i.pk for i in detail["interventions"]] == list(case.interventions.values_list("pk", flat=True))
        assert len(detail["interventions"]) == 1

    def test_every_list_equals_what_the_orm_reads_and_needs_no_further_query(self, world, django_assert_num_queries):
        """The lists read with the cursor (selectors/case_page.py) hold the ORM's values, relations included."""
        from safer.casework.choices import HateStrand
        from safer.casework.models import (
            Breach,
            CaseParty,
            Incident,
            Intervention,
            Letter,
            Note,
            RiskAssessment,
            Task,
        )
        from safer.casework.selectors import case_page

        w, now, today = world.caseworker, timezone.now(), timezone.localdate()
        hate = record_incident(w, hate_motivated=True, hate_strand=HateStrand.RACE, occurred_at=now - timedelta(days=9))
        case = open_case(w, incident=hate)
        case_link_incident(actor=w, case=case, incident=record_incident(world.manager))
        victim = new_person(w, first_name="Vee", last_name="", vulnerability_notes="Lives alone")
        perpetrator = new_person(w, first_name="Pat", last_name="Smith", address="1 High Street")
        party_add(actor=w, case=case, person=victim, role=PartyRole.VICTIM)
        party_add(actor=w, case=case, person=perpetrator, role=PartyRole.PERPETRATOR)
        task_create(actor=w, case=case, title="Visit", owner=w, due_on=today)
        done = task_create(actor=w, case=case, title="Call", owner=world.manager, due_on=today + timedelta(days=2))
        Task.objects.filter(pk=done.pk).update(done_at=now, done_by=world.manager)
        note_add(actor=w, case=case, text="Line one\nline two")
        case.refresh_from_db()
        case_escalate(actor=w, case=case, version=case.version, stage=1, person=perpetrator, occurred_on=today)
        case.refresh_from_db()
        case_escalate(actor=w, case=case, version=case.version, stage=2, skipped_reason="No one named")
        first = Intervention.objects.filter(case=case).order_by("id").first()
        Breach.objects.create(case=case, intervention=first, occurred_on=today, description="Again", recorded_by=w)
        Letter.objects.create(case=case, intervention=first, recipient=perpetrator, template="warning", created_by=w)
        Letter.objects.create(case=case, template="warning", status="failed", created_by=w)
        RiskAssessment.objects.create(
            case=case,
            questionnaire="asb",
            score=7,
            level="medium",
            response_due_at=now,
            completed_by=w,
            completed_at=now,
        )
        Case.objects.filter(pk=case.pk).update(risk_level="medium")
        case.refresh_from_db()

        detail = case_detail(case=case)
        orm = {
            "parties": (CaseParty.objects.filter(case=case).select_related("person"), ("person",)),
            "incidents": (
                Incident.objects.filter(case_links__case=case)
                .select_related("receiving_organisation")
                .order_by("occurred_at", "id"),
                ("receiving_organisation",),
            ),
            "interventions": (Intervention.objects.filter(case=case).select_related("person"), ("person",)),
            "breaches": (Breach.objects.filter(case=case), ()),
            "letters": (Letter.objects.filter(case=case).select_related("recipient"), ("recipient",)),
            "tasks": (
                Task.objects.filter(case=case).select_related("owner", "organisation"),
                ("owner", "organisation"),
            ),
            "notes": (Note.objects.filter(case=case).select_related("author"), ("author",)),
            "risk_assessments": (RiskAssessment.objects.filter(case=case), ()),
        }
        parts = {name: declared.parts for name, declared in case_page.LISTS.items()}
        assert set(parts) == set(orm)
        lengths = {name: len(detail[name]) for name in orm}
        assert lengths == {
            "parties": 2,
            "incidents": 2,
            "interventions": 2,
            "breaches": 1,
            "letters": 2,
            "tasks": 2,
            "notes": 1,
            "risk_assessments": 1,
        }

        def values(row, columns):
            return None if row is None else {name: getattr(row, name) for name in columns.names}

        def described(name, rows, relations):
            """Each row's values of the fields the page reads, then those of each related row."""
            first, *joined = parts[name]
            return [
                [values(row, first)]
                + [values(getattr(row, relation), columns) for relation, columns in zip(relations, joined, strict=True)]
                for row in rows
            ]

        expected = {name: described(name, queryset, relations) for name, (queryset, relations) in orm.items()}
        with django_assert_num_queries(0):  # every field named is loaded, every relation attached
            got = {name: described(name, detail[name], relations) for name, (_queryset, relations) in orm.items()}
            assert all(row.case is case for name in orm if name != "incidents" for row in detail[name])
        assert got == expected
        # Spot checks of what the conversion must give on both databases.
        assert isinstance(detail["parties"][0].person.public_id, type(victim.public_id))
        assert detail["incidents"][0].hate_motivated is True and timezone.is_aware(detail["incidents"][0].occurred_at)
        assert [i.person for i in detail["interventions"]][1] is None  # LEFT JOIN: no one named
        assert {letter.recipient is None for letter in detail["letters"]} == {True, False}
