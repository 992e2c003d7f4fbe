"""Safe Places: venues offering a safe place to wait, charge a phone or get help at night."""

from __future__ import annotations

from django.db import models


class SafePlace(models.Model):
    """A Safe Place venue, kept by partnership staff and reviewed by a date; published as open data."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="safe_places")
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    opening_hours = models.CharField(max_length=300)
    opening_hours_cy = models.CharField("Opening hours in Welsh", max_length=300, blank=True)
    offers = models.JSONField(default=list, help_text="SafePlaceOffer values.")
    accessibility = models.CharField(max_length=500, blank=True)
    accessibility_cy = models.CharField("Accessibility in Welsh", max_length=500, blank=True)
    review_on = models.DateField(help_text="When staff next check the details with the venue.")
    is_published = models.BooleanField(default=True)
    synthetic = models.BooleanField(default=False, help_text="Demo data: labelled SYNTHETIC wherever shown.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="safe_place_unique_per_org"),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=49.8, latitude__lte=61.0, longitude__gte=-8.9, longitude__lte=2.1),
                name="safe_place_in_uk",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name
