"""Uploads are not kept: a job's file goes when its import has run, abandoned ones within a day."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from safer.intelligence.imports.jobs import UPLOAD_KEEP, uploads_dir, uploads_purge
from safer.intelligence.models import ImportJob, ImportJobStatus

pytestmark = pytest.mark.django_db


def _folder(*parts: str, age: timedelta) -> Path:
    folder = uploads_dir().joinpath(*parts)
    folder.mkdir(parents=True)
    (folder / "extract.csv").write_text("offence_ref\n1\n")
    stamp = time.time() - age.total_seconds()
    os.utime(folder, (stamp, stamp))
    return folder


def test_old_unused_uploads_go_and_everything_else_stays() -> None:
    old = UPLOAD_KEEP + timedelta(minutes=5)
    abandoned_mapping = _folder("pending", "aaaa", age=old)
    recent_mapping = _folder("pending", "bbbb", age=timedelta(minutes=10))
    dead_job_left_over = _folder("cccc", age=old)
    queued = _folder("dddd", age=old)
    ImportJob.objects.create(
        kind="offences", runner="x", original_name="extract.csv", upload_path=str(queued / "extract.csv")
    )
    assert ImportJob.objects.get().status == ImportJobStatus.QUEUED
    assert uploads_purge() == 2
    assert not abandoned_mapping.exists() and not dead_job_left_over.exists()
    assert recent_mapping.exists() and queued.exists()
    assert (uploads_dir() / "pending").is_dir()  # the folders themselves stay


def test_nothing_to_do_without_an_uploads_folder() -> None:
    assert not uploads_dir().exists()
    assert uploads_purge() == 0


def test_only_folders_inside_uploads_are_ever_removed(tmp_path: Path) -> None:
    from safer.intelligence.imports.jobs import _upload_folder_remove

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    uploads_dir().mkdir(parents=True)
    assert not _upload_folder_remove(outside)
    assert not _upload_folder_remove(uploads_dir())
    assert not _upload_folder_remove(uploads_dir() / "pending")
    assert outside.exists() and uploads_dir().exists()
