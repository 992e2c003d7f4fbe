"""SIA reports through `safer sia` and the web pages: choices checked, files kept, listed, audited."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from safer.accounts.choices import Role
from safer.core.models import AuditEvent
from safer.intelligence.models import SiaReport, SiaReportStatus

pytestmark = pytest.mark.django_db


class TestSiaCommand:
    def test_bad_choices_exit_with_one_line(self, dashboard_warehouse, tmp_path):
        for args, code, words in [
            (["--area", "Oxfordshire", "--period", "soon"], 2, '"soon" is not a period'),
            (["--area", "Nowhere", "--period", "2022"], 1, 'No area is called "Nowhere"'),
            (["--area", "Oxford", "--period", "2022", "--formats", "rtf"], 2, 'Unknown format "rtf"'),
        ]:
            with pytest.raises(CommandError, match=words) as caught:
                call_command("sia", *args, "--output", str(tmp_path), "--no-progress", stdout=io.StringIO())
            assert caught.value.returncode == code
            assert "\n" not in str(caught.value)

    def test_empty_warehouse_is_the_only_data_failure(self, tmp_path):
        with pytest.raises(CommandError, match="no police-recorded crime") as caught:
            call_command("sia", "--area", "Oxford", "--period", "2022", "--output", str(tmp_path), "--no-progress")
        assert caught.value.returncode == 1

    def test_writes_the_files_and_keeps_the_report(self, dashboard_warehouse, tmp_path):
        out, tmp_path = io.StringIO(), tmp_path / "out"
        call_command(
            "sia",
            "--area",
            "Oxford",
            "--period",
            "2021-04..2022-03",
            "--formats",
            "html,docx",
            "--output",
            str(tmp_path),
            "--no-progress",
            stdout=out,
        )
        written = sorted(p.name for p in tmp_path.iterdir())
        assert written == ["sia-oxford-apr-2021-to-mar-2022.docx", "sia-oxford-apr-2021-to-mar-2022.html"]
        assert out.getvalue().count("\n") == 2
        report = SiaReport.objects.get()
        assert report.status == SiaReportStatus.SUCCEEDED and report.compare_label == "Apr 2020 to Mar 2021"
        assert report.data["crime"]["latest_month"] == "2022-12-01" and report.synthetic
        assert AuditEvent.objects.filter(action="intelligence.sia_generated").exists()


class TestSiaPages:
    def test_only_analysts_and_partnership_managers(self, dashboard_warehouse, make_user, client_for):
        assert client_for(make_user(role=Role.CASEWORKER)).get(reverse("intelligence:sia-reports")).status_code == 403
        for role in (Role.ANALYST, Role.PARTNERSHIP_MANAGER):
            assert client_for(make_user(role=role)).get(reverse("intelligence:sia-reports")).status_code == 200

    def test_form_errors_rerender_with_400(self, dashboard_warehouse, make_user, client_for):
        client = client_for(make_user(role=Role.ANALYST))
        page = client.post(
            reverse("intelligence:sia-reports"), {"area": "Oxfordshire", "period": "someday", "formats": ["pdf"]}
        )
        assert page.status_code == 400
        assert "govuk-error-summary" in page.content.decode() and "is not a period" in page.content.decode()
        assert not SiaReport.objects.exists()

    def test_job_runs_and_files_download(self, dashboard_warehouse, make_user, client_for):
        user = make_user(role=Role.ANALYST)
        client = client_for(user)
        page = client.get(reverse("intelligence:sia-reports"))
        assert "Reading (E06000038)" in page.content.decode()  # comparator districts with data
        response = client.post(
            reverse("intelligence:sia-reports"),
            {"area": "Oxford", "period": "2022", "comparators": ["E06000038"], "formats": ["html", "pdf"]},
        )
        report = SiaReport.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "intelligence:sia-report", args=[report.pk]
        )
        assert report.status == SiaReportStatus.SUCCEEDED, report.error_message  # huey runs at once in tests
        assert report.created_by == user and report.comparators == ["E06000038"]
        detail = client.get(response["Location"]).content.decode()
        assert "Download the PDF" in detail and "Read the report" in detail
        pdf = client.get(reverse("intelligence:sia-report-file", args=[report.pk, "pdf"]))
        assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
        assert client.get(reverse("intelligence:sia-report-file", args=[report.pk, "docx"])).status_code == 404
        listing = client.get(reverse("intelligence:sia-reports")).content.decode()
        assert "Strategic Intelligence Assessment: Oxford, 2022" in listing
        actions = set(AuditEvent.objects.values_list("action", flat=True))
        assert {"intelligence.sia_queued", "intelligence.sia_generated", "intelligence.sia_downloaded"} <= actions
