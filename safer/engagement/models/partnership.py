"""Per-partnership settings of the public pages, and the staff-maintained list of named places."""

from __future__ import annotations

from django.db import models

from safer.engagement.choices import PublicLanguages


class EngagementSettings(models.Model):
    """How a partnership's public engagement pages behave (languages, district for statistics)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="engagement_settings"
    )
    languages = models.CharField(max_length=10, choices=PublicLanguages.choices, default=PublicLanguages.ENGLISH)
    district = models.CharField(
        max_length=100, blank=True, help_text="District (local authority) whose police records sit beside ours."
    )
    reply_to = models.EmailField(blank=True, help_text="Where residents' replies to our e-mails go.")
    messaging_requires_approval = models.BooleanField(
        default=True, help_text="Community messages need a second person's approval before they are sent."
    )

    def __str__(self) -> str:
        return f"Engagement settings of {self.organisation}"

    @property
    def bilingual(self) -> bool:
        """True when the public pages offer Welsh as well as English."""
        return self.languages == PublicLanguages.BILINGUAL


class NamedPlace(models.Model):
    """A place residents can choose by name or postcode when they cannot use the map (kept by staff)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="named_places")
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="named_place_unique_per_org"),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=49.8, latitude__lte=61.0, longitude__gte=-8.9, longitude__lte=2.1),
                name="named_place_in_uk",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name
