"""Authentication backend: Django's ModelBackend, loading the signed-in user with their organisation."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, QuerySet, Subquery
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.models import User


@functools.cache
def _signed_in_users() -> QuerySet[User]:
    """Users with their organisation and confirmed TOTP device id: built once per process, since every request runs
    it. A queryset is a reusable description of a query; `.get()` runs a copy, so this one is never evaluated."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True).order_by("pk").values("pk")[:1]
    return User._default_manager.select_related("organisation").annotate(confirmed_totp_device_id=Subquery(confirmed))


class OrganisationModelBackend(ModelBackend):
    """Every request reads the user's organisation (need-to-know checks, the page banner); fetch it in the same query.

    The team is not joined: requests use `team_id` only, and the few pages showing a team name load it then.

    The same query also reads the id of the user's confirmed TOTP device (`confirmed_totp_device_id`), so the
    two-factor middleware (safer.accounts.otp) can check the session's verified device without a query of its own.
    """

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = _signed_in_users().get(pk=user_id)
        except (User.DoesNotExist, TypeError, ValueError):
            return None
        return user if self.user_can_authenticate(user) else None
