"""Write synthetic offence and ASB extracts that follow the police.uk data in the warehouse.

    out = synth_from_policeuk(force="thames-valley", months=(date(2021, 3, 1), date(2022, 3, 1)), seed=42,
                              out_dir=Path("synthetic"))

The generator itself is pure (safer/intelligence/sources/synth.py); this reads the `crime` table in a fixed
order so the same warehouse and seed give the same files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from safer.intelligence.sources.offence_codes import code_shares
from safer.intelligence.sources.synth import (
    PoliceUkRecords,
    columns_write_csv,
    synth_asb,
    synth_file_names,
    synth_offences,
)
from safer.intelligence.warehouse import reader


class SynthSourceError(ValueError):
    """No police.uk data to follow, or an ambiguous / unknown force."""


@dataclass(frozen=True)
class SynthOutput:
    force: str
    first_month: str
    last_month: str
    offences_path: Path
    asb_path: Path
    offences: int
    asb_incidents: int


def month_range_parse(text: str) -> tuple[dt.date, dt.date]:
    """'2021-03..2022-03' (or one month '2021-03') -> (first day of first month, first day of last month)."""
    parts = text.split("..")
    try:
        first = dt.date.fromisoformat(parts[0].strip() + "-01")
        last = dt.date.fromisoformat(parts[-1].strip() + "-01")
    except ValueError:
        raise SynthSourceError(f'"{text}" is not a month range. Use YYYY-MM..YYYY-MM, e.g. 2021-03..2022-03.') from None
    if len(parts) > 2 or last < first:
        raise SynthSourceError(f'"{text}" is not a month range from an earlier to a later month (YYYY-MM..YYYY-MM).')
    return first, last


def policeuk_records_read(*, force: str | None, months: tuple[dt.date, dt.date] | None) -> tuple[str, PoliceUkRecords]:
    """The force's police.uk street records in the warehouse, in a fixed order (the synthetic extracts follow them)."""
    with reader() as con:
        forces = [str(r[0]) for r in con.execute("SELECT DISTINCT force FROM crime ORDER BY 1").fetchall()]
        if not forces:
            raise SynthSourceError(
                "The warehouse holds no police.uk street data to follow. Import some first: safer import-policeuk PATH."
            )
        if force is None:
            if len(forces) > 1:
                raise SynthSourceError(
                    f"The warehouse holds several forces ({', '.join(forces)}); choose one with --force."
                )
            force = forces[0]
        if force not in forces:
            raise SynthSourceError(
                f'No police.uk data for force "{force}". Forces in the warehouse: {", ".join(forces)}.'
            )
        where = "force = ?"
        params: list[object] = [force]
        if months is not None:
            where += " AND month BETWEEN ? AND ?"
            params += [months[0], months[1]]
        data = con.execute(
            f"""SELECT strftime(month, '%Y-%m') AS month, crime_type, lsoa_code,
                       coalesce(longitude, 'NaN'::DOUBLE) AS longitude, coalesce(latitude, 'NaN'::DOUBLE) AS latitude
                FROM crime WHERE {where}
                ORDER BY month, crime_type, lsoa_code NULLS LAST, longitude, latitude, crime_id NULLS LAST,
                         record_id""",  # noqa: S608
            params,
        ).fetchnumpy()
    if len(data["month"]) == 0:
        raise SynthSourceError(f"No police.uk records for {force} in the months asked for.")
    return force, PoliceUkRecords(
        month=np.asarray(data["month"], dtype=object),
        category=np.asarray(data["crime_type"], dtype=object),
        lsoa_code=np.asarray(data["lsoa_code"], dtype=object),
        longitude=np.asarray(data["longitude"], dtype=float),
        latitude=np.asarray(data["latitude"], dtype=float),
    )


def synth_from_policeuk(
    *, force: str | None, months: tuple[dt.date, dt.date] | None, seed: int, out_dir: Path
) -> SynthOutput:
    """Generate and write both synthetic extracts; returns where they are and how many rows each has."""
    force, records = policeuk_records_read(force=force, months=months)
    try:
        shares = code_shares(force)
    except KeyError:
        raise SynthSourceError(f'The Home Office 2017/18 offence table has no force matching "{force}".') from None
    first_month, last_month = str(records.month.min()), str(records.month.max())
    out_dir.mkdir(parents=True, exist_ok=True)
    offences_name, asb_name = synth_file_names(force, first_month, last_month)
    offences = columns_write_csv(out_dir / offences_name, synth_offences(records, shares=shares, seed=seed))
    asb = columns_write_csv(out_dir / asb_name, synth_asb(records, seed=seed))
    return SynthOutput(force, first_month, last_month, out_dir / offences_name, out_dir / asb_name, offences, asb)


def synth_ae_from_policeuk(
    *, force: str | None, months: tuple[dt.date, dt.date] | None, seed: int, out_dir: Path
) -> tuple[Path, int]:
    """Write a SYNTHETIC A&E assault attendance extract following the force's police.uk violence: (path, rows)."""
    from safer.intelligence.sources.synth_ae import synth_ae

    force, records = policeuk_records_read(force=force, months=months)
    first_month, last_month = str(records.month.min()), str(records.month.max())
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"SYNTHETIC-ae-assaults-{force}-{first_month}-to-{last_month}.csv"
    return path, columns_write_csv(path, synth_ae(records, seed=seed))


def synth_postcode_lookup_write(*, force: str, out_dir: Path) -> tuple[Path, int]:
    """Write the SYNTHETIC postcode lookup of the invented postcodes synth_ae gives the force's LSOAs.

    Laid out as the ONS NSPL (pcds, lsoa11, laua, lat, long) with `synthetic` true; it is not ONS data: one
    invented "ZX" postcode per LSOA holding the force's police.uk records (sources/synth_ae.py
    `synthetic_postcode`), at the mean of those records' map points (so residents can find it on the public
    pages, as they find a real postcode at its ONS point).
    """
    from safer.intelligence.sources.synth_ae import synthetic_postcode

    with reader() as con:
        rows = con.execute(
            """SELECT c.lsoa_code, any_value(l.lad_code), round(avg(c.latitude), 6), round(avg(c.longitude), 6)
               FROM crime c JOIN lsoa l ON l.lsoa_code = c.lsoa_code
               WHERE c.force = ? GROUP BY c.lsoa_code ORDER BY 1""",
            [force],
        ).fetchall()
    codes = np.array([r[0] for r in rows], dtype=object)
    columns = {
        "pcds": np.array([synthetic_postcode(c) for c in codes], dtype=object),
        "lsoa11": codes,
        "laua": np.array([r[1] for r in rows], dtype=object),
        "lat": np.array(["" if r[2] is None else f"{r[2]:.6f}" for r in rows], dtype=object),
        "long": np.array(["" if r[3] is None else f"{r[3]:.6f}" for r in rows], dtype=object),
        "synthetic": np.full(len(rows), "true", dtype=object),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"SYNTHETIC-postcode-lookup-{force}.csv"
    return path, columns_write_csv(path, columns)
