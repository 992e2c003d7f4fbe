"""Partner extract pages: upload -> (mapping step) -> job; errors re-render with status 400; access."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safer.accounts.choices import Role
from safer.intelligence.models import ColumnMapping, ImportJob, ImportJobStatus
from safer.intelligence.tests.imports.extracts.helpers import GOOD_OFFENCE, fetch

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(role=Role.ANALYST)


def _csv(name: str, header: list[str], rows: list[list[str]]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def test_samples_show_each_headings_first_value_shortened(tmp_path: Any) -> None:
    from safer.intelligence.imports.extracts import file_samples

    path = tmp_path / "x.csv"
    path.write_text("\ufeffRef,Blank,Long\nR/1,,\nR/2,,%s\n" % ("y" * 40), encoding="utf-8")
    assert file_samples(path) == {"Ref": "R/1", "Long": "y" * 29 + "…"}


def test_file_with_our_headings_goes_straight_to_the_job(analyst: Any, client_for: Any) -> None:
    client = client_for(analyst)
    assert client.get(reverse("intelligence:extracts")).status_code == 200
    upload = _csv("offences.csv", list(GOOD_OFFENCE), [list(GOOD_OFFENCE.values())])
    response = client.post(reverse("intelligence:extracts"), {"kind": "offences", "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intelligence:import-job", args=[job.pk])
    assert job.status == ImportJobStatus.SUCCEEDED, job.error_message
    assert job.results[0]["rows_loaded"] == 1
    assert fetch("SELECT offence_ref FROM offence") == [("43/1/21",)]


def test_other_headings_go_through_the_mapping_form(analyst: Any, client_for: Any) -> None:
    client = client_for(analyst)
    upload = _csv(
        "rms.csv", ["Crime Reference", "HO Code", "Committed On", "Notes"], [["R/1", "46", "2021-05-01", "x"]]
    )
    response = client.post(reverse("intelligence:extracts"), {"kind": "offences", "file": upload})
    assert response.status_code == 302 and "/extracts/mapping/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    # Pre-filled from the headings (synonyms): the chosen option is selected.
    assert '<option value="Crime Reference" selected>Crime Reference (for example: R/1)</option>' in page
    assert '<option value="HO Code" selected>HO Code (for example: 46)</option>' in page
    assert '<option value="Notes">Notes (for example: x)</option>' in page  # each heading shows a sample value
    # Leave a required column out: 400 with the error summary.
    bad = client.post(response["Location"], {"offence_ref": "Crime Reference", "offence_code": "HO Code"})
    assert bad.status_code == 400
    assert "govuk-error-summary" in bad.content.decode()
    assert "Choose the heading that holds occurred_at" in bad.content.decode()
    twice = client.post(
        response["Location"],
        {"offence_ref": "Crime Reference", "offence_code": "Crime Reference", "occurred_at": "Committed On"},
    )
    assert twice.status_code == 400 and "is already chosen for offence_ref" in twice.content.decode()
    done = client.post(
        response["Location"],
        {
            "offence_ref": "Crime Reference",
            "offence_code": "HO Code",
            "occurred_at": "Committed On",
            "save_as": "Force RMS",
        },
    )
    job = ImportJob.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("intelligence:import-job", args=[job.pk])
    assert job.status == ImportJobStatus.SUCCEEDED, job.error_message
    assert fetch("SELECT offence_ref, offence_code FROM offence") == [("R/1", "46")]
    saved = ColumnMapping.objects.get()
    assert (saved.kind, saved.name) == ("offences", "Force RMS")
    assert saved.mapping == {"Crime Reference": "offence_ref", "HO Code": "offence_code", "Committed On": "occurred_at"}
    # The saved mapping pre-fills the next file's form.
    again = client.post(
        reverse("intelligence:extracts"),
        {
            "kind": "offences",
            "mapping": str(saved.pk),
            "file": _csv("rms2.csv", ["Crime Reference", "HO Code", "Committed On"], [["R/2", "46", "2021-05-02"]]),
        },
    )
    assert '<option value="Committed On" selected>' in client.get(again["Location"]).content.decode()


def test_upload_errors_rerender_with_400(analyst: Any, client_for: Any) -> None:
    client = client_for(analyst)
    empty = client.post(reverse("intelligence:extracts"), {})
    assert empty.status_code == 400 and "Choose which extract the file is" in empty.content.decode()
    latin = SimpleUploadedFile("x.csv", "offence_ref,caf\xe9\n".encode("latin-1"), content_type="text/csv")
    bad = client.post(reverse("intelligence:extracts"), {"kind": "offences", "file": latin})
    assert bad.status_code == 400 and "not UTF-8" in bad.content.decode()
    ColumnMapping.objects.create(name="ASB one", kind="asb", mapping={})
    wrong = client.post(
        reverse("intelligence:extracts"),
        {"kind": "offences", "mapping": str(ColumnMapping.objects.get().pk), "file": _csv("a.csv", ["a"], [["1"]])},
    )
    assert wrong.status_code == 400 and "is for ASB incidents extracts" in wrong.content.decode()
    assert ImportJob.objects.count() == 0


def test_roles_without_import_capability_get_403(make_user: Any, client_for: Any) -> None:
    client = client_for(make_user(role=Role.CASEWORKER))
    assert client.get(reverse("intelligence:extracts")).status_code == 403
    assert client.get(reverse("intelligence:custom-areas")).status_code == 403


def test_domestic_abuse_extract_remembers_a_partners_headings(make_user: Any, client_for: Any) -> None:
    """The DA extract goes through the same mapping step; its saved mapping is kept under the DA kind."""
    client = client_for(make_user(role=Role.MATAC_ANALYST))
    headings = ["Incident No", "Date", "Offender ID", "Victim ID", "Relationship", "Crime?", "HO", "DASH"]
    row = ["DA/1", "2021-07-03 23:40", "P-1", "V-1", "ex-partner", "true", "8N", "medium"]
    first = client.post(reverse("intelligence:extracts"), {"kind": "da", "file": _csv("force-da.csv", headings, [row])})
    assert first.status_code == 302 and "/extracts/mapping/" in first["Location"]
    chosen = {
        "incident_ref": "Incident No",
        "occurred_at": "Date",
        "perpetrator_ref": "Offender ID",
        "victim_ref": "Victim ID",
        "relationship": "Relationship",
        "crime": "Crime?",
        "offence_code": "HO",
        "dash_risk": "DASH",
    }
    missing = client.post(first["Location"], {k: v for k, v in chosen.items() if k != "perpetrator_ref"})
    assert missing.status_code == 400 and "Choose the heading that holds perpetrator_ref" in missing.content.decode()
    done = client.post(first["Location"], chosen | {"save_as": "Thames Valley DA"})
    job = ImportJob.objects.get()
    assert done.status_code == 302 and job.status == ImportJobStatus.SUCCEEDED, job.error_message
    assert fetch("SELECT incident_ref, perpetrator_ref FROM da_incident") == [("DA/1", "P-1")]
    saved = ColumnMapping.objects.get()
    assert (saved.kind, saved.name, saved.get_kind_display()) == ("da", "Thames Valley DA", "Domestic abuse incidents")
    assert saved.mapping == {heading: column for column, heading in chosen.items()}
    # Next month's file from the same force: the saved mapping fills in the mapping step.
    again = client.post(
        reverse("intelligence:extracts"),
        {"kind": "da", "mapping": str(saved.pk), "file": _csv("force-da-2.csv", headings, [["DA/2", *row[1:]]])},
    )
    page = client.get(again["Location"]).content.decode()
    assert '<option value="Offender ID" selected>' in page and '<option value="DASH" selected>' in page
    # A DA mapping cannot be used for another kind of extract.
    wrong = client.post(
        reverse("intelligence:extracts"),
        {"kind": "offences", "mapping": str(saved.pk), "file": _csv("o.csv", headings, [row])},
    )
    assert wrong.status_code == 400 and "is for Domestic abuse incidents extracts" in wrong.content.decode()
