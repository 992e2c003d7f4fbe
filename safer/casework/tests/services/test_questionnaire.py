"""services/questionnaire.py: administrators configure the risk questionnaire; every change is checked whole."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from safer.casework.errors import CaseInputError, CasePermissionError, RiskQuestionnaireInvalidError
from safer.casework.models import RiskQuestion, RiskQuestionnaireSettings
from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE, questionnaire_current
from safer.casework.services.questionnaire import (
    risk_question_add,
    risk_question_update,
    risk_questionnaire_customise,
    risk_questionnaire_reset,
    risk_thresholds_update,
)
from safer.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _add(world, code="night", weight=2, **extra):
    values = {"text": "Does it happen at night?", "hint": "", "weight": weight, "order": 100, **extra}
    return risk_question_add(actor=world.admin, code=code, **values)


class TestRiskQuestionnaireCustomise:
    def test_only_administrators(self, world):
        with pytest.raises(CasePermissionError):
            risk_questionnaire_customise(actor=world.manager)
        assert not RiskQuestionnaireSettings.objects.exists()

    def test_copies_the_questionnaire_in_use_once(self, world):
        row = risk_questionnaire_customise(actor=world.admin)
        assert (row.name, row.version, row.medium_from, row.high_from) == ("default-2026", 1, 4, 8)
        current = questionnaire_current()
        assert current.name == "default-2026-v1" and current.questions == DEFAULT_QUESTIONNAIRE.questions
        assert risk_questionnaire_customise(actor=world.admin).pk == row.pk
        assert RiskQuestion.objects.count() == len(DEFAULT_QUESTIONNAIRE.questions)
        assert AuditEvent.objects.filter(action="casework.questionnaire_changed", actor=world.admin).count() == 1


class TestRiskThresholdsUpdate:
    def test_needs_a_configured_questionnaire(self, world):
        with pytest.raises(CaseInputError, match="Customise the questionnaire"):
            risk_thresholds_update(actor=world.admin, name="x", medium_from=2, high_from=3)

    @pytest.mark.parametrize(
        "medium,high,message",
        [
            (0, 8, "Medium risk starts at a score of 0: it must be 1 or more."),
            (8, 8, "High risk starts at 8 and medium at 8: high must start above medium."),
            (4, 99, "High risk starts at 99 but the active questions add up to at most 15"),
        ],
    )
    def test_unusable_thresholds_are_refused_and_nothing_changes(self, world, medium, high, message):
        risk_questionnaire_customise(actor=world.admin)
        with pytest.raises(RiskQuestionnaireInvalidError) as refused:
            risk_thresholds_update(actor=world.admin, name="oxford", medium_from=medium, high_from=high)
        assert message in refused.value.message
        row = RiskQuestionnaireSettings.objects.get()
        assert (row.name, row.version, row.medium_from, row.high_from) == ("default-2026", 1, 4, 8)

    def test_changes_name_thresholds_and_version(self, world):
        risk_questionnaire_customise(actor=world.admin)
        row = risk_thresholds_update(actor=world.admin, name="oxford-2027", medium_from=5, high_from=10)
        assert (row.name, row.version) == ("oxford-2027", 2)
        current = questionnaire_current()
        assert (current.name, current.medium_from, current.high_from) == ("oxford-2027-v2", 5, 10)


class TestRiskQuestionAdd:
    def test_repeated_code_is_refused_even_for_a_question_switched_off(self, world):
        risk_questionnaire_customise(actor=world.admin)
        fear = RiskQuestion.objects.get(code="fear")
        risk_question_update(actor=world.admin, question=fear, text=fear.text, hint="", weight=2, order=1, active=False)
        with pytest.raises(CaseInputError, match="already a question with the code fear") as refused:
            _add(world, code="fear")
        assert refused.value.field == "code"

    def test_bad_code_is_refused(self, world):
        risk_questionnaire_customise(actor=world.admin)
        with pytest.raises(RiskQuestionnaireInvalidError, match="The code 'Night Noise' is not allowed"):
            _add(world, code="Night Noise")
        assert not RiskQuestion.objects.filter(code="Night Noise").exists()

    def test_added_question_is_asked(self, world):
        risk_questionnaire_customise(actor=world.admin)
        _add(world, code="night", weight=4, order=1)
        current = questionnaire_current()
        assert current.questions[0].code == "night" and current.name == "default-2026-v2"


class TestRiskQuestionUpdate:
    def test_switching_off_every_question_is_refused(self, world):
        risk_questionnaire_customise(actor=world.admin)
        *others, last = RiskQuestion.objects.all()
        risk_question_update(actor=world.admin, question=last, text=last.text, hint="", weight=20, order=1, active=True)
        for question in others:
            risk_question_update(
                actor=world.admin, question=question, text=question.text, hint="", weight=1, order=1, active=False
            )
        with pytest.raises(RiskQuestionnaireInvalidError, match="at least one active question"):
            risk_question_update(
                actor=world.admin, question=last, text=last.text, hint="", weight=20, order=1, active=False
            )
        assert RiskQuestion.objects.get(pk=last.pk).active

    def test_lowering_weights_below_high_risk_is_refused(self, world):
        risk_questionnaire_customise(actor=world.admin)
        risk_thresholds_update(actor=world.admin, name="tight", medium_from=4, high_from=15)
        repeat = RiskQuestion.objects.get(code="repeat")
        with pytest.raises(RiskQuestionnaireInvalidError, match="add up to at most 13"):
            risk_question_update(actor=world.admin, question=repeat, text="x", hint="", weight=1, order=1, active=True)
        assert RiskQuestion.objects.get(code="repeat").weight == 3


class TestRiskQuestionnaireReset:
    def test_default_applies_again(self, world):
        risk_questionnaire_customise(actor=world.admin)
        _add(world)
        risk_questionnaire_reset(actor=world.admin)
        assert questionnaire_current() == DEFAULT_QUESTIONNAIRE
        assert not RiskQuestion.objects.exists()


class TestDatabaseConstraints:
    """The database refuses what the services refuse, even for writes that bypass them."""

    def test_thresholds_and_weights(self):
        for values in [{"medium_from": 0, "high_from": 4}, {"medium_from": 4, "high_from": 4}]:
            with pytest.raises(IntegrityError), transaction.atomic():
                RiskQuestionnaireSettings.objects.create(name="x", **values)
        with pytest.raises(IntegrityError), transaction.atomic():
            RiskQuestionnaireSettings.objects.create(id=2, name="x", medium_from=1, high_from=2)
        with pytest.raises(IntegrityError), transaction.atomic():
            RiskQuestion.objects.create(code="w", text="W?", weight=0)
        RiskQuestion.objects.create(code="u", text="U?", weight=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            RiskQuestion.objects.create(code="u", text="U again?", weight=1)
