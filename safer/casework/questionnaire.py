"""The victim risk assessment questionnaire (configurable) and how answers become a score and a level."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from safer.casework.choices import RiskLevel


@dataclass(frozen=True)
class Question:
    """A yes/no question and the weight a 'yes' adds to the score."""

    code: str
    text: str
    weight: int
    hint: str = ""

    def as_asked(self) -> dict[str, Any]:
        """The question as stored with an assessment, so the assessment reads the same after a change."""
        return {"code": self.code, "text": self.text, "hint": self.hint, "weight": self.weight}


@dataclass(frozen=True)
class Questionnaire:
    """A named set of questions with the score thresholds for medium and high risk."""

    name: str
    questions: tuple[Question, ...]
    medium_from: int
    high_from: int


DEFAULT_QUESTIONNAIRE = Questionnaire(
    name="default-2026",
    questions=(
        Question("repeat", "Has the victim been targeted repeatedly (3 or more times in the last 6 months)?", 3),
        Question("hate", "Does the victim think they were targeted because of who they are (hate-motivated)?", 3),
        Question("vulnerable", "Is the victim vulnerable (age, disability, mental health, isolation)?", 3),
        Question("health", "Is the ASB affecting the victim's health or wellbeing?", 2),
        Question("fear", "Is the victim frightened of what may happen next?", 2),
        Question("daily_life", "Is the ASB stopping the victim from going about daily life?", 2),
    ),
    medium_from=4,
    high_from=8,
)


_CODE = re.compile(r"^[a-z0-9_-]{1,40}$")


def questionnaire_current() -> Questionnaire:
    """The questionnaire in use: the one an administrator configured, else the deployment's
    settings.SAFER_CASEWORK_RISK_QUESTIONNAIRE, else the default in code."""
    configured = questionnaire_configured()
    if configured is not None:
        return configured
    deployed = getattr(settings, "SAFER_CASEWORK_RISK_QUESTIONNAIRE", None)
    return deployed if isinstance(deployed, Questionnaire) else DEFAULT_QUESTIONNAIRE


def questionnaire_configured() -> Questionnaire | None:
    """The questionnaire an administrator configured in the service (active questions only), or None."""
    from safer.casework.models import RiskQuestion, RiskQuestionnaireSettings

    row = RiskQuestionnaireSettings.objects.first()
    if row is None:
        return None
    questions = tuple(
        Question(q.code, q.text, q.weight, q.hint)
        for q in RiskQuestion.objects.filter(active=True).order_by("order", "id")
    )
    if not questions:
        return None
    return Questionnaire(
        name=f"{row.name}-v{row.version}", questions=questions, medium_from=row.medium_from, high_from=row.high_from
    )


def questionnaire_problems(questionnaire: Questionnaire) -> list[str]:
    """What makes a questionnaire unusable, as messages for the administrator; empty when it is fine."""
    problems = []
    if not questionnaire.questions:
        problems.append("The questionnaire needs at least one active question.")
    codes = [q.code for q in questionnaire.questions]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        problems.append(f"Question codes must be different: {', '.join(repeated)} is used more than once.")
    for question in questionnaire.questions:
        if not _CODE.match(question.code):
            problems.append(
                f"The code {question.code!r} is not allowed: use up to 40 lower-case letters, digits, - or _."
            )
        if not question.text.strip():
            problems.append(f"The question {question.code} needs its text.")
        if question.weight < 1:
            problems.append(f"The weight of {question.code} is {question.weight}: it must be 1 or more.")
    if questionnaire.medium_from < 1:
        problems.append(f"Medium risk starts at a score of {questionnaire.medium_from}: it must be 1 or more.")
    if questionnaire.high_from <= questionnaire.medium_from:
        problems.append(
            f"High risk starts at {questionnaire.high_from} and medium at {questionnaire.medium_from}: "
            "high must start above medium."
        )
    total = sum(q.weight for q in questionnaire.questions)
    if questionnaire.questions and total < questionnaire.high_from:
        problems.append(
            f"High risk starts at {questionnaire.high_from} but the active questions add up to at most {total}, "
            "so no one could be assessed as high risk. Lower the threshold or add weight."
        )
    return problems


def risk_score(questionnaire: Questionnaire, answers: dict[str, Any]) -> tuple[int, str]:
    """Score the answers (code -> bool) and return (score, level); every question must be answered."""
    missing = [q.code for q in questionnaire.questions if not isinstance(answers.get(q.code), bool)]
    if missing:
        raise ValueError(f"Answer every question: no yes/no answer for {', '.join(missing)}.")
    unknown = sorted(set(answers) - {q.code for q in questionnaire.questions})
    if unknown:
        raise ValueError(f"Unknown questions {', '.join(unknown)} for questionnaire {questionnaire.name}.")
    score = sum(q.weight for q in questionnaire.questions if answers[q.code])
    if score >= questionnaire.high_from:
        return score, RiskLevel.HIGH.value
    if score >= questionnaire.medium_from:
        return score, RiskLevel.MEDIUM.value
    return score, RiskLevel.STANDARD.value
