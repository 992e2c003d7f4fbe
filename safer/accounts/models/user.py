"""A person who signs in: belongs to one organisation and holds one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from safer.accounts.choices import Role
from safer.accounts.permissions import capabilities_for, role_sees_personal_data


class User(AbstractUser):
    """A member of staff of a partner organisation."""

    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="users")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.ANALYST)

    class Meta:
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid")
        ]

    @property
    def audit_label(self) -> str:
        """Label used on audit events (the username: staff, not a case subject)."""
        return self.username

    @property
    def display_name(self) -> str:
        """Full name, or the username when no name is recorded."""
        return self.display_name_of(self.first_name, self.last_name, self.username)

    @staticmethod
    def display_name_of(first_name: str, last_name: str, username: str) -> str:
        """What `display_name` is for a user with these names (for rows read with `values()`, without a User)."""
        return f"{first_name} {last_name}".strip() or username

    def has_capability(self, capability: str) -> bool:
        """True when the user's role grants the capability (and the account is active)."""
        if not self.is_active:
            return False
        return capability in capabilities_for(self.role)

    @property
    def requires_two_factor(self) -> bool:
        """True when the user's role sees personal data, so sign-in needs a second factor."""
        from django.conf import settings

        return bool(settings.SAFER_REQUIRE_2FA) and role_sees_personal_data(self.role)
