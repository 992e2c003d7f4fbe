"""Fixture rows for the thematic tables: offence, ASB and A&E records inserted straight into the warehouse."""

from __future__ import annotations

import random
from datetime import date, datetime

import pandas as pd
import pytest

from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.warehouse import writer

LSOAS = ["Oxford 005A", "Oxford 008B", "Cherwell 008A", "Reading 001A"]
# code -> (Home Office offence group, serious violence group by our own reading of the rules)
CODES = {
    "8N": ("Violence against the person", 2),
    "105A": ("Violence against the person", None),
    "5D": ("Violence against the person", 1),
    "19C": ("Sexual offences", 2),
    "19F": ("Sexual offences", 2),
    "58A": ("Criminal damage and arson", None),
    "9A": ("Public order offences", None),
}
STRANDS = [None, "none", "none", "race", "religion", "race;religion", "disability", "sexual orientation"]
BANDS = [None, "unknown", "0-9", "10-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
MEANS = [None, "body part", "knife or sharp object", "glass or bottle", "not known"]
PLACES = [None, "street or public place", "licensed premises", "home"]
MONTHS = [date(y, m, 1) for y in (2019, 2020, 2021, 2022) for m in range(1, 13)]
OXFORD = {"lad_name": "Oxford", "county_name": "Oxfordshire", "pfa_name": "Thames Valley"}


def _maybe(rng: random.Random, value, p: float = 0.8):
    return value if rng.random() < p else None


@pytest.fixture
def thematic_warehouse() -> dict[str, pd.DataFrame]:
    """Offence, ASB and A&E rows inserted straight into the warehouse; the same rows as DataFrames."""
    rng = random.Random(11)
    with writer() as con:
        places = {
            name: dict(
                zip(
                    ("lsoa_code", "lad_code", "lad_name", "county_name", "pfa_name"),
                    con.execute(
                        "SELECT lsoa_code, lad_code, lad_name, county_name, pfa_name FROM lsoa WHERE lsoa_name = ?",
                        [name],
                    ).fetchone(),
                    strict=True,
                )
            )
            for name in LSOAS
        }
        offences, asb, ae = [], [], []
        record = 0
        for month in MONTHS:
            for place in places.values():
                for _ in range(rng.randint(1, 6)):
                    record += 1
                    code = rng.choice(list(CODES))
                    knife = rng.random() < 0.15
                    group = 1 if knife else CODES[code][1]
                    victim = rng.random() < 0.85
                    suspect = rng.random() < 0.6
                    offences.append(
                        {
                            "record_id": record,
                            "offence_ref": f"o{record}",
                            "offence_code": code,
                            "offence_group": CODES[code][0],
                            "local_time": datetime(month.year, month.month, rng.randint(1, 28), rng.randint(0, 23), 5),
                            "month": month,
                            **place,
                            "domestic_abuse": _maybe(rng, rng.random() < 0.3, 0.9),
                            "hate_strand": rng.choice(STRANDS),
                            "knife_sharp_instrument": knife,
                            "alcohol": _maybe(rng, rng.random() < 0.25, 0.9),
                            "serious_violence_group": group,
                            "victim_age_band": rng.choice(BANDS) if victim else None,
                            "victim_sex": rng.choice(["female", "male", "unknown", None]) if victim else None,
                            "victim_ethnicity": rng.choice(["white", "asian", "black", None]) if victim else None,
                            "victim_age": _maybe(rng, rng.randint(3, 80), 0.5) if victim else None,
                            "victim_ref": _maybe(rng, f"V{rng.randint(1, 40)}", 0.9) if victim else None,
                            "suspect_age_band": rng.choice(BANDS) if suspect else None,
                            "suspect_sex": rng.choice(["female", "male", None]) if suspect else None,
                            "suspect_age": _maybe(rng, rng.randint(12, 60), 0.5) if suspect else None,
                            "suspect_ref": _maybe(rng, f"S{rng.randint(1, 25)}", 0.9) if suspect else None,
                            "synthetic": rng.random() < 0.2,
                        }
                    )
                for _ in range(rng.randint(0, 3)):
                    record += 1
                    category = rng.choice(["personal", "nuisance", "environmental"])
                    asb.append(
                        {
                            "record_id": record,
                            "incident_ref": f"a{record}",
                            "month": month,
                            "asb_category": category,
                            **place,
                            "synthetic": False,
                        }
                    )
                if month.year >= 2021:
                    for _ in range(rng.randint(0, 3)):
                        record += 1
                        incident = datetime(month.year, month.month, rng.randint(1, 27), rng.randint(0, 23), 30)
                        ae.append(
                            {
                                "record_id": record,
                                "attendance_ref": f"e{record}",
                                "incident_local": _maybe(rng, incident, 0.8),
                                "attended_local": incident.replace(day=incident.day + 1),
                                "month": month,
                                **place,
                                "assault_means": rng.choice(MEANS),
                                "location_type": rng.choice(PLACES),
                                "synthetic": True,
                            }
                        )
        frames = {"offence": pd.DataFrame(offences), "asb": pd.DataFrame(asb), "ae": pd.DataFrame(ae)}
        offence_frame, asb_frame, ae_frame = frames["offence"], frames["asb"], frames["ae"]  # noqa: F841 - DuckDB
        columns = [c for c in offence_frame.columns if c != "local_time"]
        con.execute(
            f"INSERT INTO offence ({', '.join(columns)}, occurred_at, import_id) "  # noqa: S608
            f"SELECT {', '.join(columns)}, timezone('Europe/London', local_time), 2 FROM offence_frame"
        )
        con.execute("INSERT INTO asb_incident BY NAME SELECT *, 3 AS import_id FROM asb_frame")
        columns = [c for c in ae_frame.columns if c not in ("incident_local", "attended_local")]
        con.execute(
            f"INSERT INTO ae_attendance ({', '.join(columns)}, incident_at, attended_at, import_id) "  # noqa: S608
            f"SELECT {', '.join(columns)}, timezone('Europe/London', incident_local), "
            "timezone('Europe/London', attended_local), 4 FROM ae_frame"
        )
        con.execute(
            "INSERT INTO import_run VALUES "
            "(2, 'offences', 'o.csv', 'x', NULL, NULL, 1, 0, now(), 0, TRUE, NULL, NULL), "
            "(3, 'asb', 'a.csv', 'y', NULL, NULL, 1, 0, now(), 0, TRUE, NULL, NULL), "
            "(4, 'ae', 'e.csv', 'z', NULL, NULL, 1, 0, now(), 0, TRUE, NULL, NULL)"
        )
        aggregates_refresh(con=con)
    for key, frame in frames.items():
        frame = frame.astype(object).where(frame.notna(), None)  # missing values as None, as in the rows above
        frame["month"] = pd.to_datetime(frame["month"])
        frames[key] = frame
    return frames
