#!/usr/bin/env python3
"""Rebuild safer/geography/data/lsoa2011.csv.gz from the ONS tables in ../shared/data/geography.

Inputs (Open Government Licence v3.0, see ../shared/data/PROVENANCE.md):
- lsoa2011_lad_pfa_england.csv.gz: LSOA -> MSOA -> local authority -> region -> police force area (England).
- lsoa2011_census2011_population_england.csv.gz: Census 2011 usual residents per LSOA (England and Wales).
Our own reference tables beside the output (reviewed by hand, documented in safer/geography/data/README.md):
- lad_county.csv: two-tier districts -> county, metropolitan districts -> metropolitan county, London.
- lad_pfa_supplement.csv: force area for the districts the ONS table leaves blank, and for Wales.

Usage: python scripts/build-geography.py [SHARED_GEOGRAPHY_DIR]
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "safer" / "geography" / "data"


def clean_lad_name(name: str) -> str:
    """Drop ONS's " UA" suffix so district names read as people say them ("Milton Keynes")."""
    return name[:-3] if name.endswith(" UA") else name


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "geography"
    county = dict(csv.reader(open(OUT_DIR / "lad_county.csv")))
    pfa_fill = dict(csv.reader(open(OUT_DIR / "lad_pfa_supplement.csv")))
    lookup = {}
    with gzip.open(source / "lsoa2011_lad_pfa_england.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lookup[row["LSOA Code"]] = row
    lad_pfa: dict[str, str] = {}
    for row in lookup.values():
        if row["Police_force"]:
            lad_pfa[row["Local authority code"]] = row["Police_force"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "lsoa_code",
            "lsoa_name",
            "msoa_code",
            "msoa_name",
            "lad_code",
            "lad_name",
            "county_name",
            "region_name",
            "pfa_name",
            "population",
        ]
    )
    missing_pfa = set()
    with gzip.open(source / "lsoa2011_census2011_population_england.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["LSOA Code"]
            lad_code = row["Local authority code"]
            lad_name = clean_lad_name(row["Local authority name"])
            pfa = (lookup.get(code) or {}).get("Police_force") or lad_pfa.get(lad_code) or pfa_fill.get(lad_code)
            if not pfa:
                missing_pfa.add(lad_code)
            region = row["Region name"].title() if row["Region name"] else ("Wales" if code.startswith("W") else "")
            writer.writerow(
                [
                    code,
                    row["LSOA Name"],
                    row["MSOA Code"],
                    row["MSOA Name"],
                    lad_code,
                    lad_name,
                    county.get(lad_code, lad_name),
                    region,
                    pfa or "",
                    int(row["All usual residents"]),
                ]
            )
    if missing_pfa:
        sys.exit(f"No police force area for districts {sorted(missing_pfa)}: add them to lad_pfa_supplement.csv")
    with gzip.GzipFile(OUT_DIR / "lsoa2011.csv.gz", "wb", mtime=0) as f:
        f.write(out.getvalue().encode("utf-8"))
    print(f"wrote {OUT_DIR / 'lsoa2011.csv.gz'}")


if __name__ == "__main__":
    main()
