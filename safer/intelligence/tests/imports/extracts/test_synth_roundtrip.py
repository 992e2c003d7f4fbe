"""police.uk in the warehouse -> safer synth -> import: counts by category x month x LSOA equal the source."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from safer.intelligence.imports.policeuk import import_policeuk
from safer.intelligence.tests.imports.extracts.helpers import fetch

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "policeuk" / "fixtures" / "policeuk"


def test_synth_then_import_matches_policeuk_exactly(tmp_path: Path) -> None:
    import_policeuk(
        paths=[
            FIXTURES / "2022-01" / "2022-01-thames-valley-street.csv",
            FIXTURES / "2022-03" / "2022-03-thames-valley-street.csv",
        ]
    )
    out = io.StringIO()
    call_command(
        "synth",
        "--from-policeuk",
        "--months",
        "2022-01..2022-03",
        "--seed",
        "42",
        "--out",
        str(tmp_path / "syn"),
        stdout=out,
    )
    files = sorted((tmp_path / "syn").iterdir())
    assert [f.name for f in files] == [
        "SYNTHETIC-asb-thames-valley-2022-01-to-2022-03.csv",
        "SYNTHETIC-offences-thames-valley-2022-01-to-2022-03.csv",
    ]
    call_command("import-offences", str(files[1]), "--no-progress", stdout=out)
    call_command("import-asb", str(files[0]), "--no-progress", stdout=out)
    source = fetch(
        """SELECT crime_type, month, coalesce(lsoa_code, ''), count(*) FROM crime
           WHERE crime_type <> 'Anti-social behaviour' GROUP BY ALL ORDER BY ALL"""
    )
    made = fetch(
        "SELECT policeuk_category, month, coalesce(lsoa_code, ''), count(*) FROM offence GROUP BY ALL ORDER BY ALL"
    )
    assert made == source and len(source) > 50
    asb_source = fetch(
        """SELECT month, coalesce(lsoa_code, ''), count(*) FROM crime WHERE crime_type = 'Anti-social behaviour'
           GROUP BY ALL ORDER BY ALL"""
    )
    assert (
        fetch("SELECT month, coalesce(lsoa_code, ''), count(*) FROM asb_incident GROUP BY ALL ORDER BY ALL")
        == asb_source
    )
    # Labelled synthetic everywhere.
    assert fetch("SELECT DISTINCT synthetic FROM offence") == [(True,)]
    assert fetch("SELECT DISTINCT synthetic FROM asb_incident") == [(True,)]
    assert fetch("SELECT kind, synthetic FROM import_run WHERE kind IN ('offences', 'asb') ORDER BY kind") == [
        ("asb", True),
        ("offences", True),
    ]
    # Same seed, same bytes.
    call_command("synth", "--from-policeuk", "--seed", "42", "--out", str(tmp_path / "again"), stdout=out)
    assert [f.read_bytes() for f in sorted((tmp_path / "again").iterdir())] == [f.read_bytes() for f in files]


def test_synth_errors(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="holds no police.uk street data"):
        call_command("synth", "--from-policeuk", "--out", str(tmp_path))
    import_policeuk(paths=[FIXTURES / "2022-03" / "2022-03-thames-valley-street.csv"])
    with pytest.raises(CommandError, match='No police.uk data for force "kent"'):
        call_command("synth", "--from-policeuk", "--force", "kent", "--out", str(tmp_path))
    with pytest.raises(CommandError, match='"2022-3" is not a month range'):
        call_command("synth", "--from-policeuk", "--months", "2022-3", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="No police.uk records for thames-valley"):
        call_command("synth", "--from-policeuk", "--months", "2020-01..2020-02", "--out", str(tmp_path))


def test_demo_piece_is_idempotent_and_labelled() -> None:
    from safer.intelligence.demo.extracts import DEMO_AREA_NAME, extracts_demo_load
    from safer.intelligence.services.custom_areas import custom_area_list

    assert extracts_demo_load()[-1].startswith("Partner extracts: no police.uk data")
    import_policeuk(paths=[FIXTURES / "2022-03" / "2022-03-thames-valley-street.csv"])
    first = extracts_demo_load()
    assert any("SYNTHETIC-offences-thames-valley-2022-03-to-2022-03.csv: loaded" in line for line in first)
    assert any(line.startswith("A&E assault attendances (SYNTHETIC): SYNTHETIC-ae-") for line in first)
    assert any("Postcode lookup (SYNTHETIC, invented ZX postcodes, not ONS data)" in line for line in first)
    assert fetch("SELECT count(*) FROM ae_attendance WHERE lsoa_code IS NULL AND postcode IS NOT NULL") == [(0,)]
    # Every attendance giving only a postcode was placed by the lookup (test_ae_import checks there are some).
    assert fetch("SELECT count(*) FROM ae_attendance WHERE geography_match = 'postcode'") == fetch(
        "SELECT count(*) FROM ae_attendance WHERE postcode IS NOT NULL"
    )
    again = [line for line in extracts_demo_load() if not line.startswith("  ")]
    assert len(again) == 3 and all("already imported" in line for line in again)
    assert fetch("SELECT DISTINCT synthetic FROM ae_attendance") == [(True,)]
    assert [a.name for a in custom_area_list()] == [DEMO_AREA_NAME]
    assert fetch("SELECT DISTINCT synthetic FROM offence") == [(True,)]
    crimes = fetch("SELECT count(*) FROM crime WHERE crime_type <> 'Anti-social behaviour'")[0][0]
    assert fetch("SELECT count(*) FROM offence") == [(crimes,)]
