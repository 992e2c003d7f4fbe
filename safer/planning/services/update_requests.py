"""Asking action owners for a progress update, through the product's one notifications service."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from safer.accounts.models import User
from safer.core.notifications import notification_send_template
from safer.core.notifications.models import Notification
from safer.planning.choices import PlanningAuditAction
from safer.planning.errors import PlanningInputError
from safer.planning.messages import UPDATE_REQUEST
from safer.planning.models import Action
from safer.planning.services._common import audited, require_manager


@dataclass(frozen=True)
class UpdateRequestResult:
    """What happened to one request: the message sent, or why none could be."""

    action: Action
    notification: Notification | None
    skipped_because: str = ""


def update_link(action: Action) -> str:
    """The address of the action's progress page (signing in first if needed)."""
    path = reverse("planning:progress", args=[action.priority.plan.slug, action.pk])
    return f"{settings.SAFER_PUBLIC_URL}{path}"


@transaction.atomic
def update_request_send(
    *, actor: User | None, actions: list[Action], reasons: dict[int, str] | None = None
) -> list[UpdateRequestResult]:
    """E-mail each action's owner asking for a progress update; actions with no owner to ask are reported."""
    require_manager(actor)
    assert actor is not None  # for the type checker: require_manager refused None
    if not actions:
        raise PlanningInputError("Choose at least one action whose owner to ask.", field="actions")
    results = []
    for action in actions:
        owner = action.owner
        if owner is None or not owner.is_active or not owner.email:
            why = "it has no owner" if owner is None else "its owner has no active account with an e-mail address"
            results.append(UpdateRequestResult(action, None, skipped_because=why))
            continue
        plan = action.priority.plan
        notification = notification_send_template(
            key=UPDATE_REQUEST,
            channel="email",
            to=owner.email,
            organisation=actor.organisation or owner.organisation,
            about=action,
            actor=actor,
            context={
                "owner_name": owner.display_name,
                "manager_name": actor.display_name,
                "plan": plan.title,
                "action": action.what,
                "reason": (reasons or {}).get(action.pk, "the plan's quarterly progress update"),
                "update_link": update_link(action),
                "partnership": plan.partnership,
            },
        )
        audited(actor, PlanningAuditAction.UPDATE_REQUESTED, action, notification=notification.pk)
        results.append(UpdateRequestResult(action, notification))
    return results


def update_requests_last(*, actions: list[Action]) -> dict[int, Notification]:
    """The latest update request sent about each action (for "last asked" on the overdue page)."""
    from django.contrib.contenttypes.models import ContentType

    latest: dict[int, Notification] = {}
    found = Notification.objects.filter(
        template_key=UPDATE_REQUEST,
        about_type=ContentType.objects.get_for_model(Action),
        about_id__in=[str(a.pk) for a in actions],
    ).order_by("created_at")
    for notification in found:
        latest[int(notification.about_id)] = notification
    return latest
