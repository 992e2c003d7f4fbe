"""The one import service: each dataset through each entry point (command line, web job) writes its audit event."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.intelligence.imports.datasets import DATASETS, DatasetUnknownError, dataset_get
from safer.intelligence.imports.jobs import import_job_run
from safer.intelligence.imports.pipeline import dataset_import
from safer.intelligence.models import ImportJob, ImportJobStatus
from safer.intelligence.tests.imports.extracts.helpers import GOOD_ASB, GOOD_OFFENCE, asb_rows, offence_rows
from safer.intelligence.tests.imports.policeuk.helpers import STREET_2022_03, csv_rows, warehouse_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(role=Role.ANALYST)


def _import_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="intelligence.import_finished", target_type="warehouse.import_run"))


def _csv_upload(name: str, row: dict[str, str]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(row))
    writer.writerow(list(row.values()))
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


class TestDatasetGet:
    def test_unknown_dataset_names_the_known_ones(self) -> None:
        known = "Known datasets: ae, asb, da, offences, policeuk"
        with pytest.raises(DatasetUnknownError, match=f'no dataset "matac".*{known}'):
            dataset_get("matac")

    def test_every_declared_dataset_names_a_loader_and_command_that_exist(self) -> None:
        from django.core.management import get_commands
        from django.utils.module_loading import import_string

        for dataset in DATASETS.values():
            assert callable(import_string(dataset.loader))
            assert dataset.command in get_commands()


class TestCommandLineAudit:
    def test_import_policeuk(self) -> None:
        call_command("import-policeuk", str(STREET_2022_03), "--no-progress")
        [event] = _import_events()
        assert event.channel == "cli" and event.actor is None
        assert event.detail["dataset"] == "policeuk" and event.detail["started_by"] == "command line"
        assert event.detail["command"] == "import-policeuk"
        assert event.detail["rows_loaded"] == len(csv_rows(STREET_2022_03))
        [(import_id,)] = warehouse_rows("SELECT import_id FROM import_run")
        assert event.detail["import_ids"] == [import_id] and event.target_id == str(import_id)

    @pytest.mark.parametrize(("command", "dataset"), [("import-offences", "offences"), ("import-asb", "asb")])
    def test_extract_commands(self, tmp_path: Path, command: str, dataset: str) -> None:
        path = (offence_rows if dataset == "offences" else asb_rows)(tmp_path / "extract.csv", [{}, {}])
        call_command(command, str(path), "--no-progress")
        [event] = _import_events()
        assert event.channel == "cli" and event.actor is None
        assert event.detail["dataset"] == dataset and event.detail["command"] == command
        assert event.detail["rows_loaded"] == 1 and event.detail["rows_rejected"] == 1  # the second is a duplicate
        [(import_id,)] = warehouse_rows("SELECT import_id FROM import_run WHERE kind = ?", [dataset])
        assert event.detail["import_ids"] == [import_id]
        assert "43/1/21" not in str(event.detail) and "R-1" not in str(event.detail)  # no record contents

    def test_a_refused_extract_is_audited_as_stopped(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.csv"
        bad.write_text("nothing,useful\n1,2\n", encoding="utf-8")
        with pytest.raises(CommandError, match="bad.csv"):
            call_command("import-offences", str(bad), "--no-progress")
        event = AuditEvent.objects.get(action="intelligence.import_stopped")
        assert event.detail["dataset"] == "offences" and "bad.csv" in event.detail["error"]
        assert _import_events() == []


class TestWebJobAudit:
    def test_policeuk_upload(self, analyst: Any, client_for: Any) -> None:
        upload = SimpleUploadedFile(STREET_2022_03.name, STREET_2022_03.read_bytes(), content_type="text/csv")
        client_for(analyst).post(reverse("intelligence:imports"), {"file": upload})
        job = ImportJob.objects.get()
        assert job.status == ImportJobStatus.SUCCEEDED, job.error_message
        [event] = _import_events()
        assert event.actor == analyst and event.detail["dataset"] == "policeuk"
        assert event.detail["started_by"] == "web upload"
        assert event.detail["import_ids"] == [r["import_id"] for r in job.results]

    @pytest.mark.parametrize(("dataset", "row"), [("offences", GOOD_OFFENCE), ("asb", GOOD_ASB)])
    def test_extract_upload(self, analyst: Any, client_for: Any, dataset: str, row: dict[str, str]) -> None:
        client_for(analyst).post(reverse("intelligence:extracts"), {"kind": dataset, "file": _csv_upload("x.csv", row)})
        job = ImportJob.objects.get()
        assert job.status == ImportJobStatus.SUCCEEDED, job.error_message
        [event] = _import_events()
        assert event.actor == analyst and event.detail["dataset"] == dataset
        assert event.detail["rows_loaded"] == 1 and event.detail["import_ids"] == [job.results[0]["import_id"]]

    def test_a_job_queued_before_the_pipeline_still_runs_through_it(self, analyst: Any, tmp_path: Path) -> None:
        path = offence_rows(tmp_path / "queued.csv", [{}])
        job = ImportJob.objects.create(
            kind="offences",
            runner="safer.intelligence.imports.extracts.extracts_import_runner",
            original_name="queued.csv",
            upload_path=str(path),
            options={"kind": "offences", "mapping": {}, "original_name": "queued.csv"},
            created_by=analyst,
        )
        job = import_job_run(str(job.pk))
        assert job.status == ImportJobStatus.SUCCEEDED, job.error_message
        [event] = _import_events()
        assert event.actor == analyst and event.detail["dataset"] == "offences"


def test_service_names_the_signed_in_actor_in_the_history(analyst: Any) -> None:
    [result] = dataset_import(dataset="policeuk", paths=[STREET_2022_03], actor=analyst, started_by="web upload")
    assert result.quality["actor"] == analyst.get_username()
    [event] = _import_events()
    assert event.actor == analyst
