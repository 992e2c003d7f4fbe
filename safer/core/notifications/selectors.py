"""Reading messages: who may see which (administrators all, others their organisation's), with read audit."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count, QuerySet

from safer.core.notifications.choices import NotificationAuditAction, NotificationState
from safer.core.notifications.errors import NotificationNotFoundError
from safer.core.notifications.models import Notification
from safer.core.services.audit import audit_record


def notification_visible(user: Any) -> QuerySet[Notification]:
    """Messages the user may see: all for `notifications.all`, their organisation's for `notifications.view`."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.has_capability("notifications.view"):
        return Notification.objects.none()
    if user.has_capability("notifications.all"):
        return Notification.objects.all()
    if user.organisation_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(organisation_id=user.organisation_id)


def notification_list_for_user(*, user: Any, state: str = "") -> QuerySet[Notification]:
    """Messages the user may see, newest first, optionally in one state; the view of the list is audited."""
    messages = notification_visible(user).select_related("organisation", "about_type")
    if state:
        messages = messages.filter(state=state)
    audit_record(
        actor=user, action=NotificationAuditAction.LIST_VIEWED, target_type="core.notification", detail={"state": state}
    )
    return messages.order_by("-created_at", "-id")


def notification_get_for_user(
    *, user: Any, public_id: UUID, audit: str = NotificationAuditAction.VIEWED
) -> Notification:
    """One message the user may see (NotificationNotFoundError otherwise); the view is audited."""
    notification = notification_visible(user).select_related("organisation").filter(public_id=public_id).first()
    if notification is None:
        raise NotificationNotFoundError("No such message that you can see.")
    audit_record(actor=user, action=audit, target=notification)
    return notification


def notification_counts_for_user(*, user: Any) -> dict[str, int]:
    """How many messages the user may see are in each state (for the filter)."""
    counts = {state: 0 for state in NotificationState.values}
    for row in notification_visible(user).order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


def notifications_about(*, about: Any) -> QuerySet[Notification]:
    """Messages sent about one object (e.g. a case review), for that object's own page (its own access applies)."""
    from django.contrib.contenttypes.models import ContentType

    return Notification.objects.filter(
        about_type=ContentType.objects.get_for_model(about), about_id=str(about.pk)
    ).order_by("-created_at", "-id")
