"""Background jobs of the notifications service (huey): delivering a message, and the sweep that loses none."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def notification_deliver_task(notification_id: int) -> None:
    """Try to deliver one message; on a temporary failure, schedule the next attempt after the backoff delay."""
    from safer.core.notifications.services import notification_deliver

    delay = notification_deliver(notification_id=notification_id)
    if delay:
        notification_deliver_task.schedule((notification_id,), delay=delay)


@db_task()
def notification_deliver_many_task(notification_ids: list[int]) -> None:
    """Try to deliver a chunk of a batch send; each message that failed for now gets its own retry job."""
    from safer.core.notifications.services import notification_deliver_many

    for notification_id, delay in notification_deliver_many(notification_ids=notification_ids).items():
        notification_deliver_task.schedule((notification_id,), delay=delay)


@db_periodic_task(crontab(minute="*/5"))
def notifications_sweep_task() -> None:
    """Every five minutes: queue again any message whose delivery job was lost or whose retry is overdue."""
    from safer.core.notifications.services import notifications_requeue_due

    notifications_requeue_due()
