"""Offence and ASB extract imports: malformed input first, then the contract (values, geography, idempotence,
atomic replacement, synthetic labelling, mapping)."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pyproj import Transformer

from safer.intelligence.imports import ImportFileError
from safer.intelligence.imports.extracts import ExtractReplaceError, asb_import, offences_import
from safer.intelligence.tests.imports.extracts.helpers import (
    GOOD_OFFENCE,
    asb_rows,
    fetch,
    offence_rows,
    rejects,
    warehouse_digest,
    write_csv,
)

pytestmark = pytest.mark.django_db
GEOGRAPHY = Path(__file__).resolve().parents[4] / "geography" / "data" / "lsoa2011.csv.gz"


def _loaded_baseline(tmp_path: Path) -> str:
    offences_import(path=offence_rows(tmp_path / "baseline.csv", [{"offence_ref": "B1"}]))
    return warehouse_digest()


# ---- Structural errors: the whole file refused, warehouse unchanged --------------------------------


def _raw(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


HEADER = ",".join(GOOD_OFFENCE).encode()
ROW = ",".join(GOOD_OFFENCE.values()).encode()

STRUCTURAL = [
    (
        "missing-columns.csv",
        b"offence_ref,latitude,longitude\nA,51.7,-1.2\n",
        'Missing columns "offence_code", "occurred_at"',
    ),
    (
        "half-pair.csv",
        b"offence_ref,offence_code,occurred_at,latitude\nA,8N,2021-01-01,51.7\n",
        'Column "latitude" needs its partner "longitude"',
    ),
    ("utf16.csv", (HEADER + b"\n" + ROW + b"\n").decode().encode("utf-16"), "UTF-16"),
    ("latin1.csv", HEADER + b"\n" + ROW.replace(b"43/1/21", b"caf\xe9") + b"\n", "not UTF-8"),
    ("truncated.csv", HEADER + b"\n" + ROW + b"\n" + ROW[:20], "truncated"),
    ("empty.csv", b"", "empty"),
    ("fields.csv", HEADER + b"\n" + ROW + b",extra\n", "fields"),
    ("page.csv", b"<!DOCTYPE html><html><body>Error</body></html>\n", "web page"),
    ("binary.csv", bytes(range(256)) * 4, "not"),
]


@pytest.mark.parametrize(("name", "data", "message"), STRUCTURAL, ids=[s[0] for s in STRUCTURAL])
def test_structural_error_names_the_problem_and_changes_nothing(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    before = _loaded_baseline(tmp_path)
    with pytest.raises(ImportFileError) as caught:
        offences_import(path=_raw(tmp_path, name, data))
    assert message in str(caught.value)
    assert name in str(caught.value)
    assert warehouse_digest() == before


def test_missing_column_message_lists_the_headings_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "theirs.csv", ["Crime No", "HO Code", "Date"], [["A", "8N", "2021-01-01"]])
    with pytest.raises(ImportFileError) as caught:
        offences_import(path=path)
    text = str(caught.value)
    assert '"offence_ref"' in text and '"Crime No", "HO Code", "Date"' in text and "--map" in text


def test_mapping_naming_an_absent_heading_is_structural(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match='heading "Crime No", which the file does not have'):
        offences_import(path=offence_rows(tmp_path / "x.csv", [{}]), mapping={"Crime No": "offence_ref"})


def test_replace_of_an_unknown_import_is_refused(tmp_path: Path) -> None:
    before = _loaded_baseline(tmp_path)
    with pytest.raises(ExtractReplaceError, match="Import 99 is not a current offences import"):
        offences_import(path=offence_rows(tmp_path / "x.csv", [{}]), replace=99)
    assert warehouse_digest() == before


def test_failure_inside_the_transaction_rolls_everything_back(tmp_path: Path, monkeypatch: Any) -> None:
    before = _loaded_baseline(tmp_path)

    def explode(**kwargs: Any) -> int:
        raise RuntimeError("killed mid-import")

    monkeypatch.setattr("safer.intelligence.warehouse.custom_areas.custom_area_tag_import", explode)
    with pytest.raises(RuntimeError):
        offences_import(path=offence_rows(tmp_path / "new.csv", [{"offence_ref": "N1"}, {"offence_ref": "N2"}]))
    assert warehouse_digest() == before


# ---- Row errors: rejected with line and reason, good rows load -----------------------------------

ROW_ERRORS = [
    ({"offence_code": "8Z"}, 'offence_code "8Z" is not a Home Office offence code'),
    ({"offence_code": ""}, "offence_code is blank"),
    ({"occurred_at": "2021-13-01"}, 'occurred_at "2021-13-01" is not a date and time'),
    ({"occurred_at": "31/02/2021"}, 'occurred_at "31/02/2021" is not a date and time'),
    ({"occurred_at": "2099-01-01"}, 'occurred_at "2099-01-01" is before 2000 or in the future'),
    ({"occurred_at": "1999-12-31 10:00"}, "is before 2000 or in the future"),
    ({"occurred_at": ""}, "occurred_at is blank"),
    ({"latitude": "48.0"}, "latitude/longitude (48.0, -1.2577) is outside the UK"),
    ({"latitude": "fifty"}, 'latitude "fifty" is not a number'),
    ({"longitude": ""}, "latitude and longitude must be given together"),
    ({"lsoa_code": "E1234"}, 'lsoa_code "E1234" is not an LSOA code'),
    ({"domestic_abuse": "maybe"}, 'domestic_abuse "maybe" is not true or false'),
    ({"knife_sharp_instrument": "2"}, 'knife_sharp_instrument "2" is not true or false'),
    ({"hate_strand": "race;sexuality"}, 'hate_strand "race;sexuality" is not one of'),
    ({"victim_age_band": "17"}, 'victim_age_band "17" is not one of'),
    ({"suspect_age_band": "18 to 24"}, 'suspect_age_band "18 to 24" is not one of'),
    ({"victim_sex": "x"}, 'victim_sex "x" is not one of: female, male, unknown'),
    ({"suspect_ethnicity": "purple"}, 'suspect_ethnicity "purple" is not one of'),
    ({"offence_ref": ""}, "offence_ref is blank"),
    ({"offence_ref": "GOOD"}, "offence_ref repeats line 2"),
]


@pytest.mark.parametrize(("bad", "reason"), ROW_ERRORS, ids=[r[1][:40] for r in ROW_ERRORS])
def test_bad_row_is_rejected_with_line_and_reason(tmp_path: Path, bad: dict[str, str], reason: str) -> None:
    path = offence_rows(tmp_path / "rows.csv", [{"offence_ref": "GOOD"}, bad, {"offence_ref": "ALSO-GOOD"}])
    result = offences_import(path=path)
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    [rejected] = rejects(result.rejects_path)
    assert rejected["line"] == "3"  # header is line 1
    assert reason in rejected["reason"]
    assert rejected["offence_code"] == {**GOOD_OFFENCE, **bad}["offence_code"]  # the row as received
    refs = sorted(r[0] for r in fetch("SELECT offence_ref FROM offence"))
    assert refs == ["ALSO-GOOD", "GOOD"]


def test_every_reason_of_a_row_is_listed(tmp_path: Path) -> None:
    path = offence_rows(tmp_path / "rows.csv", [{"offence_code": "ZZ", "victim_sex": "q", "alcohol": "often"}])
    result = offences_import(path=path)
    [rejected] = rejects(result.rejects_path)
    assert rejected["reason"].count("; ") == 2
    assert result.quality["rejected_by_reason"] == {
        "alcohol is not true or false": 1,
        "offence_code is not a Home Office offence code": 1,
        "victim_sex is not one of": 1,
    }


def test_grid_reference_outside_the_grid_is_rejected(tmp_path: Path) -> None:
    header = ["offence_ref", "offence_code", "occurred_at", "easting", "northing"]
    path = write_csv(
        tmp_path / "grid.csv",
        header,
        [["A", "8N", "2021-07-01", "800000", "100"], ["B", "8N", "2021-07-01", "451234", ""]],
    )
    result = offences_import(path=path)
    reasons = [r["reason"] for r in rejects(result.rejects_path)]
    assert reasons == [
        "easting/northing (800000.0, 100.0) is outside Great Britain",
        "easting and northing must be given together",
    ]


# ---- Contract ----------------------------------------------------------------------------------


def _lad_of(lsoa: str) -> str:
    with gzip.open(GEOGRAPHY, "rt", newline="", encoding="utf-8") as handle:
        return next(r["lad_name"] for r in csv.DictReader(handle) if r["lsoa_code"] == lsoa)


def test_values_are_typed_normalised_and_placed(tmp_path: Path) -> None:
    offences_import(path=offence_rows(tmp_path / "one.csv", [{}]))
    [row] = fetch(
        """SELECT offence_code, offence_group, policeuk_category,
                  strftime(occurred_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M'),
                  month::VARCHAR, lad_name, domestic_abuse, alcohol, victim_sex, victim_ethnicity, easting, northing,
                  serious_violence_group, synthetic
           FROM offence"""
    )
    transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    easting, northing = transformer.transform(-1.2577, 51.7520)
    assert row[:10] == (
        "8N",
        "Violence against the person",
        "Violence and sexual offences",
        "2021-07-03 22:40",  # 23:40 British Summer Time
        "2021-07-01",
        _lad_of("E01028522"),
        False,
        True,
        "female",
        "white",
    )
    assert abs(row[10] - easting) < 1 and abs(row[11] - northing) < 1
    assert row[12:] == (2, False)


def test_grid_references_are_converted_to_wgs84(tmp_path: Path) -> None:
    header = ["offence_ref", "offence_code", "occurred_at", "easting", "northing"]
    offences_import(path=write_csv(tmp_path / "grid.csv", header, [["A", "46", "2021-07-01", "451234", "206123"]]))
    [(lon, lat, e, n)] = fetch("SELECT longitude, latitude, easting, northing FROM offence")
    back = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(451234, 206123)
    assert abs(lon - back[0]) < 1e-6 and abs(lat - back[1]) < 1e-6
    assert (e, n) == (451234.0, 206123.0)  # the grid reference given is kept


def test_coordinates_without_lsoa_are_placed_by_boundary(tmp_path: Path) -> None:
    # A grid reference in central Oxford and one in the North Sea off Lincolnshire; neither row names an LSOA.
    header = ["offence_ref", "offence_code", "occurred_at", "easting", "northing"]
    sea_e, sea_n = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(1.5, 53.5)
    rows = [["A", "46", "2021-07-01", "451300", "206200"], ["B", "46", "2021-07-01", f"{sea_e:.0f}", f"{sea_n:.0f}"]]
    offences_import(path=write_csv(tmp_path / "grid.csv", header, rows))
    placed = dict(fetch("SELECT offence_ref, lad_name FROM offence"))
    assert placed == {"A": "Oxford", "B": None}
    [quality] = fetch("SELECT quality FROM import_run WHERE kind = 'offences'")
    assert '"placed_by_boundary": 1' in str(quality) and '"not_placed_by_boundary": 1' in str(quality)


def test_serious_violence_group_is_set_at_import(tmp_path: Path) -> None:
    rows = [
        {"offence_ref": "a", "offence_code": "8N", "knife_sharp_instrument": "true"},
        {"offence_ref": "b", "offence_code": "92A"},
        {"offence_ref": "c", "offence_code": "46"},
        {"offence_ref": "d", "offence_code": "1"},
    ]
    result = offences_import(path=offence_rows(tmp_path / "sv.csv", rows))
    got = dict(fetch("SELECT offence_ref, serious_violence_group FROM offence"))
    assert got == {"a": 1, "b": 2, "c": None, "d": 1}
    assert result.quality["serious_violence"] == {"group_1": 2, "group_2": 1}


def test_same_file_again_changes_nothing(tmp_path: Path) -> None:
    path = offence_rows(tmp_path / "x.csv", [{}])
    first = offences_import(path=path)
    digest = warehouse_digest()
    again = offences_import(path=path)
    renamed = tmp_path / "other-name.csv"
    renamed.write_bytes(path.read_bytes())
    third = offences_import(path=renamed)
    assert again.status == third.status == "already imported"
    assert again.import_id == first.import_id
    assert warehouse_digest() == digest


def test_corrected_file_with_the_same_name_replaces_the_extract(tmp_path: Path) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    first = offences_import(
        path=offence_rows(tmp_path / "v1" / "TV-offences.csv", [{"offence_ref": "a"}, {"offence_ref": "b"}])
    )
    offences_import(path=offence_rows(tmp_path / "v1" / "other-extract.csv", [{"offence_ref": "z"}]))
    second = offences_import(
        path=offence_rows(tmp_path / "v2" / "tv-offences.csv", [{"offence_ref": "a", "offence_code": "46"}])
    )
    assert second.status == "replaced" and second.replaced_import_id == first.import_id
    assert sorted(fetch("SELECT offence_ref, offence_code FROM offence")) == [("a", "46"), ("z", "8N")]
    assert fetch("SELECT replaced_import_id FROM import_run WHERE import_id = ?", [second.import_id]) == [
        (first.import_id,)
    ]


def test_explicit_replace_of_another_file(tmp_path: Path) -> None:
    first = offences_import(path=offence_rows(tmp_path / "march.csv", [{"offence_ref": "a"}]))
    second = offences_import(
        path=offence_rows(tmp_path / "march-fixed.csv", [{"offence_ref": "b"}]), replace=first.import_id
    )
    assert second.status == "replaced"
    assert fetch("SELECT offence_ref FROM offence") == [("b",)]
    with pytest.raises(ExtractReplaceError):  # already replaced: not current any more
        offences_import(path=offence_rows(tmp_path / "again.csv", [{"offence_ref": "c"}]), replace=first.import_id)


def test_synthetic_from_file_name_or_column(tmp_path: Path) -> None:
    named = offences_import(path=offence_rows(tmp_path / "SYNTHETIC-offences.csv", [{}]))
    header = [*GOOD_OFFENCE, "synthetic"]
    column = offences_import(
        path=offence_rows(
            tmp_path / "mixed.csv", [{"offence_ref": "s", "synthetic": "true"}, {"offence_ref": "r"}], header=header
        )
    )
    got = dict(fetch("SELECT offence_ref || '@' || import_id, synthetic FROM offence"))
    assert got == {f"43/1/21@{named.import_id}": True, f"s@{column.import_id}": True, f"r@{column.import_id}": False}
    runs = dict(fetch("SELECT import_id, synthetic FROM import_run"))
    assert runs == {named.import_id: True, column.import_id: True}


def test_other_headings_load_through_a_mapping(tmp_path: Path) -> None:
    header = ["Crime No", "HO Code", "Committed", "Lat", "Lon", "Notes"]
    path = write_csv(
        tmp_path / "force.csv", header, [["X/1", "105a", "03/07/2021 21:05", "51.75", "-1.25", "free text"]]
    )
    mapping = {
        "Crime No": "offence_ref",
        "HO Code": "offence_code",
        "Committed": "occurred_at",
        "Lat": "latitude",
        "Lon": "longitude",
    }
    result = offences_import(path=path, mapping=mapping)
    assert result.rows_loaded == 1
    assert fetch("SELECT offence_ref, offence_code, month::VARCHAR FROM offence") == [("X/1", "105A", "2021-07-01")]
    assert result.quality["columns_mapped"]["offence_ref"] == "Crime No"


def test_asb_import_and_its_rejects(tmp_path: Path) -> None:
    rows = [
        {},
        {"incident_ref": "ASB-2", "asb_category": "noise"},
        {"incident_ref": "ASB-3", "asb_category": "Personal"},
    ]
    result = asb_import(path=asb_rows(tmp_path / "asb.csv", rows))
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)
    [rejected] = rejects(result.rejects_path)
    assert rejected["line"] == "3"
    assert rejected["reason"] == 'asb_category "noise" is not one of: personal, nuisance, environmental'
    assert sorted(fetch("SELECT incident_ref, asb_category, lad_name FROM asb_incident")) == [
        ("ASB-1", "nuisance", _lad_of("E01028522")),
        ("ASB-3", "personal", _lad_of("E01028522")),
    ]


def test_cli_map_save_and_reuse(tmp_path: Path) -> None:
    header = ["Crime No", "HO Code", "Committed"]
    first = write_csv(tmp_path / "a.csv", header, [["X/1", "8N", "2021-07-01"]])
    second = write_csv(tmp_path / "b.csv", header, [["X/2", "8N", "2021-08-01"]])
    out = io.StringIO()
    call_command(
        "import-offences",
        str(first),
        "--no-progress",
        "--map",
        "Crime No=offence_ref,HO Code=offence_code,Committed=occurred_at",
        "--save-mapping",
        "Force RMS",
        stdout=out,
    )
    call_command("import-offences", str(second), "--no-progress", "--mapping", "Force RMS", stdout=out)
    assert "1 files: 1 rows loaded" in out.getvalue()
    assert sorted(r[0] for r in fetch("SELECT offence_ref FROM offence")) == ["X/1", "X/2"]
    with pytest.raises(CommandError, match='Missing columns "offence_ref", "offence_code", "occurred_at"'):
        call_command("import-offences", str(first), "--no-progress")
    with pytest.raises(CommandError, match='No saved offences mapping called "Nope"'):
        call_command("import-offences", str(first), "--no-progress", "--mapping", "Nope")


def test_cli_mapping_json_file_and_replace(tmp_path: Path) -> None:
    import json

    header = ["Ref", "Code", "When"]
    first = write_csv(tmp_path / "jan.csv", header, [["J/1", "8N", "2021-01-05"]])
    fixed = write_csv(tmp_path / "jan-fixed.csv", header, [["J/1", "105A", "2021-01-05"]])
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Ref": "offence_ref", "Code": "offence_code", "When": "occurred_at"}), "utf-8")
    out = io.StringIO()
    call_command("import-offences", str(first), "--no-progress", "--mapping", str(mapping), stdout=out)
    [(import_id,)] = fetch("SELECT import_id FROM import_run")
    call_command(
        "import-offences",
        str(fixed),
        "--no-progress",
        "--mapping",
        str(mapping),
        "--replace",
        str(import_id),
        stdout=out,
    )
    assert f"replaced import {import_id} with 1 rows" in out.getvalue()
    assert fetch("SELECT offence_code FROM offence") == [("105A",)]
    mapping.write_text("[1, 2]", "utf-8")
    with pytest.raises(CommandError, match="must be a JSON object"):
        call_command("import-offences", str(first), "--no-progress", "--mapping", str(mapping))
