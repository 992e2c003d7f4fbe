"""Column mapping: the CLI form, resolution errors and the fuzzy suggestions that pre-fill the web form."""

from __future__ import annotations

import pytest

from safer.intelligence.sources.mapping import MappingError, mapping_parse, mapping_resolve, mapping_suggest
from safer.intelligence.sources.schemas import ASB_SCHEMA, OFFENCE_SCHEMA


def test_parse_cli_form() -> None:
    assert mapping_parse("Crime No=offence_ref, HO Code = offence_code,") == {
        "Crime No": "offence_ref",
        "HO Code": "offence_code",
    }


def test_parse_rejects_missing_equals() -> None:
    with pytest.raises(MappingError, match='"Crime No" is not HEADING=COLUMN'):
        mapping_parse("Crime No")


def test_resolve_keeps_matching_names_and_applies_mapping() -> None:
    headings = ["Crime No", "Offence Code", "occurred_at", "Lat", "Long"]
    resolved = mapping_resolve(
        OFFENCE_SCHEMA, headings, {"Crime No": "offence_ref", "Lat": "latitude", "Long": "longitude"}
    )
    assert resolved == {
        "offence_ref": "Crime No",
        "offence_code": "Offence Code",  # same name once spaces and case are ignored
        "occurred_at": "occurred_at",
        "latitude": "Lat",
        "longitude": "Long",
    }


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Nope": "offence_ref"}, 'names heading "Nope", which the file does not have'),
        ({"A": "colour"}, 'maps "A" to "colour", which is not a offence-level recorded crime extract column'),
        ({"A": "offence_ref", "B": "offence_ref"}, 'Both "A" and "B" are mapped to "offence_ref"'),
    ],
)
def test_resolve_errors(mapping: dict[str, str], message: str) -> None:
    with pytest.raises(MappingError, match=message.replace("(", r"\(")):
        mapping_resolve(OFFENCE_SCHEMA, ["A", "B"], mapping)


def test_suggest_uses_names_synonyms_and_fuzzy_match() -> None:
    headings = ["Crime Reference", "HO Code", "Occured At", "LSOA11CD", "Domestic", "Victim Age Band", "Notes"]
    suggestion = mapping_suggest(OFFENCE_SCHEMA, headings)
    assert suggestion["offence_ref"] == "Crime Reference"  # synonym
    assert suggestion["offence_code"] == "HO Code"  # synonym
    assert suggestion["occurred_at"] == "Occured At"  # misspelt: fuzzy
    assert suggestion["lsoa_code"] == "LSOA11CD"
    assert suggestion["domestic_abuse"] == "Domestic"
    assert suggestion["victim_age_band"] == "Victim Age Band"  # exact once normalised
    assert suggestion["alcohol"] == ""  # nothing fits
    assert "Notes" not in suggestion.values()
    assert set(suggestion) == set(OFFENCE_SCHEMA.names)


def test_suggest_never_uses_a_heading_twice() -> None:
    suggestion = mapping_suggest(ASB_SCHEMA, ["Date", "Date time"])
    chosen = [h for h in suggestion.values() if h]
    assert len(chosen) == len(set(chosen))
