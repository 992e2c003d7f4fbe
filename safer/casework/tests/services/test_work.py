"""services/work.py, parties.py and sharing.py: tasks, notes, people and sharing between organisations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safer.casework.choices import PartyRole
from safer.casework.errors import CaseInputError, CaseNotFoundError, CasePermissionError, PersonNotFoundError
from safer.casework.selectors import visible_cases
from safer.casework.services import (
    case_share,
    case_share_withdraw,
    note_add,
    party_add,
    task_complete,
    task_create,
)
from safer.casework.tests.conftest import new_person, open_case

pytestmark = pytest.mark.django_db


class TestTaskCreate:
    def test_title_required(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="what needs doing"):
            task_create(
                actor=world.caseworker, case=case, title=" ", owner=world.caseworker, due_on=timezone.localdate()
            )

    def test_owner_in_organisation_without_access_is_refused(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="Share it with them first"):
            task_create(
                actor=world.caseworker,
                case=case,
                title="Visit",
                owner=world.housing_worker,
                due_on=timezone.localdate(),
            )

    def test_analyst_cannot_own_tasks(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="cannot work cases"):
            task_create(
                actor=world.caseworker, case=case, title="Visit", owner=world.analyst, due_on=timezone.localdate()
            )

    def test_partner_task_after_sharing_and_completion(self, world):
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        task = task_create(
            actor=world.caseworker,
            case=case,
            title="Patrol",
            owner=world.police_worker,
            due_on=timezone.localdate() + timedelta(days=1),
        )
        assert task.organisation == world.police
        with pytest.raises(CaseNotFoundError):
            task_complete(actor=world.housing_worker, task=task)
        task_complete(actor=world.police_worker, task=task)
        task.refresh_from_db()
        assert task.done_by == world.police_worker
        with pytest.raises(CaseInputError, match="already done"):
            task_complete(actor=world.police_worker, task=task)


class TestNoteAdd:
    def test_empty_note_refused(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError):
            note_add(actor=world.caseworker, case=case, text="")

    def test_not_shared_organisation_gets_not_found(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseNotFoundError):
            note_add(actor=world.housing_worker, case=case, text="hello")


class TestPartyAdd:
    def test_person_of_another_organisation_is_not_found(self, world):
        case = open_case(world.caseworker)
        stranger = new_person(world.housing_worker)
        with pytest.raises(PersonNotFoundError):
            party_add(actor=world.caseworker, case=case, person=stranger, role=PartyRole.WITNESS)

    def test_bad_role_is_named(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="'boss'"):
            party_add(actor=world.caseworker, case=case, person=new_person(world.caseworker), role="boss")

    def test_same_person_same_role_twice_is_refused(self, world):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker)
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.VICTIM)
        with pytest.raises(CaseInputError, match="already in"):
            party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.VICTIM)


class TestCaseShare:
    def test_cannot_share_with_owner(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="owns the case"):
            case_share(actor=world.caseworker, case=case, organisation=world.council)

    def test_share_twice_is_refused(self, world):
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        with pytest.raises(CaseInputError, match="already shared"):
            case_share(actor=world.caseworker, case=case, organisation=world.police)

    def test_partner_cannot_reshare(self, world):
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        with pytest.raises(CasePermissionError):
            case_share(actor=world.police_worker, case=case, organisation=world.housing)

    def test_share_then_withdraw_controls_visibility(self, world):
        case = open_case(world.caseworker)
        assert not visible_cases(world.police_worker).filter(pk=case.pk).exists()
        share = case_share(actor=world.caseworker, case=case, organisation=world.police)
        assert visible_cases(world.police_worker).filter(pk=case.pk).exists()
        assert not visible_cases(world.housing_worker).filter(pk=case.pk).exists()
        case_share_withdraw(actor=world.caseworker, share=share)
        assert not visible_cases(world.police_worker).filter(pk=case.pk).exists()
        case_share(actor=world.caseworker, case=case, organisation=world.police)  # can share again
        assert visible_cases(world.police_worker).filter(pk=case.pk).exists()
