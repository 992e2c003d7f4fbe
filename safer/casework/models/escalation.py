"""The intervention and enforcement ladder: its stages, the interventions made, breaches and letters."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safer.casework.choices import LetterStatus


class LadderStage(models.Model):
    """A configured stage of the ladder; when none are configured the defaults in code apply."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    letter_template = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1) & Q(number__lte=4), name="ladder_stage_1_to_4")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Intervention(models.Model):
    """A step up the ladder taken on a case; skipping a stage needs a reason (checked in the database too)."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="interventions")
    person = models.ForeignKey(
        "casework.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="interventions"
    )
    stage = models.PositiveSmallIntegerField()
    from_stage = models.PositiveSmallIntegerField()
    stage_name = models.CharField(max_length=200)
    action = models.CharField(max_length=200)
    occurred_on = models.DateField()
    skipped_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__gte=1) & Q(stage__lte=4), name="intervention_stage_1_to_4"),
            models.CheckConstraint(
                condition=Q(stage__lte=models.F("from_stage") + 1) | ~Q(skipped_reason=""),
                name="intervention_skip_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} stage {self.stage}"


class Breach(models.Model):
    """A breach of an agreement, warning, notice or order."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="breaches")
    intervention = models.ForeignKey(Intervention, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    occurred_on = models.DateField()
    description = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"Breach {self.pk}"


def _letter_path(instance: Letter, filename: str) -> str:
    return f"casework/letters/{instance.public_id}/{filename}"


class Letter(models.Model):
    """A letter produced from a template for an intervention, as DOCX and PDF (made by a background job)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="letters")
    intervention = models.ForeignKey(
        Intervention, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )
    recipient = models.ForeignKey("casework.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    template = models.CharField(max_length=50)
    status = models.CharField(max_length=10, choices=LetterStatus.choices, default=LetterStatus.PENDING)
    docx_file = models.FileField(upload_to=_letter_path, blank=True)
    pdf_file = models.FileField(upload_to=_letter_path, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Letter {self.public_id}"

    @property
    def template_title(self) -> str:
        """The title of the letter's template (its key if the template was since removed)."""
        from safer.casework.letters import LETTER_TEMPLATES

        template = LETTER_TEMPLATES.get(self.template)
        return template.title if template else self.template
