"""A small warehouse of real-shaped rows (real LSOAs in Oxford, Cherwell and Reading) for dashboard tests."""

from __future__ import annotations

import random
from datetime import date

import duckdb
import pandas as pd
import pytest

from safer.intelligence.dashboard.aggregates import aggregates_refresh
from safer.intelligence.warehouse import writer

LSOAS = ["Oxford 005A", "Oxford 008B", "Oxford 001A", "Cherwell 008A", "Cherwell 015D", "Reading 001A"]
CRIME_TYPES = ["Anti-social behaviour", "Burglary", "Shoplifting", "Violence and sexual offences"]
LOCATIONS = ["On or near Cowley Road", "On or near Parking Area", "On or near High Street"]


def _months() -> list[date]:
    # 2020-01 .. 2022-12 except 2021-07 (a month missing from the data, as in real police.uk downloads)
    return [date(y, m, 1) for y in (2020, 2021, 2022) for m in range(1, 13) if (y, m) != (2021, 7)]


def _insert(con: duckdb.DuckDBPyConnection, target: str, rows: list[tuple], *, import_id: int | None = None) -> None:
    """Insert many rows at once through a DataFrame (executemany is slow in DuckDB)."""
    columns = [c.strip() for c in target[target.index("(") + 1 : -1].split(",")]
    frame = pd.DataFrame(rows, columns=columns)  # noqa: F841 - read by DuckDB below
    table = target[: target.index(" ")]
    if import_id is not None:
        columns.append("import_id")
        frame["import_id"] = import_id
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM frame")


@pytest.fixture
def dashboard_warehouse() -> dict[str, int]:
    """Insert crime, offence and ASB rows straight into the warehouse tables, then build the aggregates."""
    rng = random.Random(7)
    with writer() as con:
        places = {
            name: con.execute(
                "SELECT lsoa_code, lad_code, lad_name, county_name, pfa_name FROM lsoa WHERE lsoa_name = ?", [name]
            ).fetchone()
            for name in LSOAS
        }
        crime, offence, asb = [], [], []
        record_id = 0
        for month in _months():
            for name, place in places.items():
                assert place is not None, name
                for crime_type in CRIME_TYPES:
                    for _ in range(rng.randint(0, 4)):
                        record_id += 1
                        location = rng.choice(LOCATIONS)
                        lat = 51.75 + 0.01 * LSOAS.index(name) + 0.001 * LOCATIONS.index(location)
                        crime.append(
                            (
                                record_id,
                                f"c{record_id}",
                                month,
                                "thames-valley",
                                -1.25,
                                lat,
                                location,
                                *place,
                                crime_type,
                                1,
                                rng.random() < 0.1,
                            )
                        )
                for _ in range(rng.randint(0, 3)):
                    record_id += 1
                    group = rng.choice([1, 2, None])
                    offence.append(
                        (
                            record_id,
                            f"o{record_id}",
                            "105A",
                            month,
                            *place,
                            group,
                            rng.choice(["10-17", "18-24", "25-34", "unknown"]),
                            rng.choice(["female", "male"]),
                            rng.choice(["10-17", "18-24", "35-44"]),
                            rng.choice(["female", "male"]),
                            True,
                        )
                    )
                for _ in range(rng.randint(0, 2)):
                    record_id += 1
                    asb.append(
                        (record_id, f"a{record_id}", month, rng.choice(["personal", "nuisance"]), "Noise", *place, True)
                    )
        _insert(
            con,
            "crime (record_id, crime_id, month, force, longitude, latitude, location, lsoa_code, lad_code, lad_name, "
            "county_name, pfa_name, crime_type, import_id, synthetic)",
            crime,
        )
        _insert(
            con,
            "offence (record_id, offence_ref, offence_code, month, lsoa_code, lad_code, lad_name, county_name, "
            "pfa_name, serious_violence_group, victim_age_band, victim_sex, suspect_age_band, suspect_sex, synthetic)",
            offence,
            import_id=2,
        )
        _insert(
            con,
            "asb_incident (record_id, incident_ref, month, asb_category, asb_type, lsoa_code, lad_code, lad_name, "
            "county_name, pfa_name, synthetic)",
            asb,
            import_id=3,
        )
        aggregates_refresh(con=con)
    return {"crime": len(crime), "offence": len(offence), "asb": len(asb)}
