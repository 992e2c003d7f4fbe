"""Authentication backend: Django's ModelBackend, loading the signed-in user with their organisation and team."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from safer.accounts.models import User


class OrganisationModelBackend(ModelBackend):
    """Every request reads the user's organisation (need-to-know checks); fetch it in the same query."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related("organisation", "team").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
