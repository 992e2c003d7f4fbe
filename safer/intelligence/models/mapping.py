"""Saved column mappings: a partner's own extract headings -> our schema's columns, reusable by name."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ColumnMappingKind(models.TextChoices):
    OFFENCES = "offences", "Offence-level recorded crime"
    ASB = "asb", "ASB incidents"
    DA = "da", "Domestic abuse incidents"
    AE = "ae", "A&E assault attendances (ISTV)"
    POSTCODES = "postcodes", "ONS postcode lookup (ONSPD or NSPL)"


class ColumnMapping(models.Model):
    """A named mapping {file heading: schema column} for one extract kind (see sources/mapping.py)."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=ColumnMappingKind.choices)
    mapping = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="column_mapping_kind_name_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def audit_label(self) -> str:
        return str(self)
