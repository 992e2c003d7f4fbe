"""Cases, the incidents and people in them, sharing between organisations, and the timeline."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safer.casework.choices import CaseEventKind, CaseOutcome, CaseStatus, PartyRole, RiskLevel


class ReferenceCounter(models.Model):
    """Last number issued per prefix and year, for references like ASB-2026-00012."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class Case(models.Model):
    """A multi-agency ASB case owned by one organisation; `version` guards against lost updates."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    summary = models.CharField(max_length=200, blank=True)
    owner_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    area = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True, default="")
    response_due_at = models.DateTimeField(null=True, blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    stage = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=30, choices=CaseOutcome.choices, blank=True, default="")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__gte=0) & Q(stage__lte=4), name="case_stage_0_to_4"),
            models.CheckConstraint(condition=Q(version__gte=1), name="case_version_positive"),
            models.CheckConstraint(
                condition=(Q(status=CaseStatus.OPEN) & Q(closed_at__isnull=True) & Q(outcome=""))
                | (Q(status=CaseStatus.CLOSED) & Q(closed_at__isnull=False) & ~Q(outcome="")),
                name="case_closed_iff_closed_at_and_outcome",
            ),
            models.CheckConstraint(
                condition=Q(risk_level__in=[r.value for r in RiskLevel]), name="case_risk_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=models.F("opened_at")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(status=CaseStatus.CLOSED),
                name="case_anonymised_only_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["owner_organisation", "status"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_label(self) -> str:
        """Non-personal label for the audit trail."""
        return self.reference

    @property
    def is_open(self) -> bool:
        """True while the case is being worked."""
        return self.status == CaseStatus.OPEN


class CaseIncident(models.Model):
    """An incident linked to a case (an incident may belong to more than one case)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_incidents")
    incident = models.ForeignKey("casework.Incident", on_delete=models.PROTECT, related_name="case_links")
    linked_at = models.DateTimeField(auto_now_add=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "incident"], name="case_incident_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}-{self.incident_id}"


class CaseParty(models.Model):
    """A person in a case with their role."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey("casework.Person", on_delete=models.PROTECT, related_name="case_parties")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="case_party_unique"),
            models.CheckConstraint(condition=Q(role__in=[r.value for r in PartyRole]), name="case_party_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}-{self.person_id}-{self.role}"


class CaseShare(models.Model):
    """A case shared with a partner organisation; withdrawing keeps the row as history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["shared_at", "id"]
        constraints = [
            # At most one live share per case and organisation.
            models.UniqueConstraint(
                fields=["case", "organisation"], condition=Q(withdrawn_at__isnull=True), name="case_share_one_active"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True) | Q(withdrawn_at__isnull=False),
                name="case_share_withdrawn_by_needs_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.organisation_id}"

    @property
    def is_active(self) -> bool:
        """True until withdrawn."""
        return self.withdrawn_at is None


class CaseEvent(models.Model):
    """One entry on a case's timeline, written by the service that made the change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=CaseEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"
