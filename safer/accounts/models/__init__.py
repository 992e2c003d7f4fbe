"""Accounts models: organisations, teams and users."""

from safer.accounts.models.organisation import Organisation, Team
from safer.accounts.models.user import User

__all__ = ["Organisation", "Team", "User"]
