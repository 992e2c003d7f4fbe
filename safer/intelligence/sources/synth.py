"""Synthetic offence-level and ASB extracts that follow a police.uk dataset (pure: arrays in, columns out).

Every police.uk street record becomes exactly one synthetic record with the same month, LSOA and (snapped)
location, so counts by police.uk category x month x LSOA equal the source exactly. "Anti-social behaviour"
rows become ASB incidents; every other category becomes offences whose Home Office offence code is drawn
from the force's real 2017/18 offence-code mix within that category (data/prc_pfa_2017_18_offence_counts).

Everything else is drawn from the ASSUMPTIONS below: plausible, documented round numbers, NOT published
statistics for any force. The output is labelled synthetic in the file name and in a `synthetic` column.
Deterministic: the same input arrays (in the same order) and seed give byte-identical files. No Django here.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from safer.intelligence.sources.offence_codes import ASB_CATEGORY
from safer.intelligence.sources.schemas import ASB_SCHEMA, OFFENCE_SCHEMA

ETHNICITY_SHARES = {"white": 0.86, "asian": 0.075, "black": 0.033, "mixed": 0.022, "other": 0.01}
ASSUMPTIONS: dict[str, Any] = {
    # Share of offences flagged domestic abuse, by police.uk category (other categories: 0.01).
    "domestic_abuse": {
        "Violence and sexual offences": 0.33,
        "Criminal damage and arson": 0.12,
        "Public order": 0.10,
        "Other theft": 0.03,
    },
    # Share flagged alcohol-related, by category (others: 0.03).
    "alcohol": {"Violence and sexual offences": 0.20, "Public order": 0.25, "Criminal damage and arson": 0.10},
    # Knife/sharp instrument: by offence code (10D and 90 are knife offences by definition), robbery 18%.
    "knife_by_code": {"10D": 1.0, "90": 1.0, "1": 0.4, "2": 0.3, "5D": 0.3, "3B": 0.1, "8N": 0.03},
    "knife_robbery": 0.18,
    # Racially or religiously aggravated codes carry the race (80%) or religion (20%) strand; other violence
    # and public order offences are hate crimes 1% of the time, strands in these shares.
    "hate_aggravated_codes": ["8M", "8P", "105B", "9B", "58J"],
    "hate_other_rate": 0.01,
    "hate_strands": {
        "race": 0.70,
        "sexual orientation": 0.12,
        "disability": 0.07,
        "religion": 0.07,
        "transgender": 0.04,
    },
    # Victim fields are blank where the victim is the state or a business.
    "no_person_victim": ["Drugs", "Possession of weapons", "Public order", "Shoplifting"],
    "victim_age_bands": {
        "0-9": 0.04,
        "10-17": 0.10,
        "18-24": 0.18,
        "25-34": 0.24,
        "35-44": 0.18,
        "45-54": 0.13,
        "55-64": 0.07,
        "65+": 0.06,
    },
    # Share of victims female: sexual offence codes 85%, everything else 50%.
    "victim_female": {"sexual": 0.85, "other": 0.50},
    "ethnicity": ETHNICITY_SHARES,
    # Share of offences with an identified suspect, by category (others: 0.3).
    "suspect_identified": {
        "Violence and sexual offences": 0.75,
        "Public order": 0.60,
        "Drugs": 1.0,
        "Possession of weapons": 1.0,
        "Shoplifting": 0.50,
        "Burglary": 0.15,
        "Vehicle crime": 0.10,
        "Other theft": 0.25,
        "Criminal damage and arson": 0.20,
        "Robbery": 0.35,
        "Bicycle theft": 0.10,
        "Theft from the person": 0.15,
        "Other crime": 0.60,
    },
    "suspect_male": 0.82,
    "suspect_age_bands": {
        "10-17": 0.12,
        "18-24": 0.25,
        "25-34": 0.28,
        "35-44": 0.18,
        "45-54": 0.11,
        "55-64": 0.04,
        "65+": 0.02,
    },
    # Hour of day an offence or incident happens (relative weights, 00:00 first): busier evenings and nights.
    "hour_weights": [5, 4, 3, 2, 1, 1, 1, 2, 3, 3, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 6],
    # ASB category shares: roughly the split of police-recorded ASB in England and Wales in the 2010s
    # (nuisance about two-thirds, personal about a quarter, environmental under a tenth).
    "asb_categories": {"nuisance": 0.66, "personal": 0.26, "environmental": 0.08},
    "asb_types": {
        "nuisance": {"Rowdy or inconsiderate behaviour": 0.5, "Noise": 0.25, "Vehicle nuisance": 0.15, "Begging": 0.10},
        "personal": {"Harassment or intimidation": 0.6, "Neighbour dispute": 0.4},
        "environmental": {"Fly-tipping": 0.4, "Graffiti": 0.3, "Litter": 0.3},
    },
    "asb_source_agency": {"Police": 0.7, "Council": 0.3},
    # Reporters: one pseudonym per about three incidents, a few reporting often (squared-uniform pick).
    "asb_incidents_per_reporter": 3,
    # Repeat victims and suspects (pseudonymous refs). Within each group of people who share a sex, age band and
    # ethnicity, each person has a geometric number of offences with this mean, so most people appear once and
    # a few many times. Domestic abuse victims and suspects repeat more than others.
    "offences_per_victim": {"domestic_abuse": 1.6, "other": 1.15},
    "offences_per_suspect": {"domestic_abuse": 1.8, "other": 1.5},
    # Oldest age drawn for the open band "65+".
    "oldest_age": 95,
}
SEXUAL_CODE_PREFIXES = ("17", "19", "20", "21", "22", "23", "70", "71", "72", "73", "88")


class SynthInputError(ValueError):
    """The source data cannot be synthesised from (a category the offence-code table lacks, bad arrays)."""


@dataclass(frozen=True)
class PoliceUkRecords:
    """police.uk street records, one entry per record, all arrays the same length, in a fixed order."""

    month: np.ndarray  # "YYYY-MM"
    category: np.ndarray  # police.uk crime type
    lsoa_code: np.ndarray  # object array, None where unknown
    longitude: np.ndarray  # float, NaN where no location
    latitude: np.ndarray

    def select(self, mask: np.ndarray) -> PoliceUkRecords:
        return PoliceUkRecords(
            self.month[mask], self.category[mask], self.lsoa_code[mask], self.longitude[mask], self.latitude[mask]
        )

    def __len__(self) -> int:
        return len(self.month)


def _choice(rng: np.random.Generator, shares: Mapping[str, float], size: int) -> np.ndarray:
    keys = list(shares)
    p = np.array([shares[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def _flag_text(values: np.ndarray) -> np.ndarray:
    return np.where(values, "true", "false").astype(object)


def _occurred_at(rng: np.random.Generator, months: np.ndarray) -> np.ndarray:
    """A random day in each record's month and an hour from the assumed pattern, as YYYY-MM-DD HH:MM."""
    n = len(months)
    starts = months.astype("datetime64[M]")
    days_in_month = ((starts + 1).astype("datetime64[D]") - starts.astype("datetime64[D]")).astype(int)
    day = np.floor(rng.random(n) * days_in_month).astype(int)
    weights = np.array(ASSUMPTIONS["hour_weights"], dtype=float)
    hour = rng.choice(24, size=n, p=weights / weights.sum())
    minute = rng.integers(0, 60, size=n)
    dates = (starts.astype("datetime64[D]") + day).astype(str)
    return np.array([f"{d} {h:02d}:{m:02d}" for d, h, m in zip(dates, hour, minute, strict=True)], dtype=object)


