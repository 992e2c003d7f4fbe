"""questionnaire.py: which questionnaire is in use, and what makes one unusable."""

from __future__ import annotations

import pytest

from safer.casework.models import RiskQuestion, RiskQuestionnaireSettings
from safer.casework.questionnaire import (
    DEFAULT_QUESTIONNAIRE,
    Question,
    Questionnaire,
    questionnaire_current,
    questionnaire_problems,
)


def _questionnaire(*questions: Question, medium_from: int = 2, high_from: int = 4) -> Questionnaire:
    return Questionnaire(name="test", questions=questions, medium_from=medium_from, high_from=high_from)


A, B = Question("a", "Question A?", 2), Question("b", "Question B?", 3)


class TestQuestionnaireProblems:
    def test_no_questions(self):
        assert questionnaire_problems(_questionnaire()) == ["The questionnaire needs at least one active question."]

    def test_repeated_code(self):
        problems = questionnaire_problems(_questionnaire(A, Question("a", "Again?", 3)))
        assert problems == ["Question codes must be different: a is used more than once."]

    def test_bad_code_empty_text_and_zero_weight(self):
        problems = questionnaire_problems(_questionnaire(A, B, Question("Night Noise", " ", 0)))
        assert problems[0].startswith("The code 'Night Noise' is not allowed")
        assert "The question Night Noise needs its text." in problems
        assert "The weight of Night Noise is 0: it must be 1 or more." in problems

    def test_thresholds_positive_and_in_order(self):
        assert questionnaire_problems(_questionnaire(A, B, medium_from=0, high_from=4)) == [
            "Medium risk starts at a score of 0: it must be 1 or more."
        ]
        assert questionnaire_problems(_questionnaire(A, B, medium_from=4, high_from=4)) == [
            "High risk starts at 4 and medium at 4: high must start above medium."
        ]

    def test_high_risk_must_be_reachable(self):
        (problem,) = questionnaire_problems(_questionnaire(A, B, medium_from=2, high_from=6))
        assert "add up to at most 5" in problem

    def test_default_is_usable(self):
        assert questionnaire_problems(DEFAULT_QUESTIONNAIRE) == []


@pytest.mark.django_db
class TestQuestionnaireCurrent:
    def test_default_when_nothing_is_configured(self):
        assert questionnaire_current() == DEFAULT_QUESTIONNAIRE

    def test_deployment_setting_when_nothing_is_configured_in_the_service(self, settings):
        deployed = _questionnaire(A, B, medium_from=2, high_from=5)
        settings.SAFER_CASEWORK_RISK_QUESTIONNAIRE = deployed
        assert questionnaire_current() == deployed

    def test_configured_questionnaire_wins_with_its_active_questions_in_order(self, settings):
        settings.SAFER_CASEWORK_RISK_QUESTIONNAIRE = _questionnaire(A, B)
        RiskQuestionnaireSettings.objects.create(name="oxford", version=3, medium_from=3, high_from=5)
        RiskQuestion.objects.create(code="later", text="Later?", weight=2, order=20)
        RiskQuestion.objects.create(code="first", text="First?", hint="A hint", weight=3, order=10)
        RiskQuestion.objects.create(code="off", text="Off?", weight=3, order=5, active=False)
        current = questionnaire_current()
        assert current.name == "oxford-v3" and (current.medium_from, current.high_from) == (3, 5)
        assert current.questions == (Question("first", "First?", 3, "A hint"), Question("later", "Later?", 2))

    def test_configured_settings_without_active_questions_fall_back(self):
        RiskQuestionnaireSettings.objects.create(name="oxford", medium_from=3, high_from=5)
        RiskQuestion.objects.create(code="off", text="Off?", weight=3, active=False)
        assert questionnaire_current() == DEFAULT_QUESTIONNAIRE
