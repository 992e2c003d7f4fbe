"""Map consultations: where residents feel safe or unsafe, and why (Commonplace-style)."""

from __future__ import annotations

from django.db import models
from django.utils import translation

from safer.engagement.choices import AreaKind, ConsultationStatus, Feeling, ModerationReason, ModerationStatus


class Consultation(models.Model):
    """A map consultation run by a partnership over a district or a custom area, between two dates."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=200)
    title_cy = models.CharField("Title in Welsh", max_length=200, blank=True)
    introduction = models.TextField(blank=True)
    introduction_cy = models.TextField("Introduction in Welsh", blank=True)
    area_kind = models.CharField(max_length=10, choices=AreaKind.choices, default=AreaKind.DISTRICT)
    area_name = models.CharField(max_length=200, help_text="The district's name, or the custom area's name.")
    custom_area_id = models.BigIntegerField(null=True, blank=True)
    # The area's bounding box (WGS84): the map starts here and placed points must fall inside it.
    south = models.FloatField()
    west = models.FloatField()
    north = models.FloatField()
    east = models.FloatField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT)
    ask_demographics = models.BooleanField(default=True)
    privacy_notice = models.TextField()
    privacy_notice_cy = models.TextField("Privacy notice in Welsh", blank=True)
    visitors = models.PositiveIntegerField(default=0, help_text="Browser sessions that opened the start page.")
    respondents = models.PositiveIntegerField(default=0, help_text="Browser sessions that sent a contribution.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="consultation_dates"),
            models.CheckConstraint(
                condition=models.Q(south__lt=models.F("north"), west__lt=models.F("east")), name="consultation_bbox"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.title

    def localised(self, field: str) -> str:
        """The Welsh text of a field when Welsh is active and staff wrote one, else the English."""
        if translation.get_language() == "cy":
            welsh = getattr(self, f"{field}_cy", "")
            if welsh:
                return welsh
        return getattr(self, field)


class ConsultationTag(models.Model):
    """A "why" tag residents can pick (poor lighting, drug dealing, ...), in English and Welsh."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="tags")
    code = models.SlugField(max_length=50)
    label = models.CharField(max_length=100)
    label_cy = models.CharField("Label in Welsh", max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["consultation", "code"], name="tag_code_unique")]

    def __str__(self) -> str:
        if translation.get_language() == "cy" and self.label_cy:
            return self.label_cy
        return self.label


class Contribution(models.Model):
    """One resident's pin: where, how safe it feels, why, an optional comment and optional demographics."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="contributions")
    latitude = models.FloatField()
    longitude = models.FloatField()
    # British National Grid metres, computed once on submission (the results grid groups by these).
    easting = models.FloatField()
    northing = models.FloatField()
    # The results grid cell (safer/engagement/grid.py), stored so results are counted by integer GROUP BY.
    cell_x = models.IntegerField()
    cell_y = models.IntegerField()
    place_label = models.CharField(max_length=200, blank=True, help_text="The street or place chosen, if any.")
    feeling = models.PositiveSmallIntegerField(choices=Feeling.choices)
    tags = models.ManyToManyField(ConsultationTag, blank=True, related_name="contributions")
    comment = models.TextField(blank=True)
    moderation = models.CharField(max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.PENDING)
    agreements = models.PositiveIntegerField(default=0)
    age_band = models.CharField(max_length=10, blank=True)
    sex = models.CharField(max_length=10, blank=True)
    connections = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=5, default="en")
    synthetic = models.BooleanField(default=False, help_text="Demo data: labelled SYNTHETIC wherever shown.")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["consultation", "moderation"]),
            models.Index(fields=["consultation", "cell_x", "cell_y"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(feeling__gte=1, feeling__lte=5), name="contribution_feeling")
        ]

    def __str__(self) -> str:
        return f"Contribution {self.pk} to {self.consultation_id}"

    @property
    def audit_label(self) -> str:
        """Label used on audit events (no resident's words)."""
        return f"Contribution {self.pk}"

    @property
    def comment_public(self) -> bool:
        """True when the comment may be shown to the public."""
        return bool(self.comment) and self.moderation in (ModerationStatus.PUBLISHED, ModerationStatus.REDACTED)


class ModerationDecision(models.Model):
    """A moderator's decision on a contribution, with the reason (kept for accountability)."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=10, choices=ModerationStatus.choices)
    reason = models.CharField(max_length=20, choices=ModerationReason.choices)
    note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.get_reason_display()})"
