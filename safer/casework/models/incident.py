"""Reported incidents of anti-social behaviour."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safer.casework.choices import AsbCategory, HateStrand


class Incident(models.Model):
    """One report of ASB: when, where, what, who reported it and which agency received it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    occurred_at = models.DateTimeField()
    location_text = models.CharField(max_length=300)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    asb_category = models.CharField(max_length=20, choices=AsbCategory.choices)
    asb_type = models.CharField(max_length=100)
    description = models.TextField()
    reporting_person = models.ForeignKey(
        "casework.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="reported_incidents"
    )
    receiving_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    hate_motivated = models.BooleanField(default=False)
    hate_strand = models.CharField(max_length=30, choices=HateStrand.choices, blank=True, default="")
    lsoa_code = models.CharField(max_length=9, blank=True)
    area = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(asb_category__in=[c.value for c in AsbCategory]), name="incident_category_valid"
            ),
            # A hate strand is recorded exactly when the incident is hate-motivated.
            models.CheckConstraint(
                condition=(Q(hate_motivated=True) & ~Q(hate_strand="")) | (Q(hate_motivated=False) & Q(hate_strand="")),
                name="incident_hate_strand_iff_hate",
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__gte=49) & Q(latitude__lte=61) & Q(longitude__gte=-9) & Q(longitude__lte=3)),
                name="incident_location_in_uk_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_label(self) -> str:
        """Non-personal label for the audit trail."""
        return self.reference
