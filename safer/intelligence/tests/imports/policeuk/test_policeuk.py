"""police.uk import over small real slices: counts, geography, coordinates, idempotency, replacement, quality."""

from __future__ import annotations

import csv
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from safer.geography.bng import bng_point
from safer.geography.placement import district_from_lsoa_name
from safer.intelligence.imports import STATUS_ALREADY, STATUS_LOADED, STATUS_REPLACED, ProgressEvent
from safer.intelligence.imports.policeuk import import_policeuk, policeuk_name_parse
from safer.intelligence.tests.imports.policeuk.helpers import (
    EARLIER_2022_03,
    FIXTURES,
    OUTCOMES_2022_03,
    STOP_2022_03,
    STREET_2022_01,
    STREET_2022_03,
    count_by,
    csv_rows,
    warehouse_digest,
    warehouse_rows,
)


def test_name_parse() -> None:
    parsed = policeuk_name_parse("2022-03-thames-valley-stop-and-search.csv.gz")
    assert parsed is not None
    assert (parsed.month_text, parsed.force, parsed.kind.kind) == ("2022-03", "thames-valley", "policeuk_stop_search")
    assert policeuk_name_parse("2022-13-thames-valley-street.csv") is None
    assert policeuk_name_parse("thames-valley-street.csv") is None


def test_street_counts_match_an_independent_reading() -> None:
    [result] = import_policeuk(paths=[STREET_2022_03])
    rows = csv_rows(STREET_2022_03)
    assert result.status == STATUS_LOADED
    assert (result.rows_loaded, result.rows_rejected) == (len(rows), 0)
    by_type = dict(warehouse_rows("SELECT crime_type, count(*) FROM crime GROUP BY 1"))
    assert by_type == dict(count_by(STREET_2022_03, "Crime type"))
    no_location = sum(1 for r in rows if not r["Longitude"])
    assert result.quality["rows_without_location"] == no_location
    assert result.quality["share_without_location"] == round(no_location / len(rows), 4)
    [run] = warehouse_rows("SELECT checksum, force, month, rows_loaded, kind, source_name FROM import_run")
    assert run[0] == hashlib.sha256(STREET_2022_03.read_bytes()).hexdigest()
    assert run[1:3] == ("thames-valley", __import__("datetime").date(2022, 3, 1))
    assert run[3:] == (len(rows), "policeuk_street", STREET_2022_03.name)
    ids = warehouse_rows("SELECT count(DISTINCT record_id), count(*), bool_or(synthetic) FROM crime")[0]
    assert ids == (len(rows), len(rows), False)


def test_geography_and_british_national_grid() -> None:
    import_policeuk(paths=[STREET_2022_03])
    rows = warehouse_rows(
        "SELECT lsoa_name, lad_name, county_name, pfa_name, longitude, latitude, easting, northing FROM crime"
    )
    placed = [r for r in rows if r[0]]
    assert placed
    for lsoa_name, lad_name, _county, pfa, *_ in placed:
        assert lad_name == district_from_lsoa_name(lsoa_name)
        assert pfa == "Thames Valley"
    for *_, lon, lat, easting, northing in [r for r in rows if r[4] is not None][:25]:
        expected = bng_point(lon, lat)
        assert abs(easting - expected[0]) < 5 and abs(northing - expected[1]) < 5
    assert all(r[6] is None for r in rows if r[4] is None)


def test_same_file_twice_changes_nothing() -> None:
    import_policeuk(paths=[STREET_2022_03])
    before = warehouse_digest()
    [again] = import_policeuk(paths=[STREET_2022_03])
    assert again.status == STATUS_ALREADY
    assert "already imported" in again.message
    assert warehouse_digest() == before


def test_corrected_file_replaces_the_month_and_leaves_other_months(tmp_path: Path) -> None:
    import_policeuk(paths=[STREET_2022_03, STREET_2022_01])
    january = warehouse_rows("SELECT * FROM crime WHERE month = DATE '2022-01-01' ORDER BY record_id")
    [result] = import_policeuk(paths=[EARLIER_2022_03])
    assert result.status == STATUS_REPLACED and result.replaced_import_id is not None
    earlier = csv_rows(EARLIER_2022_03)
    outcomes = {
        (k or ""): v
        for k, v in warehouse_rows(
            "SELECT last_outcome, count(*) FROM crime WHERE month = DATE '2022-03-01' GROUP BY 1"
        )
    }
    assert outcomes == dict(count_by(EARLIER_2022_03, "Last outcome category"))
    assert sum(outcomes.values()) == len(earlier)
    assert warehouse_rows("SELECT * FROM crime WHERE month = DATE '2022-01-01' ORDER BY record_id") == january
    history = warehouse_rows("SELECT import_id, replaced_import_id FROM import_run WHERE month = DATE '2022-03-01'")
    assert len(history) == 2 and history[1][1] == history[0][0]


def test_reimport_loads_the_same_bytes_again() -> None:
    import_policeuk(paths=[STREET_2022_03])
    [result] = import_policeuk(paths=[STREET_2022_03], reimport=True)
    assert result.status == STATUS_REPLACED
    assert warehouse_rows("SELECT count(*) FROM crime") == [(len(csv_rows(STREET_2022_03)),)]


