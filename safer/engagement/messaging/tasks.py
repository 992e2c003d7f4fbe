"""Background jobs of community messaging (huey): batches at the provider's rate, the scheduler, clean-ups."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def message_send_batch_task(message_id: int) -> None:
    """Hand one batch of a message to the notifications service; queue the next batch a minute later."""
    from safer.engagement.messaging.sending import message_send_batch

    delay = message_send_batch(message_id=message_id)
    if delay:
        message_send_batch_task.schedule((message_id,), delay=delay)


@db_periodic_task(crontab(minute="*"))
def messages_start_due_task() -> None:
    """Every minute: start scheduled messages that are due; restart sends whose worker stopped."""
    from safer.engagement.messaging.sending import messages_start_due
    from safer.engagement.messaging.subscribers import subscribers_suspend_bounced

    messages_start_due()
    subscribers_suspend_bounced()


@db_periodic_task(crontab(minute="17", hour="3"))
def subscribers_purge_unconfirmed_task() -> None:
    """Every night: delete e-mail subscriptions never confirmed within a week."""
    from safer.engagement.messaging.subscribers import subscribers_purge_unconfirmed

    subscribers_purge_unconfirmed()