def _location_columns(records: PoliceUkRecords) -> dict[str, np.ndarray]:
    has = ~np.isnan(records.longitude)
    lon = np.array([f"{v:.6f}" if ok else "" for v, ok in zip(records.longitude, has, strict=True)], dtype=object)
    lat = np.array([f"{v:.6f}" if ok else "" for v, ok in zip(records.latitude, has, strict=True)], dtype=object)
    lsoa = np.array([v or "" for v in records.lsoa_code], dtype=object)
    blank = np.full(len(records), "", dtype=object)
    return {"latitude": lat, "longitude": lon, "easting": blank, "northing": blank, "lsoa_code": lsoa}


def synth_offences(
    records: PoliceUkRecords, *, shares: Mapping[str, tuple[Sequence[str], Sequence[float]]], seed: int
) -> dict[str, np.ndarray]:
    """One synthetic offence per police.uk crime record (ASB rows are ignored): {schema column: values}."""
    records = records.select(records.category != ASB_CATEGORY)
    n = len(records)
    rng = np.random.default_rng([seed, 1])
    codes = np.empty(n, dtype=object)
    for category in sorted(set(records.category.tolist())):
        if category not in shares:
            raise SynthInputError(
                f'The Home Office offence-code table has no codes for police.uk category "{category}".'
            )
        where = np.flatnonzero(records.category == category)
        category_codes, probabilities = shares[category]
        p = np.asarray(probabilities, dtype=float)
        codes[where] = np.asarray(category_codes, dtype=object)[rng.choice(len(p), size=len(where), p=p / p.sum())]
    category = records.category

    def by_category(table: Mapping[str, float], default: float) -> np.ndarray:
        return np.array([table.get(c, default) for c in category], dtype=float)

    domestic = rng.random(n) < by_category(ASSUMPTIONS["domestic_abuse"], 0.01)
    alcohol = rng.random(n) < by_category(ASSUMPTIONS["alcohol"], 0.03)
    knife_p = np.array([ASSUMPTIONS["knife_by_code"].get(c, 0.0) for c in codes], dtype=float)
    knife_p = np.where(category == "Robbery", ASSUMPTIONS["knife_robbery"], knife_p)
    knife = rng.random(n) < knife_p
    hate = np.full(n, "none", dtype=object)
    aggravated = np.isin(codes, ASSUMPTIONS["hate_aggravated_codes"])
    hate[aggravated] = np.where(rng.random(int(aggravated.sum())) < 0.8, "race", "religion")
    eligible = ~aggravated & np.isin(category, ["Violence and sexual offences", "Public order"])
    other_hate = eligible & (rng.random(n) < ASSUMPTIONS["hate_other_rate"])
    hate[other_hate] = _choice(rng, ASSUMPTIONS["hate_strands"], int(other_hate.sum()))
    sexual = np.array([str(c).startswith(SEXUAL_CODE_PREFIXES) for c in codes], dtype=bool)
    has_victim = ~np.isin(category, ASSUMPTIONS["no_person_victim"])
    victim_female = rng.random(n) < np.where(
        sexual, ASSUMPTIONS["victim_female"]["sexual"], ASSUMPTIONS["victim_female"]["other"]
    )
    victim_age = _choice(rng, ASSUMPTIONS["victim_age_bands"], n)
    victim_ethnicity = _choice(rng, ASSUMPTIONS["ethnicity"], n)
    suspect = rng.random(n) < by_category(ASSUMPTIONS["suspect_identified"], 0.3)
    suspect_male = rng.random(n) < ASSUMPTIONS["suspect_male"]
    suspect_age = _choice(rng, ASSUMPTIONS["suspect_age_bands"], n)
    suspect_ethnicity = _choice(rng, ASSUMPTIONS["ethnicity"], n)
    blank = np.full(n, "", dtype=object)
    columns: dict[str, np.ndarray] = {
        "offence_ref": np.array([f"SYN-O-{i + 1:07d}" for i in range(n)], dtype=object),
        "offence_code": codes,
        "occurred_at": _occurred_at(rng, records.month),
        **_location_columns(records),
        "domestic_abuse": _flag_text(domestic),
        "hate_strand": hate,
        "knife_sharp_instrument": _flag_text(knife),
        "alcohol": _flag_text(alcohol),
        "victim_age_band": np.where(has_victim, victim_age, blank),
        "victim_sex": np.where(has_victim, np.where(victim_female, "female", "male").astype(object), blank),
        "victim_ethnicity": np.where(has_victim, victim_ethnicity, blank),
        "suspect_age_band": np.where(suspect, suspect_age, blank),
        "suspect_sex": np.where(suspect, np.where(suspect_male, "male", "female").astype(object), blank),
        "suspect_ethnicity": np.where(suspect, suspect_ethnicity, blank),
    }
    columns.update(_people_columns(columns, domestic=domestic, seed=seed))
    columns["synthetic"] = np.full(n, "true", dtype=object)
    assert list(columns) == OFFENCE_SCHEMA.names
    return columns


