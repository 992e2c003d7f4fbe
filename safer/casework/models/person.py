"""People who appear in casework: victims, alleged perpetrators, witnesses, household members, professionals."""

from __future__ import annotations

import uuid

from django.db import models


class Person(models.Model):
    """A person known to casework; URLs use `public_id`, never a name."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    vulnerability_notes = models.TextField(blank=True)
    # The organisation that first recorded the person sees them before they join any case.
    recorded_by_organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def audit_label(self) -> str:
        """Non-personal label for the audit trail."""
        return f"person {self.public_id}"
