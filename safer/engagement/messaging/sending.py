"""Staff side of community messaging: the message's workflow, and the batched, idempotent send.

Workflow: draft -> awaiting approval -> approved (when the partnership requires approval) -> scheduled or sending
-> sent; sending can be paused and resumed. Sending never calls a provider itself: deliveries are handed to the
product's one notifications service in groups (notifications_send_many), which delivers, retries and records
receipts.

Idempotence: one `Delivery` row per message x subscriber x channel (a unique constraint). A batch claims rows
atomically (an UPDATE that only pending rows match), then hands a group of them to the notifications service in a
transaction that first re-checks (and locks) the claim and then links each notification to its row. A worker killed
between claim and hand-over leaves claimed rows with no notification: nothing was queued (the notifications and
their delivery jobs roll back with the links), so the next run returns them to pending. A row with a notification is
never handed over again. A row the notifications service refuses (an address it cannot use) is marked refused, not
retried.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safer.core.i18n import django_language
from safer.core.services.audit import audit_record
from safer.engagement.errors import ConsultationStateError, EngagementInputError
from safer.engagement.messaging.audience import audience_subscribers
from safer.engagement.messaging.choices import (
    DeliveryState,
    Group,
    MessageStatus,
    MessagingAuditAction,
    SubscriberChannel,
    SubscriberStatus,
    Topic,
)
from safer.engagement.messaging.subscribers import public_link
from safer.engagement.models import CommunityMessage, Delivery, Subscriber, SubscriberArea
from safer.engagement.services._access import require_capability, require_same_partnership
from safer.engagement.services.partnership import engagement_settings_for

# A claim with no notification this long after it was made belongs to a worker that stopped: release it.
CLAIM_STALE_AFTER = timedelta(minutes=10)
BATCH_INTERVAL_SECONDS = 60
QUEUE_CHUNK = 5000
HAND_OVER_GROUP = 100
SMS_MAX = 612  # four text message parts


class MessageStateError(ConsultationStateError):
    """The message is not in a state that allows this."""


def _rate() -> int:
    return max(1, int(getattr(settings, "SAFER_MESSAGING_RATE_PER_MINUTE", 3000)))


def _audience_check(*, channels: list[str], topic: str, groups: list[str], areas: list[dict[str, Any]]) -> None:
    if not channels or any(c not in SubscriberChannel.values for c in channels):
        raise EngagementInputError("Choose e-mail, text message or both.", field="channels")
    if topic not in Topic.values:
        raise EngagementInputError("Choose the message's topic.", field="topic")
    if any(g not in Group.values for g in groups):
        raise EngagementInputError("Choose groups from the list.", field="groups")
    for area in areas:
        if not {"kind", "code", "name"} <= set(area):
            raise EngagementInputError("An area of the audience is not valid.", field="areas")


def _content_check(
    *, subject: str, body: str, channels: list[str], topic: str, groups: list[str], areas: list[dict[str, Any]]
) -> tuple[str, str]:
    """The message's words and audience checked; the subject and body stripped."""
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise EngagementInputError("Enter a subject.", field="subject")
    if not body:
        raise EngagementInputError("Enter the message.", field="body")
    if SubscriberChannel.SMS in channels and len(body) > SMS_MAX:
        raise EngagementInputError(
            f"A text message can be at most {SMS_MAX} characters; this one is {len(body)}. Shorten it or send by "
            "e-mail only.",
            field="body",
        )
    _audience_check(channels=channels, topic=topic, groups=groups, areas=areas)
    return subject, body


