"""The schemas in code are the documentation: docs/extract-schemas.md must hold each schema's table."""

from __future__ import annotations

from pathlib import Path

from safer.intelligence.sources.offence_codes import offence_codes, policeuk_category
from safer.intelligence.sources.schemas import (
    AE_SCHEMA,
    ASB_SCHEMA,
    OFFENCE_SCHEMA,
    schema_markdown,
    structural_problems,
)
from safer.intelligence.sources.serious_violence import GROUP_1_CODES, GROUP_2_CODES

DOC = Path(__file__).resolve().parents[4] / "docs" / "extract-schemas.md"


def test_docs_hold_each_schema_table_exactly() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert schema_markdown(OFFENCE_SCHEMA) in text
    assert schema_markdown(ASB_SCHEMA) in text
    assert schema_markdown(AE_SCHEMA) in text
    assert schema_markdown(AE_SCHEMA) in (DOC.parent / "ae-istv.md").read_text(encoding="utf-8")


def test_docs_list_the_serious_violence_codes() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code in GROUP_1_CODES | GROUP_2_CODES:
        assert f"`{code}`" in text, code


def test_structural_problems_name_missing_columns_and_half_pairs() -> None:
    assert structural_problems(OFFENCE_SCHEMA, ["offence_ref", "offence_code", "occurred_at"]) == []
    problems = structural_problems(OFFENCE_SCHEMA, ["offence_ref", "latitude", "northing"])
    assert problems == [
        'Missing columns "offence_code", "occurred_at"',
        'Column "latitude" needs its partner "longitude"',
        'Column "northing" needs its partner "easting"',
    ]
    assert structural_problems(ASB_SCHEMA, ["incident_ref", "occurred_at"]) == ['Missing column "asb_category"']


def test_offence_code_table() -> None:
    codes = offence_codes()
    assert codes["8N"].policeuk_category == "Violence and sexual offences"
    assert codes["46"].policeuk_category == "Shoplifting"
    assert codes["105A"].description == "Assault without injury"
    for part in ("1", "4.1", "4.10", "4.2"):
        assert codes[part].subgroup == "Homicide"
    assert policeuk_category("PUBLIC ORDER") == "Public order"
