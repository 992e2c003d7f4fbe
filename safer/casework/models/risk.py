"""Victim risk assessments: the answers given, the score and the level they set."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safer.casework.choices import RiskLevel


class RiskAssessment(models.Model):
    """A completed risk assessment of a case's victim; the latest one sets the case's risk level."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="risk_assessments")
    victim = models.ForeignKey("casework.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    questionnaire = models.CharField(max_length=50)
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