@transaction.atomic
def message_create(
    *,
    actor: Any,
    subject: str,
    body: str,
    channels: list[str],
    topic: str,
    areas: list[dict[str, Any]],
    groups: list[str],
    template_key: str = "",
    digest: dict[str, str] | None = None,
) -> CommunityMessage:
    """Write a draft message to an audience (areas, topic, groups) on the chosen channels."""
    require_capability(actor, "messaging.write")
    subject, body = _content_check(
        subject=subject, body=body, channels=channels, topic=topic, groups=groups, areas=areas
    )
    message = CommunityMessage.objects.create(
        organisation=actor.organisation,
        subject=subject,
        body=body,
        template_key=template_key,
        channels=sorted(set(channels)),
        topic=topic,
        areas=areas,
        groups=sorted(set(groups)),
        digest=digest or {},
        created_by=actor,
    )
    audit_record(actor=actor, action=MessagingAuditAction.MESSAGE_CREATED, target=message)
    return message


# A message may be changed until it is scheduled; a change withdraws any approval (the approver saw other words).
EDITABLE = frozenset({MessageStatus.DRAFT, MessageStatus.AWAITING_APPROVAL, MessageStatus.APPROVED})


@transaction.atomic
def message_update(
    *,
    actor: Any,
    message: CommunityMessage,
    subject: str,
    body: str,
    channels: list[str],
    topic: str,
    areas: list[dict[str, Any]],
    groups: list[str],
) -> CommunityMessage:
    """Change a message's words or audience before it is scheduled or sent; it goes back to being a draft."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    if message.status not in EDITABLE:
        raise MessageStateError(
            f"This message is {message.get_status_display().lower()}; it can no longer be changed. "
            "Cancel it and write a new one if it must say something else."
        )
    subject, body = _content_check(
        subject=subject, body=body, channels=channels, topic=topic, groups=groups, areas=areas
    )
    message.subject, message.body, message.topic = subject, body, topic
    message.channels, message.areas, message.groups = sorted(set(channels)), areas, sorted(set(groups))
    was = message.status
    message.status, message.approved_by, message.approved_at = MessageStatus.DRAFT, None, None
    message.save()
    audit_record(
        actor=actor, action=MessagingAuditAction.MESSAGE_UPDATED, target=message, detail={"status_before": was}
    )
    return message


def _locked(actor: Any, message: CommunityMessage) -> CommunityMessage:
    require_same_partnership(actor, message.organisation_id, what="message")
    return CommunityMessage.objects.select_for_update().get(pk=message.pk)


def _move(
    actor: Any, message: CommunityMessage, *, allowed: set[str], to: str, action: str, **fields: Any
) -> CommunityMessage:
    if message.status not in allowed:
        raise MessageStateError(
            f"This message is {message.get_status_display().lower()}; it cannot be "
            f"{dict(MessageStatus.choices)[to].lower()} now."
        )
    CommunityMessage.objects.filter(pk=message.pk).update(status=to, **fields)
    audit_record(actor=actor, action=action, target=message, detail={"status": to})
    message.refresh_from_db()
    return message


def _ready_statuses(message: CommunityMessage) -> set[str]:
    """Statuses from which a message may be sent or scheduled (approval first where the partnership asks)."""
    if engagement_settings_for(message.organisation).messaging_requires_approval:
        return {MessageStatus.APPROVED}
    return {MessageStatus.DRAFT, MessageStatus.APPROVED}


@transaction.atomic
def message_submit(*, actor: Any, message: CommunityMessage) -> CommunityMessage:
    """Send a draft for approval."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    return _move(
        actor,
        message,
        allowed={MessageStatus.DRAFT},
        to=MessageStatus.AWAITING_APPROVAL,
        action=MessagingAuditAction.MESSAGE_SUBMITTED,
    )


@transaction.atomic
def message_approve(*, actor: Any, message: CommunityMessage) -> CommunityMessage:
    """A second person approves a message waiting for approval (not its author)."""
    require_capability(actor, "messaging.approve")
    message = _locked(actor, message)
    if message.created_by_id == actor.pk:
        raise MessageStateError("Someone other than the author must approve a message.")
    return _move(
        actor,
        message,
        allowed={MessageStatus.AWAITING_APPROVAL},
        to=MessageStatus.APPROVED,
        action=MessagingAuditAction.MESSAGE_APPROVED,
        approved_by=actor,
        approved_at=timezone.now(),
    )


