"""Synthetic repeat victims/suspects in the offence extract and the synthetic A&E extract: labelled SYNTHETIC,
consistent people, realistic repeats, attendances following police.uk violence, importable."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from safer.intelligence.sources.offence_codes import code_shares
from safer.intelligence.sources.schemas import AE_SCHEMA, OFFENCE_SCHEMA
from safer.intelligence.sources.synth import columns_write_csv, synth_offences
from safer.intelligence.sources.synth_ae import VIOLENCE, synth_ae
from safer.intelligence.tests.sources.test_synth import STREET, _records_from_street


@pytest.fixture(scope="module")
def offences() -> dict[str, np.ndarray]:
    return synth_offences(_records_from_street(STREET), shares=code_shares("thames-valley"), seed=5)


class TestSynthPeople:
    def test_columns_are_the_schema_and_every_row_is_synthetic(self, offences: dict[str, np.ndarray]) -> None:
        assert list(offences) == OFFENCE_SCHEMA.names
        assert set(offences["synthetic"]) == {"true"}
        refs = [r for r in offences["victim_ref"] if r] + [r for r in offences["suspect_ref"] if r]
        assert refs and all(r.startswith("SYN-") for r in refs)

    def test_a_person_keeps_sex_age_and_ethnicity(self, offences: dict[str, np.ndarray]) -> None:
        for party in ("victim", "suspect"):
            seen: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
            for ref, sex, age, ethnicity in zip(
                *(offences[f"{party}_{c}"] for c in ("ref", "sex", "age", "ethnicity")), strict=True
            ):
                if ref:
                    seen[ref].add((sex, age, ethnicity))
            assert seen and all(len(v) == 1 for v in seen.values())

    def test_refs_exactly_where_a_person_is_recorded_and_ages_inside_their_band(
        self, offences: dict[str, np.ndarray]
    ) -> None:
        for party in ("victim", "suspect"):
            assert [bool(r) for r in offences[f"{party}_ref"]] == [bool(s) for s in offences[f"{party}_sex"]]
            for band, age in zip(offences[f"{party}_age_band"], offences[f"{party}_age"], strict=True):
                if band and band != "unknown":
                    low, _, high = band.replace("+", "-200").partition("-")
                    assert int(low) <= int(age) <= int(high)

    def test_most_people_appear_once_and_some_repeat(self, offences: dict[str, np.ndarray]) -> None:
        for party in ("victim", "suspect"):
            per_person = Counter(r for r in offences[f"{party}_ref"] if r)
            repeated = sum(1 for n in per_person.values() if n >= 2)
            assert 0 < repeated < len(per_person) / 2


class TestSyntheticPostcode:
    def test_one_invented_postcode_per_lsoa_in_an_unused_area(self) -> None:
        import re

        from safer.intelligence.sources.synth_ae import synthetic_postcode

        codes = [f"E01{n:06d}" for n in range(1, 36_000)] + [f"W01{n:06d}" for n in range(1, 2_000)]
        postcodes = [synthetic_postcode(code) for code in codes]
        assert len(set(postcodes)) == len(codes)
        assert all(re.fullmatch(r"ZX[0-9]{1,2} [0-9][A-Z]{2}", p) for p in postcodes)
        assert synthetic_postcode("E01028521") == "ZX5 2EZ"  # 28521 = 4 * 6760 + 2 * 676 + 4 * 26 + 25


class TestSynthAe:
    def test_attendances_follow_police_violence_and_are_labelled(self, tmp_path: Path) -> None:
        records = _records_from_street(STREET)
        columns = synth_ae(records, seed=3)
        assert list(columns) == AE_SCHEMA.names
        n = len(columns["attendance_ref"])
        violence = int((records.category == VIOLENCE).sum())
        assert 0 < n <= violence
        assert set(columns["synthetic"]) == {"true"}
        assert all(text.startswith("SYNTHETIC ") for text in columns["incident_location"])
        violent_lsoas = set(records.lsoa_code[records.category == VIOLENCE].tolist()) | {None}
        assert {code or None for code in columns["lsoa_code"]} <= violent_lsoas
        for incident, attended in zip(columns["incident_at"], columns["attended_at"], strict=True):
            assert attended.startswith("2022-03") or attended.startswith("2022-04")
            if incident:
                assert incident < attended
        # A share give only an invented postcode standing for their LSOA: no LSOA, no coordinates.
        only = columns["postcode"] != ""
        assert 0 < only.sum() < n / 4
        assert not any(columns["lsoa_code"][only]) and not any(columns["latitude"][only])
        assert all(p.startswith("ZX") for p in columns["postcode"][only])
        path = tmp_path / "a.csv"
        columns_write_csv(path, columns)
        columns_write_csv(tmp_path / "b.csv", synth_ae(records, seed=3))
        assert path.read_bytes() == (tmp_path / "b.csv").read_bytes()
