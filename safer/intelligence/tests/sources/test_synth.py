"""The synthetic generator: exact counts by category x month x LSOA, the Home Office code mix, determinism."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from safer.intelligence.sources.offence_codes import code_shares
from safer.intelligence.sources.schemas import ASB_SCHEMA, OFFENCE_SCHEMA
from safer.intelligence.sources.synth import (
    PoliceUkRecords,
    SynthInputError,
    columns_write_csv,
    synth_asb,
    synth_offences,
)

STREET = (
    Path(__file__).resolve().parents[1]
    / "imports"
    / "policeuk"
    / "fixtures"
    / "policeuk"
    / "2022-03"
    / "2022-03-thames-valley-street.csv"
)
DATA = Path(__file__).resolve().parents[2] / "sources" / "data"


def _records_from_street(path: Path) -> PoliceUkRecords:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return PoliceUkRecords(
        month=np.array([r["Month"] for r in rows], dtype=object),
        category=np.array([r["Crime type"] for r in rows], dtype=object),
        lsoa_code=np.array([r["LSOA code"] or None for r in rows], dtype=object),
        longitude=np.array([float(r["Longitude"]) if r["Longitude"] else np.nan for r in rows]),
        latitude=np.array([float(r["Latitude"]) if r["Latitude"] else np.nan for r in rows]),
    )


def _policeuk_category_of_code() -> dict[str, str]:
    with (DATA / "offence_codes.csv").open(newline="", encoding="utf-8") as handle:
        table = {r["offence_code"]: r["policeuk_category_ho"].lower() for r in csv.DictReader(handle)}
    table["1"] = table["1/4.1/4.10/4.2"]
    return table


def test_counts_by_category_month_lsoa_equal_the_source() -> None:
    records = _records_from_street(STREET)
    shares = code_shares("thames-valley")
    offences = synth_offences(records, shares=shares, seed=7)
    asb = synth_asb(records, seed=7)
    category_of = _policeuk_category_of_code()
    source = Counter(
        (c.lower(), m, lsoa or "")
        for c, m, lsoa in zip(records.category, records.month, records.lsoa_code, strict=True)
        if c != "Anti-social behaviour"
    )
    made = Counter(
        (category_of[code], when[:7], lsoa)
        for code, when, lsoa in zip(
            offences["offence_code"], offences["occurred_at"], offences["lsoa_code"], strict=True
        )
    )
    assert made == source
    asb_source = Counter(
        (m, lsoa or "")
        for c, m, lsoa in zip(records.category, records.month, records.lsoa_code, strict=True)
        if c == "Anti-social behaviour"
    )
    assert Counter((w[:7], lsoa) for w, lsoa in zip(asb["occurred_at"], asb["lsoa_code"], strict=True)) == asb_source
    assert sum(asb_source.values()) == 20  # the fixture's ASB rows, counted with grep
    assert set(offences["synthetic"]) == {"true"} and set(asb["synthetic"]) == {"true"}
    assert list(offences) == OFFENCE_SCHEMA.names and list(asb) == ASB_SCHEMA.names


def test_code_mix_follows_the_home_office_table() -> None:
    # Expected shares computed here straight from the shipped Home Office file, not via code_shares.
    category_of = _policeuk_category_of_code()
    counts: Counter[str] = Counter()
    with gzip.open(DATA / "prc_pfa_2017_18_offence_counts.csv.gz", "rt", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = "1" if row["offence_code"] == "1/4.1/4.10/4.2" else row["offence_code"]
            if row["force_name"] == "Thames Valley" and category_of[code] == "violence and sexual offences":
                counts[code] += int(row["offences_2017_18"])
    total = sum(counts.values())
    n = 200_000
    records = PoliceUkRecords(
        month=np.full(n, "2021-06", dtype=object),
        category=np.full(n, "Violence and sexual offences", dtype=object),
        lsoa_code=np.full(n, "E01028522", dtype=object),
        longitude=np.full(n, -1.25),
        latitude=np.full(n, 51.75),
    )
    made = Counter(synth_offences(records, shares=code_shares("Thames Valley"), seed=3)["offence_code"].tolist())
    assert set(made) <= set(counts)
    max_diff = max(abs(made[c] / n - counts[c] / total) for c in counts)
    # The largest share is about 0.3: its standard error at n=200,000 is about 0.001, so 0.005 is ~5 sigma.
    assert max_diff < 0.005
    # The commonest code in the Home Office table is the commonest here too.
    assert made.most_common(1)[0][0] == counts.most_common(1)[0][0]


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    records = _records_from_street(STREET)
    shares = code_shares("thames-valley")
    paths = []
    for name, seed in (("a", 42), ("b", 42), ("c", 43)):
        path = tmp_path / f"{name}.csv"
        columns_write_csv(path, synth_offences(records, shares=shares, seed=seed))
        paths.append(path.read_bytes())
    assert paths[0] == paths[1]
    assert paths[0] != paths[2]


def test_unknown_category_is_an_error() -> None:
    records = PoliceUkRecords(
        month=np.array(["2021-06"], dtype=object),
        category=np.array(["Fraud"], dtype=object),
        lsoa_code=np.array([None], dtype=object),
        longitude=np.array([np.nan]),
        latitude=np.array([np.nan]),
    )
    with pytest.raises(SynthInputError, match='police.uk category "Fraud"'):
        synth_offences(records, shares=code_shares("thames-valley"), seed=1)


def test_flags_follow_the_rules_that_are_certain() -> None:
    n = 2_000
    records = PoliceUkRecords(
        month=np.full(n, "2021-06", dtype=object),
        category=np.array(["Possession of weapons", "Drugs"] * (n // 2), dtype=object),
        lsoa_code=np.full(n, None, dtype=object),
        longitude=np.full(n, np.nan),
        latitude=np.full(n, np.nan),
    )
    out = synth_offences(records, shares=code_shares("thames-valley"), seed=5)
    for code, knife, victim in zip(out["offence_code"], out["knife_sharp_instrument"], out["victim_sex"], strict=True):
        if code in ("10D", "90"):
            assert knife == "true"
        assert victim == ""  # drugs and weapons offences have no person as victim
    assert set(out["latitude"]) == {""} and set(out["lsoa_code"]) == {""}
