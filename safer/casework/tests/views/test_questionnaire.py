"""views/questionnaire.py: administrators change the risk questionnaire; the risk pages use it and keep history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safer.casework.models import Case, RiskAssessment, RiskQuestion
from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE
from safer.casework.services import risk_assessment_complete
from safer.casework.services.questionnaire import risk_question_add, risk_questionnaire_customise
from safer.casework.tests.conftest import open_case
from safer.testing.accounts import signed_in_client

pytestmark = pytest.mark.django_db

ALL_NO = {q.code: False for q in DEFAULT_QUESTIONNAIRE.questions}


class TestRiskQuestionnaireView:
    def test_shows_the_default_then_the_customised_copy(self, world):
        client = signed_in_client(world.admin)
        body = client.get(reverse("casework:risk-questionnaire")).content.decode()
        assert "default-2026 (the default)" in body and "Customise the questionnaire" in body
        response = client.post(reverse("casework:risk-questionnaire-customise"))
        assert response.status_code == 302
        body = client.get(reverse("casework:risk-questionnaire")).content.decode()
        assert "default-2026-v1 (set here" in body and "Add a question" in body
        assert reverse("casework:risk-question-update", args=[RiskQuestion.objects.get(code="fear").pk]) in body

    def test_administration_home_links_to_it(self, world):
        body = signed_in_client(world.admin).get(reverse("accounts:admin-home")).content.decode()
        assert reverse("casework:risk-questionnaire") in body


class TestRiskThresholdsUpdateView:
    def test_not_found_before_customising(self, world):
        assert signed_in_client(world.admin).get(reverse("casework:risk-thresholds")).status_code == 404

    def test_high_not_above_medium_is_explained_on_the_field(self, world):
        risk_questionnaire_customise(actor=world.admin)
        response = signed_in_client(world.admin).post(
            reverse("casework:risk-thresholds"), {"name": "oxford", "medium_from": "6", "high_from": "6"}
        )
        body = response.content.decode()
        assert response.status_code == 400
        assert '<a href="#id_high_from">High risk must start above medium risk (which starts at 6)</a>' in body

    def test_unreachable_high_risk_is_refused_with_the_reason(self, world):
        risk_questionnaire_customise(actor=world.admin)
        response = signed_in_client(world.admin).post(
            reverse("casework:risk-thresholds"), {"name": "oxford", "medium_from": "4", "high_from": "40"}
        )
        assert response.status_code == 400
        assert "the active questions add up to at most 15" in response.content.decode()

    def test_saves_and_returns_to_the_questionnaire(self, world):
        risk_questionnaire_customise(actor=world.admin)
        client = signed_in_client(world.admin)
        assert 'value="default-2026"' in client.get(reverse("casework:risk-thresholds")).content.decode()
        response = client.post(
            reverse("casework:risk-thresholds"), {"name": "oxford-2027", "medium_from": "5", "high_from": "9"}
        )
        assert response.status_code == 302 and response["Location"] == reverse("casework:risk-questionnaire")


class TestRiskQuestionCreateView:
    def test_bad_and_repeated_codes_are_explained(self, world):
        risk_questionnaire_customise(actor=world.admin)
        client = signed_in_client(world.admin)
        form = {"text": "Does it happen at night?", "hint": "", "weight": "2", "order": "70"}
        body = client.post(reverse("casework:risk-question-create"), {**form, "code": "Night Noise"}).content.decode()
        assert "Use up to 40 lower-case letters, digits, hyphens or underscores" in body
        response = client.post(reverse("casework:risk-question-create"), {**form, "code": "fear"})
        assert response.status_code == 400
        assert '<a href="#id_code">There is already a question with the code fear' in response.content.decode()
        response = client.post(reverse("casework:risk-question-create"), {**form, "code": "night"})
        assert response.status_code == 302 and RiskQuestion.objects.filter(code="night").exists()


class TestRiskQuestionUpdateView:
    def test_switching_a_question_off(self, world):
        risk_questionnaire_customise(actor=world.admin)
        fear = RiskQuestion.objects.get(code="fear")
        client = signed_in_client(world.admin)
        page = client.get(reverse("casework:risk-question-update", args=[fear.pk])).content.decode()
        assert "Change question fear" in page and "Is the victim frightened" in page
        response = client.post(
            reverse("casework:risk-question-update", args=[fear.pk]),
            {"text": fear.text, "hint": "", "weight": "2", "order": "50"},
        )
        assert response.status_code == 302 and not RiskQuestion.objects.get(pk=fear.pk).active


class TestRiskAssessmentPages:
    def test_assessment_page_asks_the_configured_questions_and_scores_them(self, world):
        risk_questionnaire_customise(actor=world.admin)
        risk_question_add(
            actor=world.admin, code="night", text="Does it happen at night?", hint="After 11pm", weight=4, order=1
        )
        case = open_case(world.caseworker)
        client = signed_in_client(world.caseworker)
        body = client.get(reverse("casework:risk-assessment", args=[case.reference])).content.decode()
        assert "Does it happen at night?" in body and "After 11pm" in body
        answers = {f"q_{code}": "yes" if code == "night" else "no" for code in [*ALL_NO, "night"]}
        response = client.post(reverse("casework:risk-assessment", args=[case.reference]), answers)
        assert response.status_code == 302
        assessment = RiskAssessment.objects.get(case=case)
        assert (assessment.score, assessment.level, assessment.questionnaire) == (4, "medium", "default-2026-v2")
        assert Case.objects.get(pk=case.pk).risk_level == "medium"

    def test_past_assessments_read_as_they_were_asked(self, world):
        case = open_case(world.caseworker)
        risk_assessment_complete(actor=world.caseworker, case=case, answers={**ALL_NO, "fear": True})
        risk_questionnaire_customise(actor=world.admin)
        fear = RiskQuestion.objects.get(code="fear")
        fear.text = "Reworded question"
        fear.save()
        client = signed_in_client(world.caseworker)
        case_page = client.get(reverse("casework:case-detail", args=[case.reference])).content.decode()
        assert reverse("casework:risk-assessment-list", args=[case.reference]) in case_page
        body = client.get(reverse("casework:risk-assessment-list", args=[case.reference])).content.decode()
        assert 'Is the victim frightened of what may happen next?</td><td class="govuk-table__cell">Yes' in body
        assert "Reworded question" not in body and "medium from 4, high from 8" in body


class TestMigrationKeepsQuestionsWithOldAssessments:
    def test_backfill_from_the_frozen_default_and_codes_for_unknown_questionnaires(self, world):
        from importlib import import_module

        from django.apps import apps

        migration = import_module("safer.casework.migrations.0002_risk_questionnaire_configurable")
        case = open_case(world.caseworker)
        old = risk_assessment_complete(actor=world.caseworker, case=case, answers=ALL_NO)
        unknown = risk_assessment_complete(actor=world.caseworker, case=case, answers=ALL_NO)
        RiskAssessment.objects.filter(pk=old.pk).update(questions=[], medium_from=None, high_from=None)
        RiskAssessment.objects.filter(pk=unknown.pk).update(
            questionnaire="retired-2025", questions=[], medium_from=None, high_from=None, answers={"gone": True}
        )
        migration.keep_questions_with_old_assessments(apps, None)
        old.refresh_from_db()
        unknown.refresh_from_db()
        assert old.questions == [q.as_asked() for q in DEFAULT_QUESTIONNAIRE.questions]
        assert (old.medium_from, old.high_from) == (4, 8)
        assert unknown.answered_questions == [
            {"code": "gone", "text": "gone", "hint": "", "weight": None, "answer": True}
        ]
