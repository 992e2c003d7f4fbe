"""Victim risk assessments (the questions as asked, the answers, score and level) and the configured questionnaire."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from safer.casework.choices import RiskLevel


class RiskAssessment(models.Model):
    """A completed risk assessment of a case's victim; the latest one sets the case's risk level.

    `questions`, `medium_from` and `high_from` are a copy of the questionnaire as it was asked, so a later change
    of the configured questions never changes how an old assessment reads.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="risk_assessments")
    victim = models.ForeignKey("casework.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    questionnaire = models.CharField(max_length=50)
    questions = models.JSONField(default=list, blank=True)
    medium_from = models.PositiveSmallIntegerField(null=True, blank=True)
    high_from = models.PositiveSmallIntegerField(null=True, blank=True)
    answers = models.JSONField(default=dict)
    score = models.PositiveIntegerField()
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    response_due_at = models.DateTimeField()
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=["standard", "medium", "high"]), name="risk_assessment_level_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.level}"

    @property
    def answered_questions(self) -> list[dict[str, object]]:
        """The questions as they were asked, each with its answer (True, False or None if not recorded)."""
        asked = self.questions or [{"code": code, "text": code, "hint": "", "weight": None} for code in self.answers]
        return [{**question, "answer": self.answers.get(str(question["code"]))} for question in asked]


class RiskQuestionnaireSettings(models.Model):
    """The configured questionnaire's name, version and score thresholds (one row; none means the default)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = models.SlugField(max_length=40)
    version = models.PositiveIntegerField(default=1)
    medium_from = models.PositiveSmallIntegerField()
    high_from = models.PositiveSmallIntegerField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "risk questionnaire settings"
        verbose_name_plural = "risk questionnaire settings"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="risk_questionnaire_settings_single_row"),
            models.CheckConstraint(condition=Q(medium_from__gte=1), name="risk_thresholds_positive"),
            models.CheckConstraint(condition=Q(high_from__gt=F("medium_from")), name="risk_high_above_medium"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class RiskQuestion(models.Model):
    """A yes/no question of the configured questionnaire and the weight a 'yes' adds to the score."""

    code = models.SlugField(max_length=40, unique=True)
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="risk_question_weight_positive")]

    def __str__(self) -> str:
        return self.code
