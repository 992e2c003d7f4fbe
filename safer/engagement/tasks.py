"""Background jobs of the engagement app (huey discovers `<app>.tasks`): community messaging's jobs."""

from safer.engagement.messaging.tasks import (
    message_send_batch_task,
    messages_start_due_task,
    subscribers_purge_unconfirmed_task,
)

__all__ = ["message_send_batch_task", "messages_start_due_task", "subscribers_purge_unconfirmed_task"]
