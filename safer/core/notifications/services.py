"""Sending messages: record first, deliver after the caller's transaction commits, retry with backoff.

`notification_send`, `notification_send_template` and `notifications_send_many` are the public API every app uses.
They validate, save the message as QUEUED, audit it (without the recipient) and queue delivery on huey with
`transaction.on_commit`, so a rolled-back caller sends nothing and a committed caller's message is never lost: a
failed attempt is kept with its error, retried by the worker with growing delays, shown to staff, and swept up if
the queue ever lost it.

`notifications_send_many` is the same for many recipients at once (a community message to thousands): one insert,
one audit event per AUDIT_CHUNK messages naming each of them, and one delivery job per DELIVER_CHUNK messages. Each
message in a job is still claimed on its own (an UPDATE only a queued message matches), so two workers never send
one twice, and retries and the sweep work per message exactly as for a single send.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from safer.core.notifications.backends import backend_for, sms_available
from safer.core.notifications.choices import Channel, NotificationAuditAction, NotificationState
from safer.core.notifications.errors import (
    DeliveryPermanentError,
    DeliveryTemporaryError,
    NotificationChannelUnavailableError,
    NotificationError,
    NotificationInputError,
    NotificationStateError,
)
from safer.core.notifications.message_templates import message_template_render
from safer.core.notifications.models import Notification
from safer.core.services.audit import audit_record

logger = logging.getLogger("safer.notifications")

# Seconds to wait before attempt 2, 3, ...: a minute, five minutes, half an hour, two hours, six hours.
RETRY_DELAYS = (60, 300, 1800, 7200, 21600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A message still "sending" this long after it started was interrupted (the worker stopped mid-send).
SENDING_STALE_AFTER = timedelta(minutes=30)
# A queued message whose delivery job has not run after this long is queued again by the sweep.
QUEUED_STALE_AFTER = timedelta(minutes=5)
# Messages per delivery job of a batch send (a job's messages go one after another; several workers share a send).
DELIVER_CHUNK = 50
# Messages named by one audit event of a batch send.
AUDIT_CHUNK = 500

_PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")
_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]{1,60}$")


def _validate(*, channel: str, to: str, subject: str, body: str, headers: dict[str, str]) -> str:
    """Check the inputs for this channel; return the recipient as it will be stored."""
    if channel not in Channel.values:
        raise NotificationInputError(f"Channel {channel!r} is not one of email, sms, letter.", field="channel")
    to = (to or "").strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(to)
        except ValidationError:
            raise NotificationInputError("The email address is not valid.", field="to") from None
    elif channel == Channel.SMS:
        if not _PHONE.match(to):
            raise NotificationInputError("The phone number is not valid (10 to 20 digits).", field="to")
        if not sms_available():
            raise NotificationChannelUnavailableError(
                "Text messages can only be sent through GOV.UK Notify. Set SAFER_NOTIFY_API_KEY, or send an "
                "email or a letter instead.",
                field="channel",
            )
    else:
        lines = [line for line in to.splitlines() if line.strip()]
        if len(lines) < 2 or len(lines) > 7:
            raise NotificationInputError(
                f"A postal address needs 2 to 7 lines, the last a postcode (got {len(lines)}).", field="to"
            )
        to = "\n".join(line.strip() for line in lines)
    if channel in {Channel.EMAIL, Channel.LETTER} and not subject.strip():
        raise NotificationInputError("An email or a letter needs a subject.", field="subject")
    if not body.strip():
        raise NotificationInputError("The message is empty.", field="body")
    for name, value in headers.items():
        if channel != Channel.EMAIL:
            raise NotificationInputError("Headers can only be set on an email.", field="headers")
        if not _HEADER_NAME.match(name) or any(c in str(value) for c in "\r\n"):
            raise NotificationInputError(f"Header {name[:60]!r} is not a valid email header.", field="headers")
    return to


@dataclass(frozen=True)
class NotificationDraft:
    """One message of a batch send: its channel, recipient and words (organisation, about, actor are the batch's)."""

    channel: str
    to: str
    subject: str
    body: str
    headers: dict[str, str] | None = None


@dataclass(frozen=True)
class NotificationsQueued:
    """What notifications_send_many recorded: a notification per accepted draft, the reason for each refused one."""

    notifications: list[Notification | None]  # in the drafts' order; None where the draft was refused
    refused: dict[int, NotificationError]  # draft index -> why (names the field, never the recipient)

    @property
    def queued(self) -> list[Notification]:
        """The notifications recorded and queued, in the drafts' order."""
        return [n for n in self.notifications if n is not None]


def notification_send(
    *,
    channel: str,
    to: str,
    subject: str,
    body: str,
    organisation: Any,
    about: models.Model | None = None,
    actor: Any | None = None,
    template_key: str = "",
    headers: dict[str, str] | None = None,
) -> Notification:
    """Record a message to one recipient and queue its delivery once the caller's transaction commits."""
    draft = NotificationDraft(channel=channel, to=to, subject=subject, body=body, headers=headers)
    done = notifications_send_many(
        [draft], organisation=organisation, about=about, actor=actor, template_key=template_key
    )
    if done.refused:
        raise done.refused[0]
    return done.queued[0]


@transaction.atomic
def notifications_send_many(
    drafts: Sequence[NotificationDraft],
    *,
    organisation: Any,
    about: models.Model | None = None,
    actor: Any | None = None,
    template_key: str = "",
) -> NotificationsQueued:
    """Record many messages at once and queue their delivery in chunks once the caller's transaction commits.

    Every draft is checked as notification_send checks one. A refused draft is skipped and reported with its reason
    (`refused`); the others are recorded and queued, so one bad address does not hold up a message to thousands.
    Nothing is half-written: the rows, their audit events and the queueing commit or roll back together.
    """
    if organisation is None:
        raise NotificationInputError("A message must belong to an organisation.", field="organisation")
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    about_id = str(about.pk) if about is not None else ""
    created_by = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    rows: list[Notification] = []
    slots: list[int] = []
    refused: dict[int, NotificationError] = {}
    for index, draft in enumerate(drafts):
        headers = dict(draft.headers or {})
        try:
            recipient = _validate(
                channel=draft.channel, to=draft.to, subject=draft.subject, body=draft.body, headers=headers
            )
        except NotificationError as error:
            refused[index] = error
            continue
        rows.append(
            Notification(
                channel=draft.channel,
                recipient=recipient,
                subject=draft.subject.strip(),
                body=draft.body.strip(),
                template_key=template_key,
                headers=headers,
                organisation=organisation,
                about_type=about_type,
                about_id=about_id,
                created_by=created_by,
                next_attempt_at=now,
            )
        )
        slots.append(index)
    created = Notification.objects.bulk_create(rows) if rows else []
    about_name = about.__class__.__name__ if about is not None else ""
    if len(created) == 1:
        audit_record(
            actor=actor,
            action=NotificationAuditAction.QUEUED,
            target=created[0],
            detail={"channel": created[0].channel, "template": template_key, "about": about_name},
        )
    else:
        for start in range(0, len(created), AUDIT_CHUNK):
            _audit_queued_many(
                created[start : start + AUDIT_CHUNK], actor=actor, about=about, template_key=template_key
            )
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: notifications_enqueue(notification_ids=ids))
    placed: list[Notification | None] = [None] * len(drafts)
    for index, notification in zip(slots, created, strict=True):
        placed[index] = notification
    return NotificationsQueued(notifications=placed, refused=refused)


