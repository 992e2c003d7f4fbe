"""No record counted twice, whatever the files are called (imports/duplicates.py through import_policeuk)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from safer.intelligence.imports import STATUS_ALREADY, STATUS_LOADED, STATUS_REPLACED, ImportFileError
from safer.intelligence.imports.history import quality_rows
from safer.intelligence.imports.jobs import upload_safe_name
from safer.intelligence.imports.policeuk import import_policeuk, policeuk_name_parse
from safer.intelligence.sources.forces import force_slug
from safer.intelligence.tests.imports.policeuk.helpers import (
    STREET_2022_03,
    csv_rows,
    warehouse_digest,
    warehouse_rows,
)

ROWS = len(csv_rows(STREET_2022_03))
STREET_2022_03_MONTH = dt.date(2022, 3, 1)


def _copy(tmp_path: Path, name: str, content: bytes | None = None) -> Path:
    target = tmp_path / name
    if content is None:
        shutil.copy(STREET_2022_03, target)
    else:
        target.write_bytes(content)
    return target


def _crimes() -> list[tuple[object, ...]]:
    return warehouse_rows("SELECT force, month, count(*) FROM crime GROUP BY ALL ORDER BY ALL")


class TestForceSlug:
    @pytest.mark.parametrize(
        ("reported_by", "slug"),
        [
            ("Thames Valley Police", "thames-valley"),
            ("Devon & Cornwall Police", "devon-and-cornwall"),
            ("Avon and Somerset Constabulary", "avon-and-somerset"),
            ("Metropolitan Police Service", "metropolitan"),
            ("British Transport Police", "btp"),
            ("Police Service of Northern Ireland", "northern-ireland"),
            ("Dyfed-Powys Police", "dyfed-powys"),
            (" city of London  police ", "city-of-london"),
        ],
    )
    def test_police_uk_slugs(self, reported_by: str, slug: str) -> None:
        assert force_slug(reported_by) == slug


class TestCopiesAndRenames:
    @pytest.mark.parametrize(
        "name",
        [
            "2022-03-thames-valley-street (1).csv",  # a browser's second download
            upload_safe_name("2022-03-thames-valley-street (1).csv"),  # the same, uploaded on the web
            "2022-03-thames-valley-street - Copy.csv",  # a desktop copy
            "2022-03-tv-street.csv",  # a shortened force name
        ],
    )
    def test_the_same_bytes_under_another_name_are_already_imported(self, tmp_path: Path, name: str) -> None:
        [first] = import_policeuk(paths=[STREET_2022_03])
        before = warehouse_digest()
        [again] = import_policeuk(paths=[_copy(tmp_path, name)])
        assert again.status == STATUS_ALREADY and again.import_id == first.import_id
        assert again.message == (
            f"{name} was already imported as {STREET_2022_03.name} (import {first.import_id}); nothing changed."
        )
        assert warehouse_digest() == before
        assert _crimes() == [("thames-valley", STREET_2022_03_MONTH, ROWS)]

    def test_a_copy_in_the_same_command_loads_once(self, tmp_path: Path) -> None:
        copy = _copy(tmp_path, "2022-03-tv-street.csv")
        first, second = import_policeuk(paths=[STREET_2022_03, copy])
        assert [first.status, second.status] == [STATUS_LOADED, STATUS_ALREADY]
        assert "holds the same bytes as 2022-03-thames-valley-street.csv" in second.message
        assert _crimes() == [("thames-valley", STREET_2022_03_MONTH, ROWS)]

    def test_a_colleagues_resaved_and_renamed_file_replaces_the_month(self, tmp_path: Path) -> None:
        # Other bytes (the colleague sorted the rows), another name, the same records: the month is replaced.
        header, *rows = STREET_2022_03.read_text().splitlines(keepends=True)
        resaved = (header + "".join(sorted(rows))).encode()
        import_policeuk(paths=[STREET_2022_03])
        [result] = import_policeuk(paths=[_copy(tmp_path, "2022-03-oxon-street.csv", resaved)])
        assert result.status == STATUS_REPLACED and result.force == "thames-valley"
        assert 'The file name says "oxon" but its records are reported by Thames Valley Police' in result.message
        assert _crimes() == [("thames-valley", STREET_2022_03_MONTH, ROWS)]

    def test_name_and_records_disagree_the_records_win_and_it_says_so(self, tmp_path: Path) -> None:
        [result] = import_policeuk(paths=[_copy(tmp_path, "2022-03-surrey-street.csv")])
        assert result.status == STATUS_LOADED and result.force == "thames-valley"
        assert result.message == (
            f'2022-03-surrey-street.csv: {ROWS:,} rows loaded, 0 rejected. The file name says "surrey" but its '
            "records are reported by Thames Valley Police: loaded as thames-valley."
        )
        assert warehouse_rows("SELECT force FROM import_run") == [("thames-valley",)]

    def test_two_different_files_for_one_force_month_in_one_command_are_refused(self, tmp_path: Path) -> None:
        lines = STREET_2022_03.read_text().splitlines(keepends=True)
        fewer = _copy(tmp_path, "2022-03-tv-street.csv", "".join(lines[:-1]).encode())
        before = warehouse_digest()
        with pytest.raises(ImportFileError) as error:
            import_policeuk(paths=[STREET_2022_03, fewer])
        assert str(error.value) == (
            "2022-03-thames-valley-street.csv and 2022-03-tv-street.csv both hold thames-valley street records for "
            "2022-03, with different contents. Import one of them (the newer police.uk download); nothing was "
            "loaded from either."
        )
        assert warehouse_digest() == before


class TestSeveralForces:
    def test_a_file_naming_several_forces_is_refused_with_the_counts(self, tmp_path: Path) -> None:
        lines = STREET_2022_03.read_text().splitlines(keepends=True)
        mixed = [lines[0]] + [
            line.replace("Thames Valley Police,Thames", "Surrey Police,Thames", 1) if i < 3 else line
            for i, line in enumerate(lines[1:])
        ]
        path = _copy(tmp_path, STREET_2022_03.name, "".join(mixed).encode())
        before = warehouse_digest()
        with pytest.raises(ImportFileError) as error:
            import_policeuk(paths=[path])
        assert str(error.value) == (
            f'The records of {STREET_2022_03.name} name several forces in "Reported by" ("Thames Valley Police" on '
            f'{ROWS - 3:,} rows, "Surrey Police" on 3 rows). A police.uk file holds one force\'s records: import '
            "each force's own file as police.uk publishes it. Nothing was loaded from it."
        )
        assert warehouse_digest() == before


class TestCrimeIdsSeenTwice:
    def test_the_same_crime_ids_under_another_month_are_reported(self, tmp_path: Path) -> None:
        text = STREET_2022_03.read_text().replace(",2022-03,", ",2022-04,")
        april = _copy(tmp_path, "2022-04-thames-valley-street.csv", text.encode())
        march, later = import_policeuk(paths=[STREET_2022_03, april])
        ids = {row["Crime ID"] for row in csv_rows(STREET_2022_03) if row["Crime ID"]}
        assert march.quality["crime_ids_in_other_imports"] == len(ids)  # each sees the other once both are in
        assert later.quality["crime_ids_in_other_imports"] == len(ids)
        assert later.quality["crime_ids_in_other_imports_ids"] == [march.import_id]
        shown = dict(quality_rows(later.quality))
        assert shown["Crime IDs also held by another import (counted twice)"] == f"{len(ids):,}"
        assert shown["The other imports holding them (first 20)"] == str(march.import_id)

    def test_a_clean_import_reports_none(self) -> None:
        [result] = import_policeuk(paths=[STREET_2022_03])
        assert result.quality["crime_ids_in_other_imports"] == 0


def test_copy_endings_keep_the_month_force_and_kind() -> None:
    parsed = policeuk_name_parse("2022-03-thames-valley-street (2).csv.gz")
    assert parsed is not None and (parsed.month_text, parsed.force, parsed.kind.suffix) == (
        "2022-03",
        "thames-valley",
        "street",
    )


def test_every_forces_records_give_its_police_uk_file_name(shared_data: Path) -> None:
    import duckdb

    folder = shared_data / "police-uk" / "all-forces-2022-03"
    rows = (
        duckdb.connect()
        .execute(
            """SELECT filename, list(DISTINCT "Reported by") FROM read_csv(?, filename = true, all_varchar = true)
           GROUP BY 1""",
            [str(folder / "*-street.csv.gz")],
        )
        .fetchall()
    )
    assert len(rows) >= 40
    for filename, reported in rows:
        parsed = policeuk_name_parse(Path(filename).name)
        assert parsed is not None and [force_slug(r) for r in reported] == [parsed.force], filename