def test_outcomes_and_quality_summary() -> None:
    results = import_policeuk(paths=[OUTCOMES_2022_03, STREET_2022_03, STREET_2022_01])
    # Street files load before outcomes of the same month whatever the order given.
    assert [r.source_name for r in results] == [STREET_2022_01.name, STREET_2022_03.name, OUTCOMES_2022_03.name]
    outcome = results[2]
    crime_ids = {r["Crime ID"] for r in csv_rows(STREET_2022_03) + csv_rows(STREET_2022_01) if r["Crime ID"]}
    outcome_rows = csv_rows(OUTCOMES_2022_03)
    assert outcome.rows_loaded == len(outcome_rows)
    assert outcome.quality["outcomes_without_crime"] == sum(1 for r in outcome_rows if r["Crime ID"] not in crime_ids)
    assert results[1].quality["months_missing"] == {"thames-valley": ["2022-02"]}
    assert results[1].quality["lsoa_not_in_geography"] == 0


def test_stop_and_search() -> None:
    [result] = import_policeuk(paths=[STOP_2022_03])
    rows = csv_rows(STOP_2022_03)
    assert result.rows_loaded == len(rows)
    loaded = warehouse_rows(
        "SELECT count(*), count(easting), count(*) FILTER (WHERE outcome_linked_to_object) FROM stop_search"
    )
    assert loaded == [
        (
            len(rows),
            sum(1 for r in rows if r["Longitude"]),
            sum(1 for r in rows if r["Outcome linked to object of search"] == "True"),
        )
    ]


def test_folder_of_monthly_folders_and_archive_zip(tmp_path: Path) -> None:
    progress: list[ProgressEvent] = []
    results = import_policeuk(paths=[FIXTURES / "policeuk"], progress=progress.append)
    assert len(results) == 4
    assert progress[-1].done == progress[-1].total == 4
    first = warehouse_digest()
    archive = tmp_path / "2022-03.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((FIXTURES / "policeuk").rglob("*.csv")):
            zf.write(path, f"{path.parent.name}/{path.name}")
    again = import_policeuk(paths=[archive])
    assert {r.status for r in again} == {STATUS_ALREADY}
    assert warehouse_digest() == first


def test_gzipped_file_is_the_same_import(tmp_path: Path) -> None:
    import gzip

    target = tmp_path / (STREET_2022_03.name + ".gz")
    with open(STREET_2022_03, "rb") as source, gzip.open(target, "wb") as sink:
        shutil.copyfileobj(source, sink)
    [result] = import_policeuk(paths=[target])
    assert result.rows_loaded == len(csv_rows(STREET_2022_03))


def test_rejected_rows_go_to_the_rejects_file_with_line_and_reason(tmp_path: Path) -> None:
    lines = STREET_2022_03.read_text().splitlines()
    header, body = lines[0], lines[1:]
    bad = body[:]
    fields = next(csv.reader([bad[2]]))
    fields[9] = "Burglery"
    bad[2] = ",".join(fields)
    fields = next(csv.reader([bad[5]]))
    fields[1] = "2022-04"
    bad[5] = ",".join(fields)
    target = tmp_path / STREET_2022_03.name
    target.write_text("\n".join([header, *bad]) + "\n")
    [result] = import_policeuk(paths=[target])
    assert (result.rows_loaded, result.rows_rejected) == (len(body) - 2, 2)
    assert result.rejects_path is not None
    rejects = csv_rows(Path(result.rejects_path))
    assert [(r["line"], r["reason"]) for r in rejects] == [
        ("4", 'unknown crime type "Burglery"'),
        ("7", "month 2022-04 does not match the file name month 2022-03"),
    ]
    assert rejects[0]["Crime ID"] == next(csv.reader([body[2]]))[0]
    assert result.quality["rejected_by_reason"] == {"unknown crime type": 1, "month not matching the file name": 1}


@pytest.mark.parametrize("path", [STREET_2022_03, OUTCOMES_2022_03, STOP_2022_03])
def test_fixture_files_load_without_rejects(path: Path) -> None:
    [result] = import_policeuk(paths=[path])
    assert result.rows_rejected == 0


def test_lsoas_missing_from_the_geography_are_counted(tmp_path: Path) -> None:
    lines = STREET_2022_03.read_text().splitlines()
    first = next(csv.reader([lines[1]]))
    first[7], first[8] = "E01999999", "Nowhere 001A"  # a code and a district the lookup does not know
    second = next(csv.reader([lines[2]]))
    second[7], second[8] = "E01999998", "Oxford 001A"  # a 2021-style code placed by its district name
    lines[1], lines[2] = ",".join(first), ",".join(second)
    target = tmp_path / STREET_2022_03.name
    target.write_text("\n".join(lines) + "\n")
    [result] = import_policeuk(paths=[target])
    assert result.quality["lsoa_not_in_geography"] == 2
    assert result.quality["lsoa_not_in_geography_codes"] == ["E01999998", "E01999999"]
    assert result.quality["rows_not_placed"] == 1
    assert warehouse_rows("SELECT lad_name FROM crime WHERE lsoa_code = 'E01999998'") == [("Oxford",)]
