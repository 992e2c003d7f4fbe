"""Saved intervention evaluations: which areas, months and crime type; the figures are computed when shown."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Evaluation(models.Model):
    """An intervention to evaluate: a target custom area with a buffer, a control custom area, the months the
    intervention ran and an optional crime type (methods in docs/hotspots.md)."""

    name = models.CharField(max_length=120)
    target_area_id = models.PositiveIntegerField()
    target_area_name = models.CharField(max_length=100)
    control_area_id = models.PositiveIntegerField()
    control_area_name = models.CharField(max_length=100)
    buffer_metres = models.PositiveIntegerField()
    intervention_start = models.DateField(help_text="First day of the first month of the intervention.")
    intervention_end = models.DateField(help_text="First day of the last month of the intervention.")
    crime_type = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intervention_end__gte=models.F("intervention_start")),
                name="evaluation_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(target_area_id=models.F("control_area_id")), name="evaluation_control_not_target"
            ),
            models.CheckConstraint(
                condition=models.Q(buffer_metres__gte=1, buffer_metres__lte=5000), name="evaluation_buffer_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name
