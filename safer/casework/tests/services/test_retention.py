"""services/retention.py and `safer anonymise-cases`: closed cases past the retention period lose personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from safer.casework.choices import CaseOutcome, PartyRole
from safer.casework.models import Case, Note, Person
from safer.casework.services import (
    case_close,
    case_escalate,
    case_open,
    case_share,
    cases_anonymise_due,
    note_add,
    party_add,
)
from safer.casework.services.retention import REMOVED
from safer.casework.tests.conftest import new_person, open_case, record_incident

pytestmark = pytest.mark.django_db


def _closed_case(world, *, years_ago: float, person=None):
    opened = timezone.now() - timedelta(days=int(365.25 * years_ago) + 30)
    case = open_case(world.caseworker, opened_at=opened)
    if person is not None:
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
    note_add(actor=world.caseworker, case=case, text="Visited Fictional Person at home")
    case_share(actor=world.caseworker, case=case, organisation=world.police, reason="Fictional Person known to police")
    case.refresh_from_db()
    case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, action="Letter to Fictional Person")
    case.refresh_from_db()
    return case_close(
        actor=world.caseworker,
        case=case,
        version=case.version,
        outcome=CaseOutcome.RESOLVED,
        closed_at=timezone.now() - timedelta(days=int(365.25 * years_ago)),
    )


class TestCasesAnonymiseDue:
    def test_retention_below_one_year_is_refused(self, world):
        with pytest.raises(ValueError, match="at least 1 year"):
            cases_anonymise_due(years=0)

    def test_only_cases_closed_beyond_the_period_are_anonymised(self, world, settings):
        settings.SAFER_CASE_RETENTION_YEARS = 6
        old_person, recent_person = new_person(world.caseworker, "Old"), new_person(world.caseworker, "Recent")
        old = _closed_case(world, years_ago=6.2, person=old_person)
        recent = _closed_case(world, years_ago=5.5, person=recent_person)
        still_open = open_case(world.caseworker)
        assert cases_anonymise_due() == [old.reference]
        old.refresh_from_db()
        recent.refresh_from_db()
        old_person.refresh_from_db()
        assert old.anonymised_at is not None and recent.anonymised_at is None
        assert old.stage == 1 and old.outcome == CaseOutcome.RESOLVED  # figures kept
        assert old_person.first_name == "Anonymised" and old_person.anonymised_at is not None
        assert Person.objects.get(pk=recent_person.pk).first_name == "Recent"
        assert Note.objects.get(case=old).text == REMOVED
        assert old.interventions.get().action == old.interventions.get().stage_name
        assert old.shares.get().reason == ""
        incident = old.case_incidents.get().incident
        assert incident.description == REMOVED and incident.latitude is None
        assert Case.objects.get(pk=still_open.pk).anonymised_at is None
        assert cases_anonymise_due() == []  # idempotent

    def test_person_in_a_live_case_is_kept(self, world):
        person = new_person(world.caseworker, "Shared")
        _closed_case(world, years_ago=7, person=person)
        live = case_open(actor=world.caseworker, incidents=[record_incident(world.caseworker)])
        party_add(actor=world.caseworker, case=live, person=person, role=PartyRole.PERPETRATOR)
        cases_anonymise_due(years=6)
        person.refresh_from_db()
        assert person.first_name == "Shared" and person.anonymised_at is None


class TestAnonymiseCasesCommand:
    def test_bad_years_is_a_command_error(self, world):
        with pytest.raises(CommandError, match="--years must be 1 or more"):
            call_command("anonymise-cases", "--years", "0")

    def test_dry_run_changes_nothing_then_run_anonymises(self, world, capsys):
        case = _closed_case(world, years_ago=3)
        call_command("anonymise-cases", "--years", "2", "--dry-run")
        assert case.reference in capsys.readouterr().out
        assert Case.objects.get(pk=case.pk).anonymised_at is None
        call_command("anonymise-cases", "--years", "2")
        assert "Anonymised 1 case" in capsys.readouterr().out
        assert Case.objects.get(pk=case.pk).anonymised_at is not None
