"""The one import service: every dataset, whoever starts it (command line, or a web upload run by the job).

    results = dataset_import(dataset="offences", paths=[Path("tv-offences-2021.csv")], actor=None,
                             started_by="command line", options={"mapping": {"Crime No": "offence_ref"}})

Path of every import: the dataset's declaration (datasets.py) names its load step, which checks each file
(encoding, header, truncation, archive safety), stages it into DuckDB, validates every row (rejects with line
numbers), and in ONE transaction replaces what the file supersedes, inserts the valid rows with their geography
and writes the import_run row (history and quality summary); then the dashboard aggregates are refreshed. Here
the pipeline ends with one audit event naming the acting user (or none, from the command line), the dataset,
how it was started and the import ids, so no entry point can forget it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.db import DatabaseError
from django.utils.module_loading import import_string

from safer.core.services.audit import audit_record
from safer.intelligence.imports.datasets import Dataset, dataset_get
from safer.intelligence.imports.errors import ImportFileError
from safer.intelligence.imports.progress import Progress
from safer.intelligence.imports.runs import STATUS_ALREADY, ImportResult

logger = logging.getLogger(__name__)

# How the runs were started, as the audit event and the import history name it.
STARTED_BY_COMMAND_LINE = "command line"
STARTED_BY_WEB_UPLOAD = "web upload"


def dataset_import(
    *,
    dataset: str,
    paths: Sequence[Path | str],
    actor: Any | None,
    started_by: str,
    progress: Progress | None = None,
    options: Mapping[str, Any] | None = None,
    command: str = "",
) -> list[ImportResult]:
    """Import files of one declared dataset, then audit it; one result per file (ImportFileError: nothing of it)."""
    declared = dataset_get(dataset)
    loader = import_string(declared.loader)
    username = actor.get_username() if actor is not None and getattr(actor, "is_authenticated", False) else ""
    try:
        results: list[ImportResult] = loader(
            dataset=declared,
            paths=list(paths),
            progress=progress,
            actor_label=username or started_by,
            **dict(options or {}),
        )
    except ImportFileError as error:
        # Files before the failing one may be loaded (each is its own transaction): the history lists them.
        _audit_write(
            actor=actor,
            action="intelligence.import_stopped",
            dataset=declared,
            detail={"dataset": declared.key, "started_by": started_by, "command": command, "error": str(error)[:300]},
        )
        raise
    import_audit(actor=actor, dataset=declared, started_by=started_by, results=results, command=command)
    return results


def import_audit(
    *, actor: Any | None, dataset: Dataset, started_by: str, results: Sequence[ImportResult], command: str = ""
) -> None:
    """The audit event of an import: who, which dataset, how started, files, rows and the import ids.

    Skipped with a log line when the application database is not set up (imports need only the warehouse).
    """
    detail: dict[str, Any] = {
        "dataset": dataset.key,
        "started_by": started_by,
        "files": len(results),
        "already_imported": sum(1 for r in results if r.status == STATUS_ALREADY),
        "rows_loaded": sum(r.rows_loaded for r in results),
        "rows_rejected": sum(r.rows_rejected for r in results),
        "import_ids": [r.import_id for r in results],
    }
    if command:
        detail["command"] = command
    target_id = str(results[0].import_id or "") if len(results) == 1 else ""
    _audit_write(
        actor=actor, action="intelligence.import_finished", dataset=dataset, detail=detail, target_id=target_id
    )


def _audit_write(
    *, actor: Any | None, action: str, dataset: Dataset, detail: dict[str, Any], target_id: str = ""
) -> None:
    try:
        audit_record(
            actor=actor,
            action=action,
            target_type="warehouse.import_run",
            target_id=target_id,
            target_label=dataset.title,
            detail=detail,
        )
    except DatabaseError:
        logger.warning("Import not audited: the application database is not set up (run safer migrate)")


def dataset_import_runner(
    *,
    paths: Sequence[Path | str],
    progress: Progress | None,
    actor: Any | None,
    dataset: str,
    **options: Any,
) -> list[ImportResult]:
    """The web job's runner (jobs.py): the upload's import, audited as started by the job's user."""
    return dataset_import(
        dataset=dataset, paths=paths, actor=actor, started_by=STARTED_BY_WEB_UPLOAD, progress=progress, options=options
    )