@transaction.atomic
def message_schedule(*, actor: Any, message: CommunityMessage, when: datetime) -> CommunityMessage:
    """Send later: the scheduler starts it at `when`."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    if when <= timezone.now():
        raise EngagementInputError("Choose a time in the future.", field="when")
    return _move(
        actor,
        message,
        allowed=_ready_statuses(message),
        to=MessageStatus.SCHEDULED,
        action=MessagingAuditAction.MESSAGE_SCHEDULED,
        scheduled_for=when,
    )


@transaction.atomic
def message_send(*, actor: Any, message: CommunityMessage) -> CommunityMessage:
    """Start sending now: the job queues one delivery per subscriber and channel, then sends in batches."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    message = _move(
        actor,
        message,
        allowed=_ready_statuses(message) | {MessageStatus.SCHEDULED},
        to=MessageStatus.SENDING,
        action=MessagingAuditAction.MESSAGE_SENT,
        sending_started_at=timezone.now(),
    )
    transaction.on_commit(lambda: message_enqueue(message_id=message.pk))
    return message


@transaction.atomic
def message_pause(*, actor: Any, message: CommunityMessage) -> CommunityMessage:
    """Stop handing deliveries over after the current batch; resume carries on where it stopped."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    return _move(
        actor,
        message,
        allowed={MessageStatus.SENDING},
        to=MessageStatus.PAUSED,
        action=MessagingAuditAction.MESSAGE_PAUSED,
    )


@transaction.atomic
def message_resume(*, actor: Any, message: CommunityMessage) -> CommunityMessage:
    """Carry on sending a paused message."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    message = _move(
        actor,
        message,
        allowed={MessageStatus.PAUSED},
        to=MessageStatus.SENDING,
        action=MessagingAuditAction.MESSAGE_RESUMED,
    )
    transaction.on_commit(lambda: message_enqueue(message_id=message.pk))
    return message


@transaction.atomic
def message_cancel(*, actor: Any, message: CommunityMessage) -> CommunityMessage:
    """Cancel a message not yet sent (deliveries already handed over are not recalled)."""
    require_capability(actor, "messaging.write")
    message = _locked(actor, message)
    return _move(
        actor,
        message,
        allowed={
            MessageStatus.DRAFT,
            MessageStatus.AWAITING_APPROVAL,
            MessageStatus.APPROVED,
            MessageStatus.SCHEDULED,
            MessageStatus.PAUSED,
        },
        to=MessageStatus.CANCELLED,
        action=MessagingAuditAction.MESSAGE_CANCELLED,
    )


def message_enqueue(*, message_id: int, delay: float = 0) -> None:
    """Put the message's next batch on the job queue (the minute sweep picks it up if the queue is down)."""
    from safer.engagement.messaging.tasks import message_send_batch_task

    try:
        if delay:
            message_send_batch_task.schedule((message_id,), delay=delay)
        else:
            message_send_batch_task(message_id)
    except Exception:  # noqa: BLE001 - the sweep (messages_start_due) queues it again
        return


def deliveries_queue(*, message: CommunityMessage) -> int:
    """Create the message's pending deliveries, one per subscriber and channel (idempotent); return the count."""
    first_district = Subquery(
        SubscriberArea.objects.filter(subscriber=OuterRef("pk")).exclude(district="").values("district")[:1]
    )
    subscribers = (
        audience_subscribers(
            organisation_id=message.organisation_id,
            topic=message.topic,
            areas=message.areas,
            groups=message.groups,
            channels=message.channels,
        )
        .annotate(first_district=first_district)
        .order_by("pk")
        .values_list("pk", "channel", "first_district")
    )
    batch: list[Delivery] = []
    for pk, channel, district in subscribers.iterator(chunk_size=QUEUE_CHUNK):
        batch.append(Delivery(message_id=message.pk, subscriber_id=pk, channel=channel, district=district or ""))
        if len(batch) >= QUEUE_CHUNK:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
    total = Delivery.objects.filter(message=message).count()
    CommunityMessage.objects.filter(pk=message.pk).update(audience_count=total)
    return total


