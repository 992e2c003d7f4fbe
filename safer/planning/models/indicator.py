"""Indicators tied to live figures, their rules, and the values agencies enter each quarter."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safer.planning.choices import CaseworkFigure, DashboardSource, Direction, IndicatorKind


class Indicator(models.Model):
    """An outcome measure with a live figure and the partnership's rules for its status."""

    plan = models.ForeignKey("planning.Plan", on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=IndicatorKind.choices)
    # Dashboard figures: the dashboard's own area and period words ("West Oxfordshire", "2022", "FY2022/23").
    dashboard_source = models.CharField(max_length=20, choices=DashboardSource.choices, blank=True)
    area = models.CharField(max_length=200, blank=True)
    period = models.CharField(max_length=40, blank=True)
    crime_type = models.CharField(max_length=100, blank=True)
    # Casework figures.
    casework_figure = models.CharField(max_length=30, choices=CaseworkFigure.choices, blank=True)
    # Entered values.
    unit = models.CharField(max_length=40, blank=True, help_text='For example "victims" or "%"')
    entering_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Rules.
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.LOWER)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    tolerance_pct = models.DecimalField(max_digits=5, decimal_places=1, default=5)
    use_significance = models.BooleanField(default=True)
    internal = models.BooleanField(default=False, help_text="Internal: left out of the published plan")

    class Meta:
        ordering = ["plan", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(tolerance_pct__gte=0), name="indicator_tolerance_not_negative")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name


class IndicatorValue(models.Model):
    """A value an agency enters for a quarter (financial year, quarter 1 to 4)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="indicator_value_once_per_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="value_quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return str(f"{self.indicator.name}: Q{self.quarter} {self.year}")
