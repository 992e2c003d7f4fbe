"""Imports pages: history, upload -> job (huey immediate in tests) -> results, rejects download, audit, access."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.intelligence.imports.policeuk import import_policeuk
from safer.intelligence.models import ImportJob, ImportJobStatus
from safer.intelligence.tests.imports.policeuk.helpers import STREET_2022_03, csv_rows, warehouse_digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(make_user):
    return make_user(role=Role.ANALYST)


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_imports_page_lists_history(analyst, client_for) -> None:
    [result] = import_policeuk(paths=[STREET_2022_03])
    response = client_for(analyst).get(reverse("intelligence:imports"))
    assert response.status_code == 200
    body = response.content.decode()
    assert STREET_2022_03.name in body
    assert f"{result.rows_loaded:,}" in body or str(result.rows_loaded) in body
    detail = client_for(analyst).get(reverse("intelligence:import-detail", args=[result.import_id]))
    assert detail.status_code == 200
    assert "Records without a location" in detail.content.decode()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CASE_MANAGER])
def test_roles_without_the_import_capability_get_403(make_user, client_for, role) -> None:
    client = client_for(make_user(role=role))
    assert client.get(reverse("intelligence:imports")).status_code == 403


def test_upload_runs_a_job_and_shows_results(analyst, client_for) -> None:
    client = client_for(analyst)
    response = client.post(
        reverse("intelligence:imports"), {"file": _upload(STREET_2022_03.name, STREET_2022_03.read_bytes())}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intelligence:import-job", args=[job.pk])
    assert job.status == ImportJobStatus.SUCCEEDED
    assert job.totals["rows_loaded"] == len(csv_rows(STREET_2022_03))
    page = client.get(response["Location"]).content.decode()
    assert "Import finished" in page and "hx-trigger" not in page
    status = client.get(reverse("intelligence:import-job-status", args=[job.pk]))
    assert status.status_code == 200 and "import-job-status" in status.content.decode()
    assert Path(job.upload_path).parent.parent.name == "uploads"
    assert not Path(job.upload_path).parent.exists()  # the uploaded file is not kept once imported
    actions = list(AuditEvent.objects.filter(target_id=str(job.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["intelligence.import_finished", "intelligence.import_queued"]


def test_upload_with_rejects_offers_the_rejects_download(analyst, client_for) -> None:
    lines = STREET_2022_03.read_text().splitlines()
    lines[3] = lines[3].replace(",E01", ",X01", 1)
    client = client_for(analyst)
    client.post(
        reverse("intelligence:imports"), {"file": _upload(STREET_2022_03.name, "\n".join(lines).encode() + b"\n")}
    )
    job = ImportJob.objects.get()
    [result] = job.results
    assert result["rows_rejected"] == 1
    rejects_url = reverse("intelligence:import-rejects", args=[result["import_id"]])
    assert rejects_url in client.get(reverse("intelligence:import-job", args=[job.pk])).content.decode()
    download = client.get(rejects_url)
    assert download.status_code == 200
    text = b"".join(download.streaming_content).decode()
    assert text.splitlines()[1].startswith('4,"LSOA code ""X01017648"" does not match the pattern E01234567",')
    assert AuditEvent.objects.filter(action="intelligence.rejects_downloaded").count() == 1


def test_bad_file_fails_the_job_with_its_message_and_warehouse_unchanged(analyst, client_for) -> None:
    import_policeuk(paths=[STREET_2022_03])
    before = warehouse_digest()
    content = STREET_2022_03.read_bytes().replace(b"LSOA code", b"LSOA", 1)
    client = client_for(analyst)
    response = client.post(
        reverse("intelligence:imports"), {"file": _upload("2022-04-thames-valley-street.csv", content)}
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED
    assert 'Missing column "LSOA code" in 2022-04-thames-valley-street.csv (line 1).' in job.error_message
    page = client.get(response["Location"]).content.decode()
    assert "The import failed" in page and "Missing column" in page
    assert warehouse_digest() == before
    assert AuditEvent.objects.filter(action="intelligence.import_failed").count() == 1


@pytest.mark.parametrize(
    "name,content,message",
    [
        (None, None, "Choose a police.uk CSV or zip file to upload"),
        ("notes.txt", b"hello", "The file must be a .csv, .csv.gz or .zip file; you chose notes.txt"),
        ("2022-03-thames-valley-street.csv", b"", "The submitted file is empty"),
    ],
)
def test_bad_uploads_show_the_error_summary(analyst, client_for, name, content, message) -> None:
    data = {} if name is None else {"file": _upload(name, content)}
    response = client_for(analyst).post(reverse("intelligence:imports"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and message in body
    assert not ImportJob.objects.exists()


def test_running_job_page_polls_its_status(analyst, client_for) -> None:
    job = ImportJob.objects.create(
        kind="policeuk", runner="x", original_name="a.csv", upload_path="/nowhere", progress_total=4, progress_done=1
    )
    page = client_for(analyst).get(reverse("intelligence:import-job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "1 of 4 files imported" in page
    assert "<script" not in page.split("</main>")[0].split("<main")[1]
