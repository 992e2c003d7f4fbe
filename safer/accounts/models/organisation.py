"""Organisations (agencies) of the partnership and their teams."""

from __future__ import annotations

from django.db import models

from safer.accounts.choices import AgencyKind


class Organisation(models.Model):
    """An agency in the partnership: a council, the police, a housing provider, ..."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return self.name


class Team(models.Model):
    """A team within an organisation (ASBIT, CRT, neighbourhood policing team)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_per_org")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"

    @property
    def audit_label(self) -> str:
        """Label used on audit events."""
        return str(self)
