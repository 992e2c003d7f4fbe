"""Reads for account administration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from safer.accounts.models import Organisation, User


def organisation_list() -> QuerySet[Organisation]:
    """All organisations with their number of active users."""
    return Organisation.objects.annotate(user_count=Count("users", filter=Q(users__is_active=True))).order_by("name")


def user_list(*, organisation_id: int | None = None, role: str = "", query: str = "") -> QuerySet[User]:
    """Users, optionally filtered by organisation, role, or a name/username search."""
    users = User.objects.select_related("organisation", "team").order_by("username")
    if organisation_id:
        users = users.filter(organisation_id=organisation_id)
    if role:
        users = users.filter(role=role)
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    return users


@dataclass(frozen=True)
class Lockout:
    """An account locked after too many failed sign-ins, from one or more addresses, until a time."""

    addresses: int
    until: datetime


def user_lockout(*, user: User) -> Lockout | None:
    """The account's current lockout, or None when it may sign in."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).values_list("attempt_time", flat=True)
    times = list(locked)
    if not times:
        return None
    return Lockout(addresses=len(times), until=max(times) + settings.AXES_COOLOFF_TIME)


def locked_usernames(*, usernames: list[str]) -> set[str]:
    """Which of these accounts are locked now (for a list of users)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
        ).values_list("username", flat=True)
    )
