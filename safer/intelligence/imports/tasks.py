"""huey tasks for imports (registered by safer/intelligence/tasks.py, which huey discovers)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def import_job_execute(job_id: str) -> None:
    """Run one ImportJob in the background worker (or at once when huey is immediate, as in tests)."""
    from safer.intelligence.imports.jobs import import_job_run

    import_job_run(job_id)


@db_periodic_task(crontab(minute="17"))
def uploads_purge_task() -> None:
    """Hourly: delete uploads nobody finished (column mapping abandoned) or that a dead job left behind."""
    from safer.intelligence.imports.jobs import uploads_purge

    uploads_purge()
