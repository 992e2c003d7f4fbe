"""Reminders: each user with overdue casework tasks gets one e-mail a day (case references only, no names)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.core.mail import send_mail
from django.utils import timezone

from safer.casework.models import Task


def task_reminders_send(*, today: date | None = None) -> int:
    """E-mail every owner of overdue open tasks a list of their case references; return e-mails sent."""
    today = today or timezone.localdate()
    overdue = (
        Task.objects.filter(done_at__isnull=True, due_on__lt=today, case__status="open", owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner", "case")
        .order_by("owner_id", "due_on")
    )
    by_owner: dict[int, list[Task]] = defaultdict(list)
    for task in overdue:
        by_owner[task.owner_id].append(task)
    sent = 0
    for tasks in by_owner.values():
        owner = tasks[0].owner
        lines = [f"- {t.case.reference}: due {t.due_on:%d %B %Y}" for t in tasks]
        send_mail(
            subject=f"Safer Communities: {len(tasks)} overdue casework task(s)",
            message="You have overdue tasks on these cases. Sign in to see them under 'My tasks'.\n\n"
            + "\n".join(lines),
            from_email=None,
            recipient_list=[owner.email],
        )
        sent += 1
    return sent
