"""Third-party hate reporting (MANTRA-style): reports, partner agencies, routing rules and referrals."""

from __future__ import annotations

from django.db import models

from safer.engagement.choices import (
    ContactMethod,
    HateReportStatus,
    PartnerKind,
    PoliceReported,
    ReferralStatus,
    ReporterRole,
)


class PartnerAgency(models.Model):
    """An agency a partnership refers hate reports to (police, council, housing provider, victim support)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="hate_partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    email = models.EmailField(help_text="Where referrals are sent.")
    response_days = models.PositiveSmallIntegerField(default=5, help_text="Days to respond before it is overdue.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="hate_partner_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name


class RoutingRule(models.Model):
    """Refer reports that match every condition set here to one partner (empty conditions match anything)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="hate_rules")
    name = models.CharField(max_length=200)
    partner = models.ForeignKey(PartnerAgency, on_delete=models.CASCADE, related_name="rules")
    strands = models.JSONField(default=list, blank=True, help_text="HateStrand values; empty: any strand.")
    incident_kinds = models.JSONField(default=list, blank=True, help_text="IncidentKind values; empty: any.")
    place_contains = models.CharField(
        max_length=100, blank=True, help_text="Only reports whose place or area contains these words; empty: anywhere."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name


class HateReport(models.Model):
    """A hate incident reported by a resident or by a third-party reporting centre for them."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="hate_reports")
    reference = models.CharField(max_length=12, unique=True)
    reporter_role = models.CharField(max_length=10, choices=ReporterRole.choices)
    what_happened = models.TextField()
    incident_kinds = models.JSONField(default=list)
    strands = models.JSONField(default=list)
    strand_other = models.CharField(max_length=200, blank=True)
    place_label = models.CharField(max_length=200, blank=True)
    area_name = models.CharField(max_length=100, blank=True, help_text="District the place lies in, if known.")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    occurred_on = models.DateField()
    reported_to_police = models.CharField(max_length=10, choices=PoliceReported.choices)
    consent_to_share = models.BooleanField(default=False)
    share_with = models.JSONField(default=list, blank=True, help_text="PartnerKind values the reporter agreed to.")
    contact_method = models.CharField(max_length=10, choices=ContactMethod.choices, default=ContactMethod.NONE)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    language = models.CharField(max_length=5, default="en")
    submitted_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff of a third-party reporting centre who made the report for someone.",
    )
    reporting_centre = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=15, choices=HateReportStatus.choices, default=HateReportStatus.RECEIVED)
    acknowledgement_sent = models.BooleanField(default=False)
    synthetic = models.BooleanField(default=False, help_text="Demo data: labelled SYNTHETIC wherever shown.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_label(self) -> str:
        """Label used on audit events (the reference, never the reporter)."""
        return self.reference

    @property
    def anonymous(self) -> bool:
        """True when the reporter left no name and no way to contact them."""
        return not (self.name or self.email or self.phone)


class Referral(models.Model):
    """A hate report passed to one partner agency, with its status, response and due date."""

    report = models.ForeignKey(HateReport, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(PartnerAgency, on_delete=models.PROTECT, related_name="referrals")
    rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    due_on = models.DateField()
    response = models.TextField(blank=True)
    reporter_told = models.BooleanField(default=False)
    sent = models.BooleanField(default=False, help_text="True once the referral e-mail was sent.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "partner"], name="referral_once_per_partner")]

    def __str__(self) -> str:
        return f"{self.report.reference} to {self.partner.name}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)
