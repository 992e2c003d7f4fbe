"""The rolling plan: its priorities, objectives, actions, duties, members, glossary and approved versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safer.planning.choices import MemberKind, Rag, StatutoryDuty, YouthFocus


class Plan(models.Model):
    """A partnership's rolling plan (e.g. January 2024 to March 2027)."""

    partnership = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    area_name = models.CharField(max_length=200, help_text="The district or area the plan covers")
    starts_on = models.DateField()
    ends_on = models.DateField()
    introduction = models.TextField(blank=True)
    published = models.BooleanField(default=False)
    bilingual = models.BooleanField(
        default=False, help_text="The published plan's page offers Welsh as well as English (its fixed words)"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gt=models.F("starts_on")), name="plan_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.title


class Priority(models.Model):
    """A priority of the plan, with the SIA evidence that chose it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    current_position = models.TextField(blank=True, help_text="The SIA evidence that chose this priority")
    youth_focus = models.TextField(blank=True)
    dashboard_query = models.CharField(
        max_length=300, blank=True, help_text="Dashboard link for the evidence, e.g. area=West Oxfordshire&period=2022"
    )
    internal = models.BooleanField(default=False, help_text="Internal: left out of the published plan")

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique")]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)


class Objective(models.Model):
    """An objective within a priority ("Reduce serious violence and exploitation by ...")."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["priority", "number"]
        constraints = [models.UniqueConstraint(fields=["priority", "number"], name="objective_number_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.title[:200]


class Action(models.Model):
    """One row of a priority's action table: What, How, Who, Why, Youth focused, timescale, outcome measure."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    objective = models.ForeignKey(Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    number = models.PositiveSmallIntegerField()
    what = models.CharField(max_length=300)
    how = models.TextField()
    who = models.TextField(help_text="Lead and partner agencies as the plan words them")
    lead_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="planning_actions"
    )
    partner_organisations = models.ManyToManyField("accounts.Organisation", blank=True, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="planning_actions"
    )
    why = models.TextField()
    youth_focused = models.CharField(max_length=10, choices=YouthFocus.choices, default=YouthFocus.NO)
    starts_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    outcome_measure = models.TextField(blank=True)
    indicator = models.ForeignKey(
        "planning.Indicator", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    internal = models.BooleanField(default=False, help_text="Internal: left out of the published plan")

    class Meta:
        ordering = ["priority__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="action_number_unique"),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(due_on__gte=models.F("starts_on")),
                name="action_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.what[:200]


class ActionUpdate(models.Model):
    """Progress on an action in one quarter: RAG with a required comment. Kept, never overwritten."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    year = models.PositiveSmallIntegerField(help_text="Financial year it starts in (2024 = 2024-25)")
    quarter = models.PositiveSmallIntegerField()
    rag = models.CharField(max_length=10, choices=Rag.choices)
    comment = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="update_quarter_1_to_4"),
            models.CheckConstraint(condition=~models.Q(comment=""), name="update_comment_required"),
        ]

    def __str__(self) -> str:
        return str(f"{self.action.what}: Q{self.quarter} {self.year} {self.rag}")


class Duty(models.Model):
    """A statutory duty and how the partnership meets it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    duty = models.CharField(max_length=30, choices=StatutoryDuty.choices)
    how_met = models.TextField()

    class Meta:
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "duty"], name="duty_once_per_plan")]

    def __str__(self) -> str:
        return str(self.get_duty_display())

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.get_duty_display()


class Member(models.Model):
    """A member of the partnership named in the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=MemberKind.choices)

    class Meta:
        ordering = ["plan", "kind", "id"]

    def __str__(self) -> str:
        return str(self.name)


class GlossaryTerm(models.Model):
    """An acronym or term the plan explains."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(max_length=50)
    meaning = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "term"]

    def __str__(self) -> str:
        return str(self.term)


class PlanVersion(models.Model):
    """A snapshot of the plan as the board approved it; earlier versions are kept."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    approved_on = models.DateField()
    approved_by = models.CharField(max_length=200, help_text="The meeting that approved it")
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")]

    def __str__(self) -> str:
        return str(f"{self.plan.title} version {self.number}")

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return f"{self.plan.title} version {self.number}"
