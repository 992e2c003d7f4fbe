"""The ONS postcode lookup (ONSPD / NSPL) through the one pipeline, and A&E attendances placed by postcode:
bad files and rows first, then the contract (what is stored, placement at import and retroactively,
idempotence, ONS headings of both products, the command line and the web upload).

The lookup used is SYNTHETIC (data/README.md): invented "ZX" postcodes mapped to real 2011 LSOAs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safer.intelligence.imports import ImportFileError
from safer.intelligence.imports.pipeline import STARTED_BY_COMMAND_LINE, dataset_import
from safer.intelligence.tests.imports.extracts.helpers import fetch, rejects, warehouse_digest, write_csv

pytestmark = pytest.mark.django_db

LOOKUP = Path(__file__).parent / "data" / "SYNTHETIC-postcode-lookup-nspl-layout.csv"
AE_HEADER = ["attendance_ref", "attended_at", "postcode", "assault_means"]


def _import(dataset: str, path: Path, **options: object) -> list:
    return dataset_import(
        dataset=dataset, paths=[path], actor=None, started_by=STARTED_BY_COMMAND_LINE, options=dict(options)
    )


def _ae(path: Path, postcodes: list[str]) -> Path:
    """An A&E extract whose attendances give only a postcode (no LSOA, no coordinates)."""
    rows = [[f"ED-{i}", "2021-07-04 00:35", postcode, "body part"] for i, postcode in enumerate(postcodes)]
    return write_csv(path, AE_HEADER, rows)


def _ons_rows() -> list[dict[str, str]]:
    with LOOKUP.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class TestPostcodeImportErrors:
    def test_a_file_without_a_postcode_column_is_refused_and_changes_nothing(self, tmp_path: Path) -> None:
        before = warehouse_digest()
        path = write_csv(tmp_path / "lookup.csv", ["lsoa11", "lat", "long"], [["E01028521", "51.75", "-1.25"]])
        with pytest.raises(ImportFileError, match='Missing column "postcode" in lookup.csv'):
            _import("postcodes", path)
        assert warehouse_digest() == before

    def test_a_file_that_places_nothing_is_refused(self, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "lookup.csv", ["pcds", "dointr"], [["ZX1 1AA", "198001"]])
        with pytest.raises(ImportFileError, match="No column places a postcode"):
            _import("postcodes", path)

    def test_bad_and_repeated_postcodes_are_rejected_with_their_lines(self) -> None:
        [result] = _import("postcodes", LOOKUP)
        assert (result.rows_loaded, result.rows_rejected) == (6, 2)
        reasons = {r["line"]: r["reason"] for r in rejects(result.rejects_path)}
        assert 'postcode "NOTAPC" is not a UK postcode' in reasons["8"]
        assert "postcode repeats line 2" in reasons["9"]

    def test_a_bad_termination_month_is_rejected(self, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "l.csv", ["pcds", "lsoa11", "doterm"], [["ZX1 1AA", "E01028521", "June 2019"]])
        [result] = _import("postcodes", path)
        [reject] = rejects(result.rejects_path)
        assert 'terminated "June 2019" is not a year and month YYYYMM' in reject["reason"]


class TestPostcodeImport:
    def test_only_postcode_lsoa_district_and_point_are_kept(self) -> None:
        _import("postcodes", LOOKUP)
        rows = fetch(
            """SELECT postcode, lsoa_code, place_lsoa_code, lad_code, latitude, longitude, easting, northing,
                      terminated::VARCHAR, synthetic FROM postcode ORDER BY postcode"""
        )
        assert rows == [
            ("ZX11AA", "E01028521", "E01028521", "E07000178", 51.75425, -1.25086, 451806, 206438, None, True),
            ("ZX11AB", "E01028479", "E01028479", "E07000177", 52.12743, -1.34333, 445049, 247882, None, True),
            ("ZX22AA", "E01028780", "E01028780", "E07000181", 51.93697, -1.52798, 432546, 226600, "2019-06-01", True),
            # No published LSOA: the LSOA whose boundary holds its point (the centroid of Vale of White Horse 001A).
            ("ZX22AB", None, "E01028708", "E07000180", 51.75629, -1.33867, 445743, 206607, None, True),
            # A Scottish data zone is no LSOA of England and Wales.
            ("ZX33AA", None, None, "S12000033", 57.149, -2.094, 394000, 806000, None, True),
            # ONS's "no grid reference" (99.999999, 0.000000) is no point.
            ("ZX99ZZ", "E01028666", "E01028666", "E07000179", None, None, None, None, None, True),
        ]

    def test_quality_summary_counts_how_each_postcode_was_placed(self) -> None:
        [result] = _import("postcodes", LOOKUP)
        quality = result.quality
        assert quality["postcodes"] == 6 and quality["terminated"] == 1 and quality["no_point"] == 1
        assert (quality["lsoa_as_published"], quality["lsoa_by_boundary"], quality["no_lsoa_in_geography"]) == (4, 1, 1)
        assert quality["synthetic_records"] == 6
        assert fetch("SELECT synthetic FROM import_run WHERE kind = 'postcodes'") == [(True,)]

    def test_onspd_headings_are_recognised_without_a_mapping(self, tmp_path: Path) -> None:
        # The ONSPD calls the district "oslaua" (the NSPL "laua") and may carry 2021 LSOAs as lsoa21.
        rows = _ons_rows()[:2]
        header = ["pcd", "doterm", "oseast1m", "osnrth1m", "oslaua", "lsoa21", "lat", "long"]
        source = ["pcd", "doterm", "oseast1m", "osnrth1m", "laua", "lsoa11", "lat", "long"]
        path = write_csv(tmp_path / "ONSPD_FEB_2024_UK.csv", header, [[r[c] for c in source] for r in rows])
        [result] = _import("postcodes", path)
        assert (result.rows_loaded, result.rows_rejected) == (2, 0)
        assert fetch("SELECT postcode, place_lsoa_code, lad_code FROM postcode ORDER BY 1") == [
            ("ZX11AA", "E01028521", "E07000178"),
            ("ZX11AB", "E01028479", "E07000177"),
        ]

    def test_a_later_file_replaces_the_same_postcodes_and_adds_new_ones(self, tmp_path: Path) -> None:
        _import("postcodes", LOOKUP)
        path = write_csv(
            tmp_path / "NSPL_MAY_2024_SE.csv",
            ["pcds", "lsoa11", "laua"],
            [["ZX1 1AA", "E01028479", "E07000177"], ["ZX4 4AA", "E01028780", "E07000181"]],
        )
        _import("postcodes", path)
        assert fetch("SELECT count(*) FROM postcode") == [(7,)]
        assert fetch("SELECT place_lsoa_code FROM postcode WHERE postcode = 'ZX11AA'") == [("E01028479",)]

    def test_the_same_bytes_again_change_nothing(self) -> None:
        _import("postcodes", LOOKUP)
        before = warehouse_digest()
        [again] = _import("postcodes", LOOKUP)
        assert again.status == "already imported"
        assert warehouse_digest() == before


class TestAePlacedByPostcode:
    POSTCODES = ["ZX1 1AA", "zx11ab", "ZX2 2AA", "ZX2 2AB", "ZX3 3AA", "ZX9 9ZZ", "ZX5 5ZZ", "ZX5 5ZZ"]
    # What the SYNTHETIC lookup says of each, worked out by hand from data/README.md.
    EXPECTED = [
        ("ED-0", "E01028521", "Oxford", "postcode"),
        ("ED-1", "E01028479", "Cherwell", "postcode"),
        ("ED-2", "E01028780", "West Oxfordshire", "postcode"),  # terminated, still the place it was
        ("ED-3", "E01028708", "Vale of White Horse", "postcode"),
        ("ED-4", None, None, None),  # in the lookup, outside England and Wales
        ("ED-5", "E01028666", "South Oxfordshire", "postcode"),  # placed by LSOA though without a point
        ("ED-6", None, None, None),  # not in the lookup
        ("ED-7", None, None, None),
    ]

    def _placed(self) -> list[tuple]:
        return fetch("SELECT attendance_ref, lsoa_code, lad_name, geography_match FROM ae_attendance ORDER BY 1")

    def test_at_import_when_the_lookup_is_there(self, tmp_path: Path) -> None:
        _import("postcodes", LOOKUP)
        [result] = _import("ae", _ae(tmp_path / "ae.csv", self.POSTCODES))
        assert self._placed() == self.EXPECTED
        assert result.quality["placed_by_postcode"] == 5
        assert result.quality["postcodes_not_found"] == 1 and result.quality["rows_postcode_not_found"] == 2
        assert result.quality["postcodes_found_without_area"] == 1
        assert "Placed by postcode: 5; postcodes not found: 1 (2 attendances)." in result.message
        # The attendance takes the postcode's point (none for ZX9 9ZZ, which has no grid reference).
        assert fetch(
            "SELECT attendance_ref, latitude, easting FROM ae_attendance WHERE attendance_ref IN ('ED-0', 'ED-5') "
            "ORDER BY 1"
        ) == [
            ("ED-0", 51.75425, 451806.0),
            ("ED-5", None, None),
        ]

    def test_retroactively_when_the_lookup_arrives_later(self, tmp_path: Path) -> None:
        [ae] = _import("ae", _ae(tmp_path / "ae.csv", self.POSTCODES))
        assert ae.quality["placed_by_postcode"] == 0 and ae.quality["postcodes_not_found"] == 7
        assert "No postcode lookup is imported yet" in ae.message
        assert {r[1] for r in self._placed()} == {None}
        [lookup] = _import("postcodes", LOOKUP)
        assert self._placed() == self.EXPECTED
        assert lookup.quality["ae_placed_by_postcode"] == 5 and lookup.quality["ae_postcodes_not_found"] == 1
        assert "A&E attendances placed by postcode now: 5; A&E postcodes still not found: 1." in lookup.message

    def test_an_attendance_with_its_own_lsoa_or_point_keeps_it(self, tmp_path: Path) -> None:
        _import("postcodes", LOOKUP)
        path = write_csv(
            tmp_path / "ae.csv",
            ["attendance_ref", "attended_at", "postcode", "lsoa_code", "latitude", "longitude"],
            [
                ["ED-1", "2021-07-04 00:35", "ZX1 1AB", "E01028521", "", ""],
                ["ED-2", "2021-07-04 00:35", "ZX1 1AB", "", "51.75425", "-1.25086"],
            ],
        )
        _import("ae", path)
        assert fetch("SELECT attendance_ref, lad_name, geography_match FROM ae_attendance ORDER BY 1") == [
            ("ED-1", "Oxford", None),
            ("ED-2", "Oxford", "boundary"),
        ]

    def test_the_attendances_count_on_the_dashboard_once_placed(self, tmp_path: Path) -> None:
        _import("ae", _ae(tmp_path / "ae.csv", self.POSTCODES))
        assert fetch("SELECT count(*) FROM ae_attendance WHERE county_name = 'Oxfordshire'") == [(0,)]
        _import("postcodes", LOOKUP)
        assert fetch("SELECT count(*) FROM ae_attendance WHERE county_name = 'Oxfordshire'") == [(5,)]


class TestImportPostcodesCommand:
    def test_imports_and_says_what_was_placed(self, tmp_path: Path) -> None:
        import io

        out = io.StringIO()
        copy = shutil.copy(LOOKUP, tmp_path / LOOKUP.name)
        call_command("import-postcodes", str(copy), "--no-progress", stdout=out)
        assert "loaded 6 postcodes, 2 rejected" in out.getvalue()
        assert "A&E attendances placed by postcode now: 0" in out.getvalue()

    def test_a_bad_file_is_one_readable_line(self, tmp_path: Path) -> None:
        bad = write_csv(tmp_path / "bad.csv", ["lsoa11"], [["E01028521"]])
        with pytest.raises(CommandError, match='Missing column "postcode" in bad.csv') as error:
            call_command("import-postcodes", str(bad), "--no-progress")
        assert "\n" not in str(error.value)


class TestPostcodeWebUpload:
    def test_an_analyst_uploads_an_nspl_file_without_a_mapping_step(self, make_user, client_for) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        from safer.accounts.choices import Role
        from safer.intelligence.models import ImportJob, ImportJobStatus

        client = client_for(make_user(role=Role.ANALYST))
        page = client.get(reverse("intelligence:extracts")).content.decode()
        assert "ONS postcode lookup (ONSPD or NSPL)" in page
        upload = SimpleUploadedFile(LOOKUP.name, LOOKUP.read_bytes(), content_type="text/csv")
        response = client.post(reverse("intelligence:extracts"), {"kind": "postcodes", "file": upload})
        job = ImportJob.objects.get()
        assert response.status_code == 302 and job.status == ImportJobStatus.SUCCEEDED, job.error_message
        assert fetch("SELECT count(*) FROM postcode") == [(6,)]
