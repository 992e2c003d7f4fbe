"""services/risk.py: the risk assessment sets level and deadline; the questionnaire scores as documented."""

from __future__ import annotations

from datetime import datetime

import pytest

from safer.casework.choices import PartyRole, RiskLevel
from safer.casework.deadlines import LONDON
from safer.casework.errors import CaseInputError, CasePermissionError
from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE, risk_score
from safer.casework.services import case_share, party_add, risk_assessment_complete
from safer.casework.services.questionnaire import risk_questionnaire_customise
from safer.casework.tests.conftest import new_person, open_case

pytestmark = pytest.mark.django_db

ALL_NO = {q.code: False for q in DEFAULT_QUESTIONNAIRE.questions}


class TestRiskScore:
    def test_unanswered_question_is_named(self):
        answers = dict(ALL_NO)
        del answers["fear"]
        with pytest.raises(ValueError, match="fear"):
            risk_score(DEFAULT_QUESTIONNAIRE, answers)

    def test_levels_follow_weights(self):
        assert risk_score(DEFAULT_QUESTIONNAIRE, ALL_NO) == (0, "standard")
        # repeat (3) + fear (2) = 5 -> medium (from 4)
        assert risk_score(DEFAULT_QUESTIONNAIRE, {**ALL_NO, "repeat": True, "fear": True}) == (5, "medium")
        # repeat 3 + hate 3 + health 2 = 8 -> high (from 8)
        assert risk_score(DEFAULT_QUESTIONNAIRE, {**ALL_NO, "repeat": True, "hate": True, "health": True}) == (
            8,
            "high",
        )


class TestRiskAssessmentComplete:
    def test_answers_must_be_complete(self, world):
        case = open_case(world.caseworker)
        with pytest.raises(CaseInputError, match="Answer every question"):
            risk_assessment_complete(actor=world.caseworker, case=case, answers={"repeat": True})

    def test_victim_must_be_a_victim_party(self, world):
        case = open_case(world.caseworker)
        person = new_person(world.caseworker)
        with pytest.raises(CaseInputError, match="victim"):
            risk_assessment_complete(actor=world.caseworker, case=case, answers=ALL_NO, victim=person)

    def test_partner_cannot_assess(self, world):
        case = open_case(world.caseworker)
        case_share(actor=world.caseworker, case=case, organisation=world.police)
        with pytest.raises(CasePermissionError):
            risk_assessment_complete(actor=world.police_worker, case=case, answers=ALL_NO)

    def test_sets_level_and_working_day_deadline_from_opening(self, world):
        opened = datetime(2026, 12, 24, 10, 0, tzinfo=LONDON)
        case = open_case(world.caseworker, opened_at=opened)
        victim = new_person(world.caseworker)
        party_add(actor=world.caseworker, case=case, person=victim, role=PartyRole.VICTIM)
        answers = {**ALL_NO, "repeat": True, "fear": True}
        assessment = risk_assessment_complete(actor=world.caseworker, case=case, answers=answers, victim=victim)
        case.refresh_from_db()
        assert assessment.level == case.risk_level == RiskLevel.MEDIUM and assessment.score == 5
        # Three working days after Christmas Eve 2026: 29, 30, 31 December (25 and 28 are bank holidays).
        assert case.response_due_at == datetime(2026, 12, 31, 10, 0, tzinfo=LONDON)
        assert case.version == 2

    def test_high_risk_deadline_is_24_hours(self, world):
        opened = datetime(2026, 12, 24, 10, 0, tzinfo=LONDON)
        case = open_case(world.caseworker, opened_at=opened)
        answers = {q.code: True for q in DEFAULT_QUESTIONNAIRE.questions}
        risk_assessment_complete(actor=world.caseworker, case=case, answers=answers)
        case.refresh_from_db()
        assert case.risk_level == RiskLevel.HIGH
        assert case.response_due_at == datetime(2026, 12, 25, 10, 0, tzinfo=LONDON)


class TestRiskAssessmentWithConfiguredQuestionnaire:
    def test_configured_questions_and_thresholds_are_used_and_recorded(self, world):
        from safer.casework.services.questionnaire import risk_question_add, risk_thresholds_update

        risk_questionnaire_customise(actor=world.admin)
        risk_question_add(actor=world.admin, code="night", text="Does it happen at night?", hint="", weight=5, order=1)
        risk_thresholds_update(actor=world.admin, name="oxford-2027", medium_from=5, high_from=12)
        case = open_case(world.caseworker)
        assessment = risk_assessment_complete(actor=world.caseworker, case=case, answers={**ALL_NO, "night": True})
        assert (assessment.score, assessment.level) == (5, RiskLevel.MEDIUM)
        assert assessment.questionnaire == "oxford-2027-v3"
        assert (assessment.medium_from, assessment.high_from) == (5, 12)
        assert assessment.questions[0] == {"code": "night", "text": "Does it happen at night?", "hint": "", "weight": 5}
        with pytest.raises(CaseInputError, match="night"):
            risk_assessment_complete(actor=world.caseworker, case=case, answers=ALL_NO)

    def test_old_assessment_keeps_the_questions_it_was_asked(self, world):
        from safer.casework.models import RiskAssessment, RiskQuestion
        from safer.casework.services.questionnaire import risk_question_update

        case = open_case(world.caseworker)
        before = risk_assessment_complete(actor=world.caseworker, case=case, answers={**ALL_NO, "fear": True})
        asked = RiskAssessment.objects.get(pk=before.pk).answered_questions
        risk_questionnaire_customise(actor=world.admin)
        fear = RiskQuestion.objects.get(code="fear")
        risk_question_update(
            actor=world.admin, question=fear, text="Reworded", hint="New hint", weight=9, order=1, active=False
        )
        after = RiskAssessment.objects.get(pk=before.pk)
        assert after.answered_questions == asked
        fear_row = next(q for q in after.answered_questions if q["code"] == "fear")
        assert fear_row == {
            "code": "fear",
            "text": "Is the victim frightened of what may happen next?",
            "hint": "",
            "weight": 2,
            "answer": True,
        }
        assert (after.questionnaire, after.medium_from, after.high_from) == ("default-2026", 4, 8)