def _audit_queued_many(
    notifications: list[Notification], *, actor: Any, about: models.Model | None, template_key: str
) -> None:
    """One audit event for many queued messages, naming each by id (never a recipient)."""
    about_name = about.__class__.__name__ if about is not None else ""
    audit_record(
        actor=actor,
        action=NotificationAuditAction.QUEUED_MANY,
        target=about,
        target_type="" if about is not None else "core.notification",
        target_label=f"{len(notifications)} messages" + (f" about {about_name} {about.pk}" if about else ""),
        detail={
            "notifications": [n.pk for n in notifications],
            "count": len(notifications),
            "channels": sorted({n.channel for n in notifications}),
            "template": template_key,
            "about": about_name,
        },
    )


def notification_send_template(
    *,
    key: str,
    context: dict[str, Any],
    channel: str,
    to: str,
    organisation: Any,
    about: models.Model | None = None,
    actor: Any | None = None,
    headers: dict[str, str] | None = None,
) -> Notification:
    """Render the template in use for `key` and `channel` with `context`, then send it like notification_send."""
    rendered = message_template_render(key=key, channel=channel, context=context)
    return notification_send(
        channel=channel,
        to=to,
        subject=rendered.subject,
        body=rendered.body,
        organisation=organisation,
        about=about,
        actor=actor,
        template_key=key,
        headers=headers,
    )


