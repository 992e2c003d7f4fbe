"""Reads for account administration."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

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
