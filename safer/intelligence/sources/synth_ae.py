"""A synthetic A&E assault attendance extract (ISTV minimum dataset) that follows police.uk violence (pure).

Each police.uk "Violence and sexual offences" record becomes an A&E assault attendance with probability
`ASSUMPTIONS["attendance_share"]`, at the record's month, LSOA and map point, so hospital and police data
overlap in place and time as they do in practice. Everything else is drawn from the ASSUMPTIONS below:
plausible round numbers, NOT published statistics. The output is labelled SYNTHETIC in the file name, the
`synthetic` column and every `incident_location`. Deterministic for the same input and seed. No Django here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from safer.intelligence.sources.schemas import AE_SCHEMA
from safer.intelligence.sources.synth import PoliceUkRecords, _choice, _location_columns

VIOLENCE = "Violence and sexual offences"
ASSUMPTIONS: dict[str, Any] = {
    # Share of police-recorded violence with a matching emergency department attendance.
    "attendance_share": 0.3,
    # Hour of the assault (00:00 first): the night-time economy peak late evening and after midnight.
    "hour_weights": [9, 8, 6, 4, 2, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10],
    # Minutes from assault to arrival: exponential with this mean.
    "delay_minutes_mean": 70,
    # Share of attendances whose assault time the patient could not give.
    "incident_time_unknown": 0.15,
    "assault_means": {
        "body part": 0.55,
        "knife or sharp object": 0.07,
        "blunt object": 0.08,
        "glass or bottle": 0.05,
        "firearm": 0.005,
        "other": 0.095,
        "not known": 0.14,
    },
    # Share of attendances that give only the incident's postcode (no LSOA, no coordinates): an invented
    # SYNTHETIC postcode per LSOA (synthetic_postcode), placed through a SYNTHETIC postcode lookup.
    "postcode_only_share": 0.1,
    "location_type": {
        "street or public place": 0.38,
        "licensed premises": 0.20,
        "home": 0.22,
        "workplace": 0.04,
        "school or college": 0.02,
        "public transport": 0.03,
        "shop": 0.03,
        "other": 0.04,
        "not known": 0.04,
    },
}


def synth_ae(records: PoliceUkRecords, *, seed: int) -> dict[str, np.ndarray]:
    """Synthetic A&E assault attendances following police.uk violence: {schema column: values}."""
    rng = np.random.default_rng([seed, 4])
    violence = records.select(records.category == VIOLENCE)
    records = violence.select(rng.random(len(violence)) < ASSUMPTIONS["attendance_share"])
    n = len(records)
    starts = records.month.astype("datetime64[M]")
    days = ((starts + 1).astype("datetime64[D]") - starts.astype("datetime64[D]")).astype(int)
    day = np.floor(rng.random(n) * days).astype(int)
    weights = np.array(ASSUMPTIONS["hour_weights"], dtype=float)
    minute_of_day = rng.choice(24, size=n, p=weights / weights.sum()) * 60 + rng.integers(0, 60, size=n)
    incident = starts.astype("datetime64[D]").astype("datetime64[m]") + day * 1440 + minute_of_day
    delay = np.ceil(rng.exponential(ASSUMPTIONS["delay_minutes_mean"], size=n)).astype(int) + 5
    attended = incident + delay
    unknown = rng.random(n) < ASSUMPTIONS["incident_time_unknown"]
    place = _choice(rng, ASSUMPTIONS["location_type"], n)

    def text(values: np.ndarray) -> np.ndarray:
        return np.array([str(v).replace("T", " ") for v in values], dtype=object)

    columns: dict[str, np.ndarray] = {
        "attendance_ref": np.array([f"SYN-ED-{i + 1:07d}" for i in range(n)], dtype=object),
        "attended_at": text(attended),
        "incident_at": np.where(unknown, "", text(incident)).astype(object),
        "incident_location": np.array([f"SYNTHETIC {p}" for p in place], dtype=object),
        "postcode": np.full(n, "", dtype=object),
        **_location_columns(records),
        "assault_means": _choice(rng, ASSUMPTIONS["assault_means"], n),
        "location_type": place,
        "synthetic": np.full(n, "true", dtype=object),
    }
    assert list(columns) == AE_SCHEMA.names
    # Drawn last, so every earlier draw is what it was before postcodes were added.
    lsoa = columns["lsoa_code"]
    only = (rng.random(n) < ASSUMPTIONS["postcode_only_share"]) & (lsoa != "")
    columns["postcode"] = np.where(only, [synthetic_postcode(code) if code else "" for code in lsoa], "").astype(object)
    for name in ("latitude", "longitude", "easting", "northing", "lsoa_code"):
        columns[name] = np.where(only, "", columns[name]).astype(object)
    return columns


def synthetic_postcode(lsoa_code: str) -> str:
    """The invented SYNTHETIC postcode standing for an LSOA: area "ZX", which Royal Mail does not use.

    One per 2011 LSOA code and never the same for two (E01028521 -> "ZX5 2EZ"); it is no real postcode.
    """
    number = int(lsoa_code[3:]) + (50_000 if lsoa_code.startswith("W") else 0)
    first, second = divmod(number % 676, 26)
    return f"ZX{number // 6760 + 1} {(number // 676) % 10}{chr(65 + first)}{chr(65 + second)}"
