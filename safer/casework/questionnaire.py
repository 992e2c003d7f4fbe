"""The victim risk assessment questionnaire (configurable) and how answers become a score and a level."""

from __future__ import annotations

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


def questionnaire_current() -> Questionnaire:
    """The questionnaire in use: settings.SAFER_CASEWORK_RISK_QUESTIONNAIRE if a deployment sets one."""
    configured = getattr(settings, "SAFER_CASEWORK_RISK_QUESTIONNAIRE", None)
    return configured if isinstance(configured, Questionnaire) else DEFAULT_QUESTIONNAIRE


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
