"""Funding: funders, their funds per year, allocations with sub-lines, carry-forwards, spend, returns.

Money is held as whole pence (integers), never floats.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safer.planning.choices import ReturnStatus


class Funder(models.Model):
    """A body that funds partnership work (e.g. the Police and Crime Commissioner)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name


class FunderObjective(models.Model):
    """One of a funder's strategic objectives that returns report against."""

    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["funder", "number"]
        constraints = [models.UniqueConstraint(fields=["funder", "number"], name="funder_objective_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Fund(models.Model):
    """A funder's money for one financial year (e.g. the community safety fund 2016-17)."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="funds")
    name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(help_text="Financial year it starts in (2016 = 2016-17)")
    amount_pence = models.BigIntegerField(help_text="The money available, in pence")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["funder", "name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["funder", "name", "year"], name="fund_once_per_year"),
            models.CheckConstraint(condition=models.Q(amount_pence__gte=0), name="fund_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}-{(self.year + 1) % 100:02d}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)


class Allocation(models.Model):
    """Money from a fund to a recipient and project; a sub-line has a parent and sits inside its amount."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="allocations")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_lines")
    line = models.CharField(max_length=120, help_text="The line of the funding table, the same every year")
    recipient = models.CharField(max_length=200)
    recipient_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    project = models.CharField(max_length=300, blank=True)
    amount_pence = models.BigIntegerField()
    up_to = models.BooleanField(default=False, help_text='The amount is a ceiling ("up to")')
    notes = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fund", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gte=0), name="allocation_amount_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.line} ({self.fund})"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)[:200]


class CarryForward(models.Model):
    """Money of one year's allocation carried into a later year (not counted in that year's total)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="carry_forwards")
    to_year = models.PositiveSmallIntegerField()
    amount_pence = models.BigIntegerField()
    purpose = models.TextField()

    class Meta:
        ordering = ["allocation", "to_year"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="carry_forward_positive")]

    def __str__(self) -> str:
        return str(f"{self.allocation.line} carried into {self.to_year}")


class Spend(models.Model):
    """Spend against an allocation in a half-year, with what it achieved."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="spends")
    half = models.PositiveSmallIntegerField(help_text="1: April to September, 2: October to March")
    amount_pence = models.BigIntegerField()
    outcomes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["allocation", "half"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gte=0), name="spend_not_negative"),
            models.CheckConstraint(condition=models.Q(half__in=[1, 2]), name="spend_half_1_or_2"),
        ]

    def __str__(self) -> str:
        return str(f"Spend on {self.allocation.line}, half {self.half}")


class FundingReturn(models.Model):
    """The six-monthly return to a funder on a year's fund, against its strategic objectives."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="returns")
    half = models.PositiveSmallIntegerField(help_text="1: April to September, 2: October to March")
    status = models.CharField(max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["fund", "half"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "half"], name="return_once_per_half"),
            models.CheckConstraint(condition=models.Q(half__in=[1, 2]), name="return_half_1_or_2"),
        ]

    def __str__(self) -> str:
        months = "April to September" if self.half == 1 else "October to March"
        return f"{self.fund}: {months}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)


class ReturnLine(models.Model):
    """A row of the funder's objectives table: objective, joint priority, lead agency, outcome, progress."""

    funding_return = models.ForeignKey(FundingReturn, on_delete=models.CASCADE, related_name="lines")
    objective = models.ForeignKey(FunderObjective, on_delete=models.PROTECT, related_name="+")
    joint_priority = models.CharField(max_length=300)
    lead_agency = models.CharField(max_length=200)
    lead_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(blank=True)
    progress = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["funding_return", "order", "id"]

    def __str__(self) -> str:
        return str(self.joint_priority)