def _band_bounds(band: str) -> tuple[int, int]:
    if band.endswith("+"):
        return int(band[:-1]), int(ASSUMPTIONS["oldest_age"])
    low, high = band.split("-")
    return int(low), int(high)


def _people_columns(columns: Mapping[str, np.ndarray], *, domestic: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """victim_ref, suspect_ref, victim_age, suspect_age: the same person always has the same sex, band,
    ethnicity and age (drawn from a separate random stream, so the other columns do not change)."""
    rng = np.random.default_rng([seed, 3])
    out: dict[str, np.ndarray] = {}
    ages: dict[str, np.ndarray] = {}
    for party, prefix in (("victim", "V"), ("suspect", "S")):
        sex, band, ethnicity = (columns[f"{party}_{c}"] for c in ("sex", "age_band", "ethnicity"))
        refs = np.full(len(sex), "", dtype=object)
        age = np.full(len(sex), "", dtype=object)
        means = ASSUMPTIONS[f"offences_per_{party}"]
        strata = np.array([f"{a}|{b}|{c}|{int(d)}" for a, b, c, d in zip(sex, band, ethnicity, domestic, strict=True)])
        for number, stratum in enumerate(sorted(set(strata.tolist()))):
            where = np.flatnonzero((strata == stratum) & (sex != ""))
            if not len(where):
                continue
            mean = means["domestic_abuse" if stratum.endswith("|1") else "other"]
            # Offences per person are geometric with the assumed mean (most once, a long tail of repeats),
            # dealt out to the stratum's offences in random order.
            per_person = rng.geometric(1.0 / mean, size=len(where))
            person = np.empty(len(where), dtype=int)
            person[rng.permutation(len(where))] = np.repeat(np.arange(len(where)), per_person)[: len(where)]
            pool = int(person.max()) + 1
            refs[where] = [f"SYN-{prefix}-{number:03d}-{p:05d}" for p in person]
            band_text = str(band[where[0]])
            if band_text and band_text != "unknown":
                low, high = _band_bounds(band_text)
                person_age = rng.integers(low, high + 1, size=pool)
                age[where] = person_age[person].astype(str)
        out[f"{party}_ref"] = refs
        ages[f"{party}_age"] = age
    return {**out, **ages}


def synth_asb(records: PoliceUkRecords, *, seed: int) -> dict[str, np.ndarray]:
    """One synthetic ASB incident per police.uk "Anti-social behaviour" record: {schema column: values}."""
    records = records.select(records.category == ASB_CATEGORY)
    n = len(records)
    rng = np.random.default_rng([seed, 2])
    category = _choice(rng, ASSUMPTIONS["asb_categories"], n)
    asb_type = np.empty(n, dtype=object)
    for name, types in ASSUMPTIONS["asb_types"].items():
        where = np.flatnonzero(category == name)
        asb_type[where] = _choice(rng, types, len(where))
    pool = max(n // ASSUMPTIONS["asb_incidents_per_reporter"], 1)
    reporter_index = np.floor(pool * rng.random(n) ** 2).astype(int)
    salt = int(rng.integers(0, 2**31))
    reporters = np.array([f"R-{(i * 2654435761 + salt) % 16**6:06x}" for i in reporter_index], dtype=object)
    columns: dict[str, np.ndarray] = {
        "incident_ref": np.array([f"SYN-A-{i + 1:07d}" for i in range(n)], dtype=object),
        "occurred_at": _occurred_at(rng, records.month),
        "asb_category": category,
        "asb_type": asb_type,
        **_location_columns(records),
        "reporter_pseudonym": reporters,
        "source_agency": _choice(rng, ASSUMPTIONS["asb_source_agency"], n),
        "synthetic": np.full(n, "true", dtype=object),
    }
    assert list(columns) == ASB_SCHEMA.names
    return columns


def columns_write_csv(path: Path, columns: Mapping[str, np.ndarray]) -> int:
    """Write {column: values} as a UTF-8 CSV with a header; returns the row count."""
    names = list(columns)
    n = len(next(iter(columns.values()))) if columns else 0
    partial = path.with_name(path.name + ".part")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(names)
        out.writerows(zip(*(columns[c] for c in names), strict=True))
    partial.replace(path)
    return n


def synth_file_names(force: str, first_month: str, last_month: str) -> tuple[str, str]:
    """(offences, ASB) file names, labelled SYNTHETIC."""
    span = f"{force}-{first_month}-to-{last_month}"
    return f"SYNTHETIC-offences-{span}.csv", f"SYNTHETIC-asb-{span}.csv"