def notification_enqueue(*, notification_id: int, delay: float = 0) -> None:
    """Put a delivery job on the huey queue (a queue that is down leaves the message for the sweep)."""
    from safer.core.notifications.tasks import notification_deliver_task

    try:
        if delay:
            notification_deliver_task.schedule((notification_id,), delay=delay)
        else:
            notification_deliver_task(notification_id)
    except Exception as error:  # the message is saved; the periodic sweep queues it again
        logger.warning("Could not queue delivery of notification id=%s (%s)", notification_id, type(error).__name__)


def notifications_enqueue(*, notification_ids: list[int]) -> None:
    """Queue delivery of many messages: one job per DELIVER_CHUNK (one message alone gets its own job, as before)."""
    from safer.core.notifications.tasks import notification_deliver_many_task

    if len(notification_ids) == 1:
        notification_enqueue(notification_id=notification_ids[0])
        return
    for start in range(0, len(notification_ids), DELIVER_CHUNK):
        chunk = notification_ids[start : start + DELIVER_CHUNK]
        try:
            notification_deliver_many_task(chunk)
        except Exception as error:  # the messages are saved; the periodic sweep queues them again
            logger.warning("Could not queue delivery of %s notifications (%s)", len(chunk), type(error).__name__)


def notification_deliver_many(*, notification_ids: list[int]) -> dict[int, float]:
    """Delivery attempts for a chunk of messages, one after another; returns {id: seconds until its next attempt}.

    Each message is claimed on its own by notification_deliver, so a message another worker (or the sweep's job)
    already took is passed over, and a worker killed mid-chunk leaves the rest queued for the sweep.
    """
    retries: dict[int, float] = {}
    for notification_id in notification_ids:
        delay = notification_deliver(notification_id=notification_id)
        if delay:
            retries[notification_id] = delay
    return retries


def notification_deliver(*, notification_id: int) -> float | None:
    """One delivery attempt (the worker calls this); returns seconds until the next attempt, or None."""
    now = timezone.now()
    claimed = Notification.objects.filter(
        Q(state=NotificationState.QUEUED) | Q(state=NotificationState.FAILED, next_attempt_at__isnull=False),
        pk=notification_id,
    ).update(state=NotificationState.SENDING, sending_at=now, attempts=F("attempts") + 1, next_attempt_at=None)
    if not claimed:
        return None  # already delivered, being delivered by another worker, or given up on
    notification = Notification.objects.select_related("organisation").get(pk=notification_id)
    try:
        result = backend_for(notification.channel).deliver(notification)
    except DeliveryPermanentError as error:
        _failed(notification, str(error), permanent=True)
        return None
    except DeliveryTemporaryError as error:
        return _failed(notification, str(error), permanent=False)
    except Exception as error:
        reference = secrets.token_hex(4)
        logger.error(
            "Delivery error reference=%s notification id=%s: %s", reference, notification.pk, type(error).__name__
        )
        return _failed(notification, f"Unexpected error (reference {reference}).", permanent=False)
    fields: dict[str, Any] = {
        "state": result.state,
        "provider": result.provider,
        "provider_reference": result.reference[:100],
    }
    fields["sent_at"] = timezone.now()
    if result.state == NotificationState.DELIVERED:
        fields["delivered_at"] = fields["sent_at"]
    fields["last_error"] = ""
    Notification.objects.filter(pk=notification.pk).update(**fields)
    return None


