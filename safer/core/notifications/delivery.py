"""Queueing and delivering messages the services recorded: delivery jobs on huey, one attempt per message, retries
with backoff, the sweep that loses none, and providers' delivery receipts (the worker and the receipts endpoint
call these; apps send through services.py).

Each attempt claims its message with an UPDATE that only a queued (or due-for-retry) message matches, so two workers
never send one message twice; a temporary failure schedules the next attempt after RETRY_DELAYS, a permanent one
stops; a message left "sending" by a stopped worker is flagged for staff, never sent again automatically.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from safer.core.notifications.backends import backend_for
from safer.core.notifications.choices import NotificationState
from safer.core.notifications.errors import (
    DeliveryPermanentError,
    DeliveryTemporaryError,
    NotificationInputError,
    NotificationStateError,
)
from safer.core.notifications.models import Notification

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
