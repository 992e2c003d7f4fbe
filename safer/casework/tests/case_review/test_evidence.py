"""The automatic check against casework incidents and partner extracts, and potential case review alerts with
need-to-know (only organisations that may see the incidents are alerted)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from safer.casework.case_review.evidence import application_check, potential_case_reviews_for_user
from safer.casework.case_review.services import application_matching_update
from safer.casework.models import Incident
from safer.casework.tests.conftest import new_person, record_incident
from safer.intelligence import warehouse

pytestmark = pytest.mark.django_db


def _incident(actor: Any, person: Any, days: int, **extra: Any) -> Incident:
    incident = record_incident(
        actor, reporting_person=person, occurred_at=timezone.now() - timedelta(days=days), area="Cowley", **extra
    )
    Incident.objects.filter(pk=incident.pk).update(recorded_at=incident.occurred_at + timedelta(hours=2))
    return incident


def _extract_rows(rows: list[tuple[str, datetime, str, str]]) -> None:
    with warehouse.writer() as con:
        for n, (ref, when, pseudonym, agency) in enumerate(rows, start=1):
            con.execute(
                "INSERT INTO asb_incident (record_id, incident_ref, occurred_at, month, asb_category, asb_type, "
                "reporter_pseudonym, source_agency, import_id, synthetic) "
                "VALUES (?, ?, ?, ?, 'nuisance', 'Noise', ?, ?, 1, TRUE)",
                [n, ref, when, when.date().replace(day=1), pseudonym, agency],
            )


class TestApplicationCheck:
    def test_the_applicant_is_matched_by_email_and_one_incident_to_two_agencies_counts_once(self, world, submit):
        council_person = new_person(world.caseworker, first_name="Sam", email="SAM@example.org")
        police_person = new_person(world.police_worker, first_name="Sam", email="sam@example.org")
        first = _incident(world.caseworker, council_person, 30)
        twin = _incident(world.police_worker, police_person, 30)  # the same night, reported to the police too
        Incident.objects.filter(pk=twin.pk).update(occurred_at=first.occurred_at)
        _incident(world.caseworker, council_person, 10)
        application = submit()
        result = application_check(application)
        assert not result.met
        reasons = {f.complaint.ref: f.reason for f in result.findings}
        assert reasons[twin.reference].startswith(f"Same incident as {first.reference}")
        _incident(world.caseworker, council_person, 5)
        assert application_check(application).met

    def test_extract_incidents_count_through_the_pseudonyms_the_coordinator_gives(self, world, submit):
        application = submit(email="nobody@example.org")
        now = timezone.now()
        _extract_rows(
            [(f"EXT-{n}", now - timedelta(days=10 * n), "R-5f2a", "Test Housing") for n in (1, 2, 3)]
            + [("EXT-9", now - timedelta(days=5), "R-other", "Test Housing")]
        )
        assert not application_check(application).met
        application_matching_update(
            actor=world.manager, application=application, people=[], pseudonyms=["R-5f2a"], excluded={}
        )
        result = application_check(application)
        assert result.met and {f.complaint.ref for f in result.findings if f.counts} == {"EXT-1", "EXT-2", "EXT-3"}

    def test_the_coordinator_can_exclude_a_record_with_a_reason(self, world, submit):
        person = new_person(world.caseworker, email="sam@example.org")
        incidents = [_incident(world.caseworker, person, days) for days in (40, 20, 3)]
        application = submit()
        assert application_check(application).met
        application_matching_update(
            actor=world.manager,
            application=application,
            people=[],
            pseudonyms=[],
            excluded={incidents[0].reference: "A different problem"},
        )
        result = application_check(application)
        assert not result.met
        assert any("Excluded by the coordinator: A different problem" in f.reason for f in result.findings)


class TestPotentialCaseReviews:
    def test_alerts_only_for_organisations_that_may_see_the_incidents(self, world):
        person = new_person(world.caseworker, first_name="Una", last_name="Applied")
        for days in (50, 30, 10):
            _incident(world.caseworker, person, days)
        council_alerts = potential_case_reviews_for_user(world.caseworker)
        assert [(a.rule, a.person) for a in council_alerts] == [("one_person", person)]
        assert potential_case_reviews_for_user(world.housing_worker) == []
        assert potential_case_reviews_for_user(world.police_worker) == []  # not shared with the police

    def test_someone_who_has_applied_is_not_alerted_again(self, world, submit):
        person = new_person(world.caseworker, email="sam@example.org")
        for days in (50, 30, 10):
            _incident(world.caseworker, person, days)
        application = submit()
        application_matching_update(
            actor=world.manager, application=application, people=[person], pseudonyms=[], excluded={}
        )
        assert potential_case_reviews_for_user(world.caseworker) == []

    def test_extract_alerts_go_to_the_agency_that_supplied_them(self, world):
        now = timezone.now()
        _extract_rows([(f"EXT-{n}", now - timedelta(days=10 * n), "R-77", "Test Housing") for n in (1, 2, 3)])
        housing = potential_case_reviews_for_user(world.housing_worker)
        assert [(a.rule, a.pseudonym) for a in housing] == [("one_person", "R-77")]
        assert potential_case_reviews_for_user(world.caseworker) == []
