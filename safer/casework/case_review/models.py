"""Case review models: settings, applications and the reports they list, the panel, meetings, recommendations."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safer.casework.case_review.choices import ApplicationStatus, ApplyingAs, ContactBy


class CaseReviewSettings(models.Model):
    """The partnership's threshold and deadlines (one row); defaults from the guidance and partnership documents."""

    complaints_one_person = models.PositiveSmallIntegerField(default=3)
    complainants_community = models.PositiveSmallIntegerField(default=5)
    hate_complaints = models.PositiveSmallIntegerField(default=1)
    window_months = models.PositiveSmallIntegerField(default=6)
    report_within_days = models.PositiveSmallIntegerField(default=31)
    acknowledge_working_days = models.PositiveSmallIntegerField(default=5)
    decision_working_days = models.PositiveSmallIntegerField(default=10)
    review_working_days = models.PositiveSmallIntegerField(default=20)
    coordinating_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pcc_review_contact = models.TextField(
        default="the Office of the Police and Crime Commissioner (see your PCC's website for how to ask)"
    )

    class Meta:
        verbose_name_plural = "case review settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(complaints_one_person__gte=1)
                & Q(complainants_community__gte=1)
                & Q(hate_complaints__gte=1)
                & Q(window_months__gte=1)
                & Q(report_within_days__gte=1),
                name="case_review_settings_positive",
            )
        ]

    def __str__(self) -> str:
        return "Case review settings"


class CaseReviewApplication(models.Model):
    """One application for an ASB Case Review; staff and the applicant see it by a non-guessable reference."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)
    coordinating_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=5, default="en")
    applying_as = models.CharField(max_length=20, choices=ApplyingAs.choices)
    applicant_name = models.CharField(max_length=200)
    victim_name = models.CharField(max_length=200, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    consent_confirmed = models.BooleanField(default=False)
    contact_by = models.CharField(max_length=10, choices=ContactBy.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10)
    problem_description = models.TextField()
    problem_location = models.CharField(max_length=300)
    hate_motivated = models.BooleanField(default=False)
    outcome_wanted = models.TextField()
    received_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledge_due = models.DateTimeField()
    decision_due = models.DateTimeField()
    review_due = models.DateTimeField(null=True, blank=True)
    # The coordinator's matching for the threshold check: people in casework and pseudonyms in partner extracts.
    matched_people = models.ManyToManyField("casework.Person", blank=True, related_name="+")
    reporter_pseudonyms = models.JSONField(default=list, blank=True)
    excluded = models.JSONField(default=dict, blank=True)  # record reference -> the coordinator's reason
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    threshold_met = models.BooleanField(null=True)
    decision_reasons = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)  # the check as it stood at the decision
    outcome_summary = models.TextField(blank=True)
    lessons_learned = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ApplicationStatus]), name="case_review_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.SUBMITTED)
                | Q(decided_at__isnull=False, threshold_met__isnull=False),
                name="case_review_decided_after_submitted",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.CLOSED, closed_at__isnull=False)
                | ~Q(status=ApplicationStatus.CLOSED),
                name="case_review_closed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(contact_by=ContactBy.EMAIL) | ~Q(email=""), name="case_review_email_contact_has_email"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_label(self) -> str:
        """Non-personal label for the audit trail."""
        return self.reference

    @property
    def is_closed(self) -> bool:
        """True once the review is closed or the threshold was not met (the record is then read-only)."""
        return self.status in {ApplicationStatus.CLOSED, ApplicationStatus.NOT_MET}


class CaseReviewReport(models.Model):
    """A report the applicant says they made: when, to which agency, and its reference if known."""

    application = models.ForeignKey(CaseReviewApplication, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField()
    agency = models.CharField(max_length=200)
    agency_reference = models.CharField(max_length=60, blank=True)
    summary = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.reported_on}"


class CaseReviewPanelMember(models.Model):
    """An agency on the review panel, its member, and its account of what it did."""

    application = models.ForeignKey(CaseReviewApplication, on_delete=models.CASCADE, related_name="panel")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account = models.TextField(blank=True)
    account_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["application", "organisation"], name="case_review_panel_unique")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.organisation_id}"


class CaseReviewMeeting(models.Model):
    """The record of a review meeting."""

    application = models.ForeignKey(CaseReviewApplication, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    attendees = models.TextField()
    record = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.held_on}"


class CaseReviewRecommendation(models.Model):
    """A recommendation of the review, owned by an agency, tracked to completion."""

    application = models.ForeignKey(CaseReviewApplication, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    owner_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.due_on}"
