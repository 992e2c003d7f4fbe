"""services/escalation.py: the ladder is climbed in order unless a skip is justified; breaches; letters."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from docx import Document

from safer.casework.choices import LetterStatus, PartyRole
from safer.casework.errors import (
    CaseConflictError,
    CaseInputError,
    EnforcementNotConfirmedError,
    LetterRecipientMissingError,
    StageSkipReasonMissingError,
)
from safer.casework.models import Intervention, LadderStage
from safer.casework.services import breach_record, case_escalate, letter_generate, party_add
from safer.casework.tests.conftest import new_person, open_case

pytestmark = pytest.mark.django_db


class TestCaseEscalate:
    def test_skipping_a_stage_without_reason_is_refused(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(StageSkipReasonMissingError, match="skips stage 1"):
            case_escalate(actor=world.caseworker, case=case, version=case.version, stage=2)
        case.refresh_from_db()
        assert case.stage == 0 and not Intervention.objects.exists()

    def test_unknown_stage_is_refused(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="no stage 5"):
            case_escalate(actor=world.caseworker, case=case, version=case.version, stage=5)

    def test_going_down_is_refused(self, world):
        case = open_case(world.caseworker)
        case = case_escalate(actor=world.caseworker, case=case, version=1, stage=1).case
        case.refresh_from_db()
        case_escalate(actor=world.caseworker, case=case, version=case.version, stage=2)
        case.refresh_from_db()
        with pytest.raises(CaseInputError, match="at stage 2"):
            case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1)

    def test_enforcement_stage_without_confirmation_is_refused(self, world):
        case = open_case(world.caseworker)
        for stage in (1, 2):
            case_escalate(actor=world.caseworker, case=case, version=case.version, stage=stage)
            case.refresh_from_db()
        with pytest.raises(EnforcementNotConfirmedError, match="Stage 3 .* enforcement stage"):
            case_escalate(actor=world.caseworker, case=case, version=case.version, stage=3, action="CPW served")
        case.refresh_from_db()
        assert case.stage == 2 and Intervention.objects.filter(case=case).count() == 2

    def test_confirmed_enforcement_is_recorded(self, world):
        case = open_case(world.caseworker)
        for stage in (1, 2):
            case_escalate(actor=world.caseworker, case=case, version=case.version, stage=stage)
            case.refresh_from_db()
        intervention = case_escalate(
            actor=world.caseworker, case=case, version=case.version, stage=3, confirm_enforcement=True
        )
        assert intervention.stage == 3

    def test_stale_version_conflicts(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseConflictError):
            case_escalate(actor=world.caseworker, case=case, version=case.version + 5, stage=1)

    def test_skip_with_reason_is_recorded(self, world):
        case = open_case(world.caseworker)
        intervention = case_escalate(
            actor=world.caseworker,
            case=case,
            version=1,
            stage=3,
            skipped_reason="Serious violence; warning pointless",
            confirm_enforcement=True,
        )
        case.refresh_from_db()
        assert case.stage == 3 and intervention.from_stage == 0
        assert intervention.stage_name.startswith("Community Protection Warning")
        assert "stage skipped" in case.events.first().detail

    def test_database_refuses_unexplained_skip(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(IntegrityError), transaction.atomic():
            Intervention.objects.create(
                case=case,
                stage=3,
                from_stage=1,
                stage_name="x",
                action="x",
                occurred_on=timezone.localdate(),
                recorded_by=world.caseworker,
            )

    def test_configured_ladder_replaces_defaults(self, world):
        LadderStage.objects.create(number=1, name="Informal visit", letter_template="warning")
        case = open_case(world.caseworker)
        assert case_escalate(actor=world.caseworker, case=case, version=1, stage=1).stage_name == "Informal visit"


class TestBreachRecord:
    def test_breach_before_any_intervention_is_refused(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="no intervention yet") as error:
            breach_record(actor=world.caseworker, case=case, occurred_on=timezone.localdate(), description="Music")
        assert error.value.field == "intervention"
        assert not case.breaches.exists()

    def test_future_breach_is_refused(self, world):
        case = open_case(world.caseworker)
        case_escalate(actor=world.caseworker, case=case, version=1, stage=1)
        case.refresh_from_db()
        with pytest.raises(CaseInputError, match="future"):
            breach_record(
                actor=world.caseworker, case=case, occurred_on=timezone.localdate() + timedelta(days=2), description="x"
            )

    def test_records_breach(self, world):
        case = open_case(world.caseworker)
        case_escalate(actor=world.caseworker, case=case, version=1, stage=1)
        case.refresh_from_db()
        breach = breach_record(actor=world.caseworker, case=case, occurred_on=timezone.localdate(), description="Music")
        assert breach.case == case and case.events.first().kind == "breach"


class TestLetterGenerate:
    def test_unknown_template_is_refused(self, world):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker, address="2 Example Street")
        intervention = case_escalate(actor=world.caseworker, case=case, version=1, stage=1)
        with pytest.raises(CaseInputError, match="'nope'"):
            letter_generate(
                actor=world.caseworker, case=case, intervention=intervention, recipient=person, template="nope"
            )

    def test_intervention_naming_no_one_gets_no_letter(self, world):
        case = open_case(world.caseworker)
        intervention = case_escalate(actor=world.caseworker, case=case, version=1, stage=1)
        with pytest.raises(LetterRecipientMissingError, match="names no one.*Add the alleged perpetrator"):
            letter_generate(actor=world.caseworker, case=case, intervention=intervention)
        assert not intervention.letters.exists()

    def test_person_without_address_gets_no_letter(self, world):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker)
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        intervention = case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, person=person)
        with pytest.raises(LetterRecipientMissingError, match="no address recorded") as caught:
            letter_generate(actor=world.caseworker, case=case, intervention=intervention)
        assert "Test" not in caught.value.message  # no personal data in the message

    def test_letter_is_produced_after_commit_as_docx_and_pdf(self, world, django_capture_on_commit_callbacks):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker, first_name="Fictional", last_name="Neighbour", address="2 Example Street")
        party_add(actor=world.caseworker, case=case, person=person, role=PartyRole.PERPETRATOR)
        case.refresh_from_db()
        intervention = case_escalate(actor=world.caseworker, case=case, version=case.version, stage=1, person=person)
        with django_capture_on_commit_callbacks(execute=True):
            letter = letter_generate(actor=world.caseworker, case=case, intervention=intervention)
        letter.refresh_from_db()
        assert letter.status == LetterStatus.READY and letter.template == "warning"
        text = "\n".join(p.text for p in Document(io.BytesIO(letter.docx_file.read())).paragraphs)
        assert "Fictional Neighbour" in text and case.reference in text and "noise" in text
        assert letter.pdf_file.read(5) == b"%PDF-"


class TestLadderCache:
    def test_saved_stage_applies_at_once_and_cache_serves_the_rest(self, django_assert_num_queries):
        from safer.casework import ladder

        assert ladder.ladder_stages() == ladder.DEFAULT_LADDER
        with django_assert_num_queries(0):
            assert ladder.ladder_stages() == ladder.DEFAULT_LADDER
        stage = LadderStage.objects.create(number=1, name="Informal visit", letter_template="warning")
        assert [s.name for s in ladder.ladder_stages()] == ["Informal visit"]
        stage.delete()
        assert ladder.ladder_stages() == ladder.DEFAULT_LADDER

    def test_cached_copy_expires(self, monkeypatch):
        from safer.casework import ladder

        ladder.ladder_stages()
        LadderStage.objects.bulk_create([LadderStage(number=1, name="Visit", letter_template="warning")])  # no signal
        assert ladder.ladder_stages() == ladder.DEFAULT_LADDER  # another process's change: not seen yet
        later = ladder.time.monotonic() + ladder.LADDER_CACHE_SECONDS + 1
        monkeypatch.setattr(ladder.time, "monotonic", lambda: later)
        assert [s.name for s in ladder.ladder_stages()] == ["Visit"]
