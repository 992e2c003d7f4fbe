"""huey tasks for imports (registered by safer/intelligence/tasks.py, which huey discovers)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def import_job_execute(job_id: str) -> None:
    """Run one ImportJob in the background worker (or at once when huey is immediate, as in tests)."""
    from safer.intelligence.importing.jobs import import_job_run

    import_job_run(job_id)
