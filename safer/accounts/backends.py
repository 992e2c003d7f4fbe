"""Authentication backend: Django's ModelBackend, loading the signed-in user with their organisation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, Subquery
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.models import User


class OrganisationModelBackend(ModelBackend):
    """Every request reads the user's organisation (need-to-know checks, the page banner); fetch it in the same query.

    The team is not joined: requests use `team_id` only, and the few pages showing a team name load it then.

    The same query also reads the id of the user's confirmed TOTP device (`confirmed_totp_device_id`), so the
    two-factor middleware (safer.accounts.otp) can check the session's verified device without a query of its own.
    """

    def get_user(self, user_id: Any) -> User | None:
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True).order_by("pk").values("pk")[:1]
        try:
            user = (
                User._default_manager.select_related("organisation")
                .annotate(confirmed_totp_device_id=Subquery(confirmed))
                .get(pk=user_id)
            )
        except (User.DoesNotExist, TypeError, ValueError):
            return None
        return user if self.user_can_authenticate(user) else None