def _failed(notification: Notification, error: str, *, permanent: bool) -> float | None:
    """Record a failed attempt; schedule the next one unless it is permanent or attempts are used up."""
    now = timezone.now()
    attempts = notification.attempts
    delay: float | None = None
    if not permanent and attempts < MAX_ATTEMPTS:
        delay = RETRY_DELAYS[attempts - 1]
        error = f"Attempt {attempts} of {MAX_ATTEMPTS}: {error}"
    elif not permanent:
        error = f"Gave up after {attempts} attempts: {error}"
    Notification.objects.filter(pk=notification.pk).update(
        state=NotificationState.PERMANENT_FAILURE if permanent else NotificationState.FAILED,
        failed_at=now,
        last_error=error[:300],
        next_attempt_at=now + timedelta(seconds=delay) if delay else None,
    )
    logger.info("Notification id=%s attempt %s failed%s", notification.pk, attempts, "" if delay else " (no retry)")
    return delay


@transaction.atomic
def notification_retry(*, actor: Any, notification: Notification) -> Notification:
    """Staff send a failed message again now (the attempt count starts over)."""
    from safer.core.notifications.selectors import notification_visible

    if not notification_visible(actor).filter(pk=notification.pk).exists():
        raise NotificationStateError("No such message that you can see.")
    updated = Notification.objects.filter(
        pk=notification.pk, state__in=[NotificationState.FAILED, NotificationState.PERMANENT_FAILURE]
    ).update(state=NotificationState.QUEUED, attempts=0, next_attempt_at=timezone.now())
    if not updated:
        raise NotificationStateError(
            f"This message is {notification.get_state_display().lower()}; only a failed message can be sent again."
        )
    audit_record(actor=actor, action=NotificationAuditAction.RETRIED, target=notification)
    transaction.on_commit(lambda: notification_enqueue(notification_id=notification.pk))
    notification.refresh_from_db()
    return notification


def notifications_requeue_due() -> int:
    """The periodic sweep: queue again messages whose job was lost or whose retry is due; flag interrupted sends."""
    now = timezone.now()
    interrupted = Notification.objects.filter(state=NotificationState.SENDING, sending_at__lt=now - SENDING_STALE_AFTER)
    # It may or may not have gone: staff decide whether to send again, so it is not retried automatically.
    interrupted.update(
        state=NotificationState.FAILED,
        failed_at=now,
        next_attempt_at=None,
        last_error="Interrupted while sending; it may have been sent. Check before sending it again.",
    )
    due = list(
        Notification.objects.filter(
            Q(state=NotificationState.QUEUED, next_attempt_at__lt=now - QUEUED_STALE_AFTER)
            | Q(state=NotificationState.FAILED, next_attempt_at__lt=now - QUEUED_STALE_AFTER)
        ).values_list("pk", flat=True)[:500]
    )
    for pk in due:
        notification_enqueue(notification_id=pk)
    return len(due)


