"""huey task for SIA reports (registered by safer/intelligence/tasks.py, which huey discovers)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def sia_report_execute(report_id: str) -> None:
    """Write one SiaReport in the background worker (or at once when huey is immediate, as in tests)."""
    from safer.intelligence.sia.jobs import sia_report_run

    sia_report_run(report_id)