def _claims_release_stale(*, message_id: int, now: datetime) -> int:
    """Claims of a worker that stopped before handing the delivery over go back to pending (nothing was sent)."""
    return Delivery.objects.filter(
        message_id=message_id,
        state=DeliveryState.CLAIMED,
        notification__isnull=True,
        claimed_at__lt=now - CLAIM_STALE_AFTER,
    ).update(state=DeliveryState.PENDING, claim="", claimed_at=None)


def _claim(*, message_id: int, size: int, now: datetime) -> str:
    """Claim up to `size` pending deliveries for this run (only rows still pending are taken)."""
    claim = secrets.token_hex(8)
    ids = list(
        Delivery.objects.filter(message_id=message_id, state=DeliveryState.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    Delivery.objects.filter(pk__in=ids, state=DeliveryState.PENDING).update(
        state=DeliveryState.CLAIMED, claim=claim, claimed_at=now
    )
    return claim


def message_render_for(*, message: CommunityMessage, subscriber: Subscriber, channel: str) -> tuple[str, str]:
    """(subject, body) one subscriber receives: the message, their areas' digest, and their links."""
    rate = public_link("engagement:public-alerts-message", subscriber.token, str(message.public_id))
    manage = public_link("engagement:public-alerts-manage", subscriber.token)
    unsubscribe = public_link("engagement:public-alerts-unsubscribe", subscriber.token)
    parts = [message.body]
    if message.digest:
        keys = [f"{a.kind}:{a.code}" for a in subscriber.areas.all()]
        keys += [f"district:{a.district}" for a in subscriber.areas.all() if a.district]
        seen: list[str] = []
        for key in keys:
            if key in message.digest and message.digest[key] not in seen:
                seen.append(message.digest[key])
        parts += seen
    with translation.override(django_language(subscriber.language)):
        if channel == SubscriberChannel.SMS:
            parts.append(_("Stop: %(link)s") % {"link": unsubscribe})
        else:
            parts.append(
                "---\n"
                + _("Was this useful? Rate it or reply: %(link)s") % {"link": rate}
                + "\n"
                + _("Change your areas and topics: %(link)s") % {"link": manage}
                + "\n"
                + _("Unsubscribe: %(link)s") % {"link": unsubscribe}
            )
    return message.subject, "\n\n".join(parts)


def _unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058 headers: mail clients show an unsubscribe button that POSTs to the link."""
    link = public_link("engagement:public-alerts-unsubscribe", subscriber.token)
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _hand_over_group(group: list[Delivery], message: CommunityMessage, *, claim: str) -> None:
    """Give a group of claimed deliveries to the notifications service in one go, and link them, atomically.

    The group's rows are first re-stamped under our claim: that write locks them (row locks on PostgreSQL, the
    write lock on SQLite) until commit, so a row whose claim was released and taken by another run is left to that
    run, and no other run can take ours between the check and the link. Notifications, links and their delivery
    jobs commit together or not at all.
    """
    from safer.core.notifications import NotificationDraft, notifications_send_many

    ids = [d.pk for d in group]
    with transaction.atomic():
        held = Delivery.objects.filter(pk__in=ids, state=DeliveryState.CLAIMED, claim=claim)
        if held.update(claimed_at=timezone.now()) < len(ids):
            ours = set(held.values_list("pk", flat=True))
            group = [d for d in group if d.pk in ours]
        sending = [d for d in group if d.subscriber is not None and d.subscriber.status == SubscriberStatus.ACTIVE]
        active = {d.pk for d in sending}
        skipped = [d.pk for d in group if d.pk not in active]
        if skipped:
            Delivery.objects.filter(pk__in=skipped).update(state=DeliveryState.SKIPPED)
        if not sending:
            return
        drafts = []
        for delivery in sending:
            subscriber = delivery.subscriber
            assert subscriber is not None  # checked above; for the type checker
            subject, body = message_render_for(message=message, subscriber=subscriber, channel=delivery.channel)
            email = delivery.channel == SubscriberChannel.EMAIL
            drafts.append(
                NotificationDraft(
                    channel=delivery.channel,
                    to=subscriber.contact,
                    subject=subject,
                    body=body,
                    headers=_unsubscribe_headers(subscriber) if email else None,
                    language=subscriber.language,
                )
            )
        done = notifications_send_many(
            drafts,
            organisation=message.organisation,
            about=message,
            template_key=message.template_key or "community-message",
        )
        for delivery, notification in zip(sending, done.notifications, strict=True):
            delivery.notification = notification
            delivery.state = DeliveryState.HANDED_OVER if notification is not None else DeliveryState.REFUSED
        Delivery.objects.bulk_update(sending, ["state", "notification"])


def message_send_batch(*, message_id: int, now: datetime | None = None) -> float | None:
    """One batch of a sending message (the worker calls this); returns seconds until the next batch, or None."""
    now = now or timezone.now()
    message = CommunityMessage.objects.select_related("organisation").filter(pk=message_id).first()
    if message is None or message.status != MessageStatus.SENDING:
        return None  # paused, cancelled or finished: resuming queues the next batch
    if message.audience_count is None:
        deliveries_queue(message=message)
    _claims_release_stale(message_id=message_id, now=now)
    claim = _claim(message_id=message_id, size=_rate(), now=now)
    claimed = (
        Delivery.objects.filter(message_id=message_id, claim=claim, state=DeliveryState.CLAIMED)
        .select_related("subscriber")
        .prefetch_related("subscriber__areas")
        .order_by("pk")
    )
    # Handed over in groups (one transaction, one insert of notifications and one delivery job per
    # notifications.DELIVER_CHUNK for each HAND_OVER_GROUP): a notification and its delivery row's link always
    # commit together.
    group: list[Delivery] = []
    for delivery in claimed:
        group.append(delivery)
        if len(group) >= HAND_OVER_GROUP:
            _hand_over_group(group, message, claim=claim)
            group = []
    if group:
        _hand_over_group(group, message, claim=claim)
    left = Delivery.objects.filter(
        message_id=message_id, state__in=[DeliveryState.PENDING, DeliveryState.CLAIMED]
    ).exists()
    if left:
        return BATCH_INTERVAL_SECONDS
    CommunityMessage.objects.filter(pk=message_id, status=MessageStatus.SENDING).update(
        status=MessageStatus.SENT, sent_at=timezone.now()
    )
    return None


def messages_start_due(*, now: datetime | None = None) -> int:
    """The minute sweep: start scheduled messages that are due, and re-queue sending ones whose job was lost."""
    now = now or timezone.now()
    due = list(
        CommunityMessage.objects.filter(status=MessageStatus.SCHEDULED, scheduled_for__lte=now).values_list(
            "pk", flat=True
        )
    )
    for pk in due:
        updated = CommunityMessage.objects.filter(pk=pk, status=MessageStatus.SCHEDULED).update(
            status=MessageStatus.SENDING, sending_started_at=now
        )
        if updated:
            audit_record(
                actor=None,
                action=MessagingAuditAction.MESSAGE_SENT,
                target_type="engagement.communitymessage",
                target_id=pk,
                target_label=f"Scheduled message {pk}",
            )
            message_enqueue(message_id=pk)
    # A worker killed mid-batch loses that job: a sending message with no claim for a while is queued again.
    quiet = now - CLAIM_STALE_AFTER
    stalled = (
        CommunityMessage.objects.filter(status=MessageStatus.SENDING, sending_started_at__lt=quiet)
        .annotate(last_claim=Max("deliveries__claimed_at"))
        .filter(Q(last_claim__isnull=True) | Q(last_claim__lt=quiet))
        .values_list("pk", flat=True)
    )
    for pk in list(stalled):
        message_enqueue(message_id=pk)
    return len(due)
