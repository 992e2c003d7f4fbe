"""Domestic Homicide Reviews: notification, decision, panel, management reviews, drafts, QA, action plan."""

from __future__ import annotations

from django.db import models

from safer.safeguarding.choices import ActionStatus, LessonKind, ReviewDecision


class Review(models.Model):
    """One Domestic Homicide Review, from notification to its completed action plan."""

    reference = models.CharField(max_length=30, unique=True)
    owner_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    agencies = models.ManyToManyField("accounts.Organisation", related_name="dhr_reviews", blank=True)
    title = models.CharField(max_length=200, help_text="A pseudonym, e.g. 'Adult A'")
    notified_on = models.DateField()
    notified_by = models.CharField(max_length=200, blank=True)
    circumstances = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING)
    decision_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    chair_name = models.CharField(max_length=200, blank=True)
    chair_appointed_on = models.DateField(null=True, blank=True)
    submitted_to_qap_on = models.DateField(null=True, blank=True)
    qap_feedback_on = models.DateField(null=True, blank=True)
    qap_feedback = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notified_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="pending") | models.Q(decision_on__isnull=False),
                name="review_decision_dated",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.title})"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.reference


class PanelMember(models.Model):
    """A member of a review's panel."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="panel")
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class ManagementReview(models.Model):
    """An individual management review (IMR) requested from an agency, and when it arrived."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="management_reviews")
    agency = models.CharField(max_length=200)
    requested_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Management review from {self.agency}"


class ReviewDraft(models.Model):
    """A draft overview report circulated to the panel."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="drafts")
    version = models.PositiveIntegerField()
    circulated_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["review", "version"]
        constraints = [models.UniqueConstraint(fields=["review", "version"], name="draft_version_once")]

    def __str__(self) -> str:
        return f"Draft {self.version}"


class ReviewAction(models.Model):
    """A line of a review's action plan: owner, due date and progress to completion."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    agency = models.CharField(max_length=200)
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    progress = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class ReviewLesson(models.Model):
    """A lesson learned or a recommendation of a review (searchable across reviews)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(max_length=20, choices=LessonKind.choices)
    text = models.TextField()

    def __str__(self) -> str:
        return self.text[:60]
