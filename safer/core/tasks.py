"""Background jobs of the core app (huey discovers `<app>.tasks`): the notifications service's jobs."""

from safer.core.notifications.tasks import (
    notification_deliver_many_task,
    notification_deliver_task,
    notifications_sweep_task,
)

__all__ = ["notification_deliver_many_task", "notification_deliver_task", "notifications_sweep_task"]
