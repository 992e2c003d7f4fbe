"""Background jobs of casework (huey): letters and the retention schedule."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def letter_render_task(letter_id: int) -> None:
    """Produce a queued letter's DOCX and PDF."""
    from safer.casework.services.escalation import letter_render

    letter_render(letter_id=letter_id)


@db_periodic_task(crontab(hour="2", minute="30"))
def cases_anonymise_task() -> None:
    """Nightly: anonymise cases closed longer ago than the retention period."""
    from safer.casework.services.retention import cases_anonymise_due

    cases_anonymise_due()


@db_periodic_task(crontab(hour="7", minute="0"))
def task_reminders_task() -> None:
    """Every morning: remind owners of overdue tasks."""
    from safer.casework.services.reminders import task_reminders_send

    task_reminders_send()
