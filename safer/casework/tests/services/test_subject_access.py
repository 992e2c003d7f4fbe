"""services/subject_access.py: the export holds what the organisation can see about the person, nothing more."""

from __future__ import annotations

import json

import pytest

from safer.casework.choices import CaseworkAuditAction, PartyRole
from safer.casework.errors import CasePermissionError
from safer.casework.services import party_add, person_export
from safer.casework.services.subject_access import person_export_json, person_export_pdf
from safer.casework.tests.conftest import new_person, open_case, record_incident
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db


class TestPersonExport:
    def test_caseworker_cannot_export(self, world):
        person = new_person(world.caseworker)
        with pytest.raises(CasePermissionError, match="case managers"):
            person_export(actor=world.caseworker, person=person)

    def test_manager_of_other_organisation_cannot_export(self, world):
        person = new_person(world.caseworker)
        with pytest.raises(CasePermissionError):
            person_export(actor=world.housing_manager, person=person)

    def test_export_holds_own_cases_not_others(self, world):
        person = new_person(world.caseworker, first_name="Fictional", last_name="Subject", postcode="ox1 1aa")
        council_case = open_case(world.caseworker, incident=record_incident(world.caseworker, reporting_person=person))
        party_add(actor=world.caseworker, case=council_case, person=person, role=PartyRole.VICTIM)
        housing_case = open_case(world.housing_worker)
        # Housing cannot add the council's person: they are not visible to housing.
        data = person_export(actor=world.manager, person=person)
        assert data["person"]["last_name"] == "Subject" and data["person"]["postcode"] == "OX1 1AA"
        assert [c["reference"] for c in data["cases"]] == [council_case.reference]
        assert housing_case.reference not in json.dumps(data)
        assert len(data["incidents_reported"]) == 1
        assert json.loads(person_export_json(data))["cases"][0]["role"] == "Victim or complainant"
        assert person_export_pdf(data).startswith(b"%PDF-")
        assert AuditEvent.objects.filter(action=CaseworkAuditAction.PERSON_EXPORTED, target_id=str(person.pk)).exists()
