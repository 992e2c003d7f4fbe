"""The domestic abuse extract through the one import pipeline: docs, validation, rejects, ranking from the warehouse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from safer.intelligence.imports.extracts import extract_import
from safer.intelligence.sources.schemas import DA_SCHEMA, schema_markdown
from safer.intelligence.warehouse import reader
from safer.safeguarding import incidents as da
from safer.safeguarding.services import matac
from safer.safeguarding.synth import da_synth
from safer.safeguarding.tests.conftest import World

DOC = Path(__file__).resolve().parents[3] / "docs" / "extract-schemas.md"
HEADER = "incident_ref,occurred_at,perpetrator_ref,victim_ref,relationship,crime,offence_code,dash_risk,lsoa_code\n"


def test_docs_hold_the_schema_table_exactly() -> None:
    assert schema_markdown(DA_SCHEMA) in DOC.read_text(encoding="utf-8")


class TestImport:
    def test_rows_validated_and_rejected_with_reasons(self, tmp_path: Path, db: None) -> None:
        path = tmp_path / "da-2026.csv"
        path.write_text(
            HEADER
            + "D1,2026-03-01 22:10,P1,V1,partner,true,8N,high,E01028522\n"
            + "D2,2026-03-02 10:00,P1,V2,Ex Partner,false,,standard,E01028522\n"
            + "D3,2026-03-03,P2,,cousin,true,,medium,\n"  # bad relationship and a crime without a code
            + "D4,2026-03-04,,V3,family,maybe,,,\n",  # blank perpetrator, flag not true/false
            encoding="utf-8",
        )
        result = extract_import(DA_SCHEMA, path=path, actor_label="test")
        assert (result.rows_loaded, result.rows_rejected) == (2, 2)
        reasons = Path(result.rejects_path or "").read_text(encoding="utf-8")
        assert "relationship" in reasons and "offence_code is blank for a crime" in reasons
        assert "perpetrator_ref is blank" in reasons and "crime" in reasons
        with reader() as con:
            rows = con.execute(
                "SELECT incident_ref, relationship, crime, offence_code, dash_risk, lad_code FROM da_incident"
                " ORDER BY 1"
            ).fetchall()
        assert rows == [
            ("D1", "partner", True, "8N", "high", "E07000178"),
            ("D2", "ex-partner", False, None, "standard", "E07000178"),
        ]
        again = extract_import(DA_SCHEMA, path=path, actor_label="test")
        assert again.status == "already imported"

    def test_missing_required_column_stops_the_file(self, tmp_path: Path, db: None) -> None:
        from safer.intelligence.imports import ImportFileError

        path = tmp_path / "da.csv"
        path.write_text("incident_ref,occurred_at\nD1,2026-01-01\n", encoding="utf-8")
        with pytest.raises(ImportFileError, match="perpetrator_ref"):
            extract_import(DA_SCHEMA, path=path, actor_label="test")


def test_synth_and_import_commands_then_rank(tmp_path: Path, world: World) -> None:
    call_command(
        "synth-da",
        "--incidents",
        "300",
        "--seed",
        "5",
        "--from",
        "2024-01-01",
        "--to",
        "2026-11-30",
        "--district",
        "E07000178",
        "--out",
        str(tmp_path),
    )
    (path,) = tmp_path.glob("SYNTHETIC-da-incidents-*.csv")
    call_command("import-da", str(path), "--no-progress")
    columns = da.da_incident_columns(district_codes=["E07000178"], as_of=date(2026, 11, 30), lookback_months=36)
    assert len(columns["perpetrator_ref"]) == 300
    ranking = matac.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2026, 11, 30))
    assert ranking.entries.count() > 0 and ranking.incidents_considered == 300
    top = ranking.entries.order_by("rank").first()
    assert top is not None and top.perpetrator_ref.startswith("SYN-P")
    history = da.da_incidents_of(district_codes=["E07000178"], perpetrator_ref=top.perpetrator_ref)
    assert len(history) >= top.incidents


def test_synth_is_deterministic_and_labelled() -> None:
    first = da_synth(incidents=50, seed=1, start=date(2025, 1, 1), end=date(2025, 12, 31))
    second = da_synth(incidents=50, seed=1, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert first.equals(second) and set(first["synthetic"]) == {"true"}
    assert set(first["relationship"]) <= {"partner", "ex-partner", "family"}


def test_offence_extract_domestic_abuse_with_a_suspect_ref_counts_in_the_ranking(tmp_path: Path, world: World) -> None:
    from safer.intelligence.sources.schemas import OFFENCE_SCHEMA
    from safer.intelligence.tests.imports.extracts.helpers import GOOD_OFFENCE, offence_rows

    header = [c for c in OFFENCE_SCHEMA.names if c in GOOD_OFFENCE or c in ("victim_ref", "suspect_ref")]
    rows = [
        {"offence_ref": "DA-1", "occurred_at": "2026-10-01 21:00", "domestic_abuse": "true"},
        {"offence_ref": "DA-2", "occurred_at": "2026-11-01 21:00", "domestic_abuse": "true", "victim_ref": "V-2"},
        {"offence_ref": "NOT-DA", "occurred_at": "2026-11-02 21:00", "domestic_abuse": "false"},
        {"offence_ref": "NO-SUSPECT", "occurred_at": "2026-11-03 21:00", "domestic_abuse": "true", "suspect_ref": ""},
    ]
    people = {"victim_ref": "V-1", "suspect_ref": "P-1"}
    path = offence_rows(tmp_path / "tv-offences.csv", [people | row for row in rows], header=header)
    extract_import(OFFENCE_SCHEMA, path=path, actor_label="test")
    columns = da.da_incident_columns(district_codes=["E07000178"], as_of=date(2026, 11, 30), lookback_months=36)
    assert sorted(columns["incident_ref"]) == ["DA-1", "DA-2"]  # not the non-DA one, not the one without a suspect
    assert set(columns["perpetrator_ref"]) == {"P-1"} and sorted(columns["victim_ref"]) == ["V-1", "V-2"]
    ranking = matac.ranking_create(actor=world.analyst, area_id=world.area.pk, as_of=date(2026, 11, 30))
    entry = ranking.entries.get(perpetrator_ref="P-1")
    assert entry.incidents == 2
