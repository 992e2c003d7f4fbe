"""A&E assault attendance (ISTV) imports through the one pipeline: bad files and rows first, then the contract
(typed values, placement, idempotence, atomic replacement, mapping, the command line); and the offence
extract's optional victim_ref / suspect_ref / age columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safer.intelligence.imports import ImportFileError
from safer.intelligence.imports.extracts import offences_import
from safer.intelligence.imports.pipeline import STARTED_BY_COMMAND_LINE, dataset_import
from safer.intelligence.tests.imports.extracts.helpers import (
    GOOD_OFFENCE,
    fetch,
    offence_rows,
    rejects,
    warehouse_digest,
    write_csv,
)

pytestmark = pytest.mark.django_db

GOOD_AE = {
    "attendance_ref": "ED-1",
    "attended_at": "2021-07-04 00:35",
    "incident_at": "2021-07-03 23:40",
    "incident_location": "George Street, outside a bar",
    "postcode": "ox1 2au",
    "latitude": "51.7520",
    "longitude": "-1.2577",
    "lsoa_code": "E01028522",
    "assault_means": "Knife",
    "location_type": "pub",
}


def _ae(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    header = header or list(GOOD_AE)
    return write_csv(path, header, [[{**GOOD_AE, **r}.get(c, "") for c in header] for r in rows])


def _import(path: Path, **options: object) -> list:
    return dataset_import(
        dataset="ae", paths=[path], actor=None, started_by=STARTED_BY_COMMAND_LINE, options=dict(options)
    )


class TestAeImportErrors:
    def test_missing_required_column_refuses_the_file_and_changes_nothing(self, tmp_path: Path) -> None:
        _import(_ae(tmp_path / "base.csv", [{}]))
        before = warehouse_digest()
        path = _ae(tmp_path / "bad.csv", [{}], header=["attendance_ref", "incident_at", "postcode"])
        with pytest.raises(ImportFileError, match='Missing column "attended_at" in bad.csv'):
            _import(path)
        assert warehouse_digest() == before
        assert fetch("SELECT count(*) FROM ae_attendance") == [(1,)]

    @pytest.mark.parametrize(
        ("bad", "reason"),
        [
            ({"attended_at": "yesterday"}, 'attended_at "yesterday" is not a date and time'),
            ({"incident_at": "2021-07-05 01:00"}, "is after attended_at"),
            ({"postcode": "NOT A CODE"}, 'postcode "NOT A CODE" is not a UK postcode'),
            ({"assault_means": "spoon"}, 'assault_means "spoon" is not one of: body part'),
            ({"location_type": "moon"}, 'location_type "moon" is not one of: street or public place'),
            ({"attendance_ref": ""}, "attendance_ref is blank"),
        ],
    )
    def test_bad_row_is_rejected_with_its_line_and_reason(self, tmp_path: Path, bad: dict, reason: str) -> None:
        [result] = _import(_ae(tmp_path / "rows.csv", [{"attendance_ref": "ED-0"}, {"attendance_ref": "ED-2", **bad}]))
        assert (result.rows_loaded, result.rows_rejected) == (1, 1)
        [reject] = rejects(result.rejects_path)
        assert reject["line"] == "3"
        assert reason in reject["reason"]


class TestAeImport:
    def test_values_are_typed_normalised_and_placed(self, tmp_path: Path) -> None:
        [result] = _import(_ae(tmp_path / "ae.csv", [{}]))
        assert result.rows_loaded == 1
        row = fetch(
            """SELECT attendance_ref, strftime(timezone('Europe/London', attended_at), '%Y-%m-%d %H:%M'),
                      strftime(timezone('Europe/London', incident_at), '%Y-%m-%d %H:%M'), month::VARCHAR,
                      postcode, assault_means, location_type, lad_name, incident_location, synthetic
               FROM ae_attendance"""
        )
        assert row == [
            (
                "ED-1",
                "2021-07-04 00:35",
                "2021-07-03 23:40",
                "2021-07-01",
                "OX1 2AU",
                "knife or sharp object",
                "licensed premises",
                "Oxford",
                "George Street, outside a bar",
                False,
            )
        ]

    def test_coordinates_alone_place_the_attendance_by_boundary(self, tmp_path: Path) -> None:
        [result] = _import(_ae(tmp_path / "ae.csv", [{"lsoa_code": ""}]))
        assert result.quality["placed_by_boundary"] == 1
        assert fetch("SELECT lad_name FROM ae_attendance") == [("Oxford",)]

    def test_same_file_again_changes_nothing_and_a_corrected_file_replaces_it(self, tmp_path: Path) -> None:
        path = _ae(tmp_path / "ae-2021.csv", [{}, {"attendance_ref": "ED-2"}])
        _import(path)
        before = warehouse_digest()
        [again] = _import(path)
        assert again.status == "already imported"
        assert warehouse_digest() == before
        [replaced] = _import(_ae(tmp_path / "AE-2021.csv", [{"attendance_ref": "ED-9"}]))
        assert replaced.status == "replaced"
        assert fetch("SELECT attendance_ref FROM ae_attendance") == [("ED-9",)]

    def test_other_headings_load_through_a_mapping(self, tmp_path: Path) -> None:
        path = write_csv(
            tmp_path / "istv.csv",
            ["Attendance ID", "Arrival", "Assault date", "Weapon", "Place type"],
            [["A1", "2021-05-01 02:10", "2021-05-01 01:30", "bottle", "street"]],
        )
        mapping = {
            "Attendance ID": "attendance_ref",
            "Arrival": "attended_at",
            "Assault date": "incident_at",
            "Weapon": "assault_means",
            "Place type": "location_type",
        }
        [result] = _import(path, mapping=mapping)
        assert result.rows_loaded == 1
        assert fetch("SELECT assault_means, location_type, lad_code FROM ae_attendance") == [
            ("glass or bottle", "street or public place", None)
        ]

    def test_command_line_imports_and_reports_a_bad_file_in_one_line(self, tmp_path: Path) -> None:
        call_command("import-ae", str(_ae(tmp_path / "ae.csv", [{}])), "--no-progress")
        assert fetch("SELECT count(*) FROM ae_attendance") == [(1,)]
        bad = write_csv(tmp_path / "bad.csv", ["attendance_ref"], [["x"]])
        with pytest.raises(CommandError, match='Missing column "attended_at"'):
            call_command("import-ae", str(bad), "--no-progress")


class TestOffencePeopleColumns:
    def test_refs_and_ages_load_when_given(self, tmp_path: Path) -> None:
        header = [*GOOD_OFFENCE, "victim_ref", "suspect_ref", "victim_age", "suspect_age"]
        path = offence_rows(
            tmp_path / "o.csv",
            [{"victim_ref": "V-1", "suspect_ref": "S-1", "victim_age": "17", "suspect_age": " 30 "}],
            header=header,
        )
        result = offences_import(path=path)
        assert result.rows_loaded == 1
        assert fetch("SELECT victim_ref, suspect_ref, victim_age, suspect_age FROM offence") == [("V-1", "S-1", 17, 30)]

    def test_a_name_is_not_a_reference_and_is_not_echoed(self, tmp_path: Path) -> None:
        header = [*GOOD_OFFENCE, "victim_ref", "victim_age"]
        path = offence_rows(
            tmp_path / "o.csv",
            [{"offence_ref": "A"}, {"offence_ref": "B", "victim_ref": "Jane Doe", "victim_age": "130"}],
            header=header,
        )
        result = offences_import(path=path)
        assert (result.rows_loaded, result.rows_rejected) == (1, 1)
        [reject] = rejects(result.rejects_path)
        assert "victim_ref is not a pseudonymous reference" in reject["reason"]
        assert "Jane" not in reject["reason"]
        assert 'victim_age "130" is not an age' in reject["reason"]

    def test_files_without_the_columns_still_load(self, tmp_path: Path) -> None:
        result = offences_import(path=offence_rows(tmp_path / "o.csv", [{}]))
        assert result.rows_loaded == 1
        assert fetch("SELECT victim_ref, suspect_ref, victim_age FROM offence") == [(None, None, None)]


class TestAeWebUpload:
    def test_upload_maps_headings_saves_the_mapping_and_runs_the_job(self, make_user, client_for) -> None:
        import csv
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        from safer.accounts.choices import Role
        from safer.intelligence.models import ColumnMapping, ImportJob, ImportJobStatus

        client = client_for(make_user(role=Role.ANALYST))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(
            [["Attendance ID", "Arrival", "Weapon", "LSOA"], ["A1", "2021-05-01 02:10", "knife", "E01028522"]]
        )
        upload = SimpleUploadedFile("ed.csv", out.getvalue().encode(), content_type="text/csv")
        response = client.post(reverse("intelligence:extracts"), {"kind": "ae", "file": upload})
        assert response.status_code == 302 and "/extracts/mapping/" in response["Location"]
        page = client.get(response["Location"]).content.decode()
        assert "A&amp;E assault attendance extract (ISTV)" in page
        bad = client.post(response["Location"], {"attendance_ref": "Attendance ID"})
        assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
        done = client.post(
            response["Location"],
            {
                "attendance_ref": "Attendance ID",
                "attended_at": "Arrival",
                "assault_means": "Weapon",
                "lsoa_code": "LSOA",
                "save_as": "Hospital ED",
            },
        )
        job = ImportJob.objects.get()
        assert done.status_code == 302 and job.status == ImportJobStatus.SUCCEEDED, job.error_message
        assert fetch("SELECT attendance_ref, assault_means, lad_name FROM ae_attendance") == [
            ("A1", "knife or sharp object", "Oxford")
        ]
        assert ColumnMapping.objects.get().kind == "ae"


class TestSynthAeCommand:
    def test_without_police_data_one_readable_error(self, tmp_path: Path) -> None:
        with pytest.raises(CommandError, match="holds no police.uk street data"):
            call_command("synth-ae", "--from-policeuk", "--out", str(tmp_path))

    def test_writes_a_synthetic_file_that_imports_as_synthetic(self, tmp_path: Path) -> None:
        import io

        from safer.intelligence.imports.policeuk import import_policeuk

        fixtures = Path(__file__).resolve().parents[1] / "policeuk" / "fixtures" / "policeuk"
        import_policeuk(paths=[fixtures / "2022-03" / "2022-03-thames-valley-street.csv"])
        out = io.StringIO()
        call_command("synth-ae", "--from-policeuk", "--seed", "7", "--out", str(tmp_path), stdout=out)
        [path] = list(tmp_path.glob("SYNTHETIC-ae-*.csv"))
        assert path.name == "SYNTHETIC-ae-assaults-thames-valley-2022-03-to-2022-03.csv"
        assert "SYNTHETIC" in out.getvalue()
        [result] = _import(path)
        assert result.rows_rejected == 0 and result.rows_loaded > 0
        assert fetch("SELECT DISTINCT synthetic FROM ae_attendance") == [(True,)]
        # About a tenth give only an invented postcode; the SYNTHETIC lookup written beside it places them all.
        only = fetch("SELECT count(*) FROM ae_attendance WHERE postcode IS NOT NULL AND lsoa_code IS NULL")[0][0]
        assert result.quality["rows_postcode_not_found"] == only > 0
        lookup = tmp_path / "SYNTHETIC-postcode-lookup-thames-valley.csv"
        [placed] = dataset_import(dataset="postcodes", paths=[lookup], actor=None, started_by=STARTED_BY_COMMAND_LINE)
        assert placed.rows_rejected == 0 and placed.quality["ae_placed_by_postcode"] == only
        assert fetch("SELECT count(*) FROM ae_attendance WHERE lsoa_code IS NULL AND postcode IS NOT NULL") == [(0,)]
        assert fetch("SELECT DISTINCT geography_match FROM ae_attendance WHERE postcode IS NOT NULL") == [("postcode",)]
        assert fetch("SELECT bool_and(import_run.synthetic) FROM import_run WHERE kind = 'ae'") == [(True,)]
        # Each invented postcode has a point (its LSOA's police.uk points' mean), as ONS postcodes have:
        # residents find it on the public pages, and the attendances it places get its point.
        assert fetch("SELECT count(*) FROM postcode WHERE latitude IS NULL OR easting IS NULL") == [(0,)]
        assert fetch("SELECT count(*) FROM ae_attendance WHERE postcode IS NOT NULL AND latitude IS NULL") == [(0,)]
