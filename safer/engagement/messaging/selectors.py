"""Staff reads of community messaging: only the user's own partnership's, and every view of subscribers audited."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any
from uuid import UUID

from django.db.models import Avg, Count, QuerySet
from django.db.models.functions import TruncMonth

from safer.core.notifications.choices import NotificationState
from safer.core.services.audit import audit_record
from safer.engagement.errors import EngagementNotFoundError
from safer.engagement.messaging.audience import audience_count
from safer.engagement.messaging.choices import DeliveryState, MessagingAuditAction, SubscriberStatus
from safer.engagement.models import CommunityMessage, Delivery, MessageRating, MessageReply, Subscriber, SubscriberGroup
from safer.engagement.services._access import require_capability


def message_list_for_user(*, user: Any) -> QuerySet[CommunityMessage]:
    """The partnership's messages, newest first."""
    require_capability(user, "messaging.view")
    return CommunityMessage.objects.filter(organisation_id=user.organisation_id).order_by("-created_at", "-id")


def message_get_for_user(
    *, user: Any, public_id: UUID, audit: str = MessagingAuditAction.MESSAGE_VIEWED
) -> CommunityMessage:
    """One of the partnership's messages (not found for another partnership's); the view is audited."""
    require_capability(user, "messaging.view")
    message = (
        CommunityMessage.objects.select_related("created_by", "approved_by", "organisation")
        .filter(public_id=public_id, organisation_id=user.organisation_id)
        .first()
    )
    if message is None:
        raise EngagementNotFoundError("No message that you can see. Check the link.")
    audit_record(actor=user, action=audit, target=message)
    return message


def message_audience_count(*, message: CommunityMessage) -> int:
    """How many subscribers the message reaches now (before sending), or was queued for (after)."""
    if message.audience_count is not None:
        return message.audience_count
    return audience_count(
        organisation_id=message.organisation_id,
        topic=message.topic,
        areas=message.areas,
        groups=message.groups,
        channels=message.channels,
    )


def message_delivery_summary(*, message: CommunityMessage) -> dict[str, Any]:
    """Progress and delivery: deliveries by job state, and by the provider's state (from its receipts)."""
    by_state = Counter(dict(Delivery.objects.filter(message=message).values_list("state").annotate(n=Count("pk"))))
    provider = Counter(
        dict(
            Delivery.objects.filter(message=message, notification__isnull=False)
            .values_list("notification__state")
            .annotate(n=Count("pk"))
        )
    )
    total = sum(by_state.values())
    handed = by_state[DeliveryState.HANDED_OVER] + by_state[DeliveryState.SKIPPED] + by_state[DeliveryState.REFUSED]
    return {
        "total": total,
        "waiting": by_state[DeliveryState.PENDING] + by_state[DeliveryState.CLAIMED],
        "handed_over": by_state[DeliveryState.HANDED_OVER],
        "skipped": by_state[DeliveryState.SKIPPED],
        "refused": by_state[DeliveryState.REFUSED],
        "progress": round(100 * handed / total) if total else 0,
        "sent": provider[NotificationState.SENT]
        + provider[NotificationState.SENDING]
        + provider[NotificationState.QUEUED],
        "delivered": provider[NotificationState.DELIVERED],
        "failed": provider[NotificationState.FAILED],
        "permanent_failure": provider[NotificationState.PERMANENT_FAILURE],
    }


def message_feedback(*, message: CommunityMessage) -> dict[str, Any]:
    """Ratings (count, average, how many gave each score) and replies (text and date only)."""
    ratings = MessageRating.objects.filter(message=message)
    summary = ratings.aggregate(count=Count("pk"), average=Avg("score"))
    scores = Counter(dict(ratings.values_list("score").annotate(n=Count("pk"))))
    return {
        "count": summary["count"],
        "average": round(summary["average"], 1) if summary["average"] is not None else None,
        "scores": [(score, scores[score]) for score in range(5, 0, -1)],
        "replies": list(MessageReply.objects.filter(message=message).values("text", "created_at")[:200]),
    }


def message_totals_for_user(*, user: Any) -> list[dict[str, Any]]:
    """Deliveries by month, district and topic, with how many were delivered and failed (the totals table)."""
    require_capability(user, "messaging.view")
    rows = (
        Delivery.objects.filter(
            message__organisation_id=user.organisation_id, message__sending_started_at__isnull=False
        )
        .annotate(month=TruncMonth("message__sending_started_at"))
        .values("month", "district", "message__topic", "notification__state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[tuple[Any, str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        key = (row["month"], row["district"] or "Not known", row["message__topic"])
        totals[key]["deliveries"] += row["n"]
        if row["notification__state"] == NotificationState.DELIVERED:
            totals[key]["delivered"] += row["n"]
        if row["notification__state"] in (NotificationState.FAILED, NotificationState.PERMANENT_FAILURE):
            totals[key]["failed"] += row["n"]
    return [
        {"month": month, "district": district, "topic": topic, **counts}
        for (month, district, topic), counts in sorted(
            totals.items(), key=lambda item: (item[0][0], item[0][1], item[0][2]), reverse=True
        )
    ]


def message_export_rows(*, user: Any, message: CommunityMessage) -> list[dict[str, Any]]:
    """One row per delivery for the CSV export: channel, district, states and times, never an address."""
    audit_record(actor=user, action=MessagingAuditAction.MESSAGE_EXPORTED, target=message)
    rows = []
    for d in Delivery.objects.filter(message=message).select_related("notification").order_by("pk"):
        n = d.notification
        rows.append(
            {
                "delivery": d.pk,
                "channel": d.channel,
                "district": d.district,
                "job_state": d.state,
                "provider_state": n.state if n else "",
                "sent_at": n.sent_at.isoformat() if n and n.sent_at else "",
                "delivered_at": n.delivered_at.isoformat() if n and n.delivered_at else "",
                "synthetic": message.synthetic,
            }
        )
    return rows


def subscriber_list_for_user(*, user: Any) -> QuerySet[Subscriber]:
    """The partnership's subscribers with their choices (personal data: the view is audited)."""
    require_capability(user, "messaging.subscribers")
    audit_record(actor=user, action=MessagingAuditAction.SUBSCRIBERS_VIEWED, target_type="engagement.subscriber")
    return (
        Subscriber.objects.filter(organisation_id=user.organisation_id)
        .prefetch_related("areas", "topics", "groups")
        .order_by("-created_at", "-id")
    )


def subscriber_counts_for_user(*, user: Any) -> dict[str, int]:
    """How many of the partnership's subscribers are in each status (no personal data, not audited)."""
    require_capability(user, "messaging.view")
    counts = {s: 0 for s in SubscriberStatus.values}
    for status, n in (
        Subscriber.objects.filter(organisation_id=user.organisation_id).values_list("status").annotate(n=Count("pk"))
    ):
        counts[status] = n
    counts["group_requests"] = SubscriberGroup.objects.filter(
        subscriber__organisation_id=user.organisation_id, approved__isnull=True
    ).count()
    return counts