NOTIFY_STATUS = {
    "delivered": NotificationState.DELIVERED,
    "permanent-failure": NotificationState.PERMANENT_FAILURE,
    "temporary-failure": NotificationState.FAILED,
    "technical-failure": NotificationState.FAILED,
    "sending": NotificationState.SENT,
    "sent": NotificationState.SENT,
    # Letters: Notify accepts, checks and prints them; "received" means the postal provider has the letter.
    "pending-virus-check": NotificationState.SENT,
    "accepted": NotificationState.SENT,
    "received": NotificationState.DELIVERED,
    "virus-scan-failed": NotificationState.PERMANENT_FAILURE,
    "validation-failed": NotificationState.PERMANENT_FAILURE,
    "cancelled": NotificationState.PERMANENT_FAILURE,
}


def notification_receipt_record(*, provider_reference: str, status: str) -> Notification:
    """A provider's delivery receipt: move the message to the state it reports (GOV.UK Notify's callback)."""
    state = NOTIFY_STATUS.get(status)
    if state is None:
        raise NotificationInputError(f"Unknown delivery status {status[:40]!r}.", field="status")
    notification = Notification.objects.filter(provider="notify", provider_reference=provider_reference).first()
    if notification is None:
        raise NotificationStateError("No message with that provider reference.")
    now = timezone.now()
    fields: dict[str, Any] = {"state": state}
    if state == NotificationState.DELIVERED:
        fields["delivered_at"] = now
    elif state in {NotificationState.FAILED, NotificationState.PERMANENT_FAILURE}:
        fields["failed_at"] = now
        fields["last_error"] = f"GOV.UK Notify reported {status}."
        if state == NotificationState.FAILED and notification.attempts < MAX_ATTEMPTS:
            delay = RETRY_DELAYS[max(notification.attempts - 1, 0)]
            fields["next_attempt_at"] = now + timedelta(seconds=delay)
            transaction.on_commit(lambda: notification_enqueue(notification_id=notification.pk, delay=delay))
    Notification.objects.filter(pk=notification.pk).update(**fields)
    notification.refresh_from_db()
    return notification


@transaction.atomic
def message_template_update(*, actor: Any, key: str, channel: str, subject: str, body: str) -> Any:
    """Store the partnership's wording for a message (checked against the placeholders the message supplies)."""
    from safer.core.notifications.message_templates import (
        TEMPLATE_DEFAULTS,
        message_template_get,
        template_placeholders_check,
    )
    from safer.core.notifications.models import MessageTemplate

    if not actor.has_capability("notifications.templates"):
        raise NotificationStateError("Only administrators can change message templates.")
    _subject, _body, allowed = message_template_get(key=key, channel=channel)
    if channel in {Channel.EMAIL, Channel.LETTER} and not subject.strip():
        raise NotificationInputError("Enter a subject.", field="subject")
    if not body.strip():
        raise NotificationInputError("Enter the message.", field="body")
    template_placeholders_check(subject=subject, body=body, allowed=allowed)
    default = TEMPLATE_DEFAULTS.get((key, channel))
    template, _created = MessageTemplate.objects.update_or_create(
        key=key,
        channel=channel,
        defaults={
            "subject": subject.strip(),
            "body": body.strip(),
            "placeholders": list(default.placeholders if default else allowed),
            "updated_by": actor,
        },
    )
    audit_record(actor=actor, action=NotificationAuditAction.TEMPLATE_CHANGED, target=template)
    return template


@transaction.atomic
def message_template_reset(*, actor: Any, key: str, channel: str) -> None:
    """Go back to the default wording the app ships (removes the partnership's stored version)."""
    from safer.core.notifications.message_templates import TEMPLATE_DEFAULTS
    from safer.core.notifications.models import MessageTemplate

    if not actor.has_capability("notifications.templates"):
        raise NotificationStateError("Only administrators can change message templates.")
    if (key, channel) not in TEMPLATE_DEFAULTS:
        raise NotificationStateError("This template has no default to go back to.")
    MessageTemplate.objects.filter(key=key, channel=channel).delete()
    audit_record(
        actor=actor,
        action=NotificationAuditAction.TEMPLATE_RESET,
        target_type="core.messagetemplate",
        target_label=f"{key} ({channel})",
    )
