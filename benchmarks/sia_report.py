"""Time of a full county SIA (Oxfordshire: five districts, all sections, HTML + PDF + DOCX) beside the time of
the dashboard queries it reuses.

    .venv/bin/python benchmarks/sia_report.py                 # builds var/bench/sia.duckdb first
    .venv/bin/python benchmarks/sia_report.py --reuse         # reuse the warehouse built before

The warehouse holds the real Thames Valley police.uk street files from ../shared/data (Open Government
Licence v3.0) and a SYNTHETIC offence-level extract (the `safer synth` generator, 200,000 offences over
Thames Valley LSOAs in 2021). Prints: the registry-table queries one county report runs (each table once
for the county and each district, cold: a fresh connection), the report build (those queries plus the
summary, suppression and charts), and the rendering of each format.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
BENCH = ROOT / "var" / "bench"
STREET = ROOT.parent / "shared" / "data" / "police-uk" / "thames-valley"
AREA, PERIOD = "Oxfordshire", "2021-04..2022-03"


def build(path: Path) -> None:
    """Load the real street files and a synthetic offence extract, then the aggregates."""
    from extracts_import import make_extract

    from safer.intelligence.dashboard.aggregates import aggregates_refresh
    from safer.intelligence.imports.extracts import offences_import
    from safer.intelligence.tests.dashboard.loaders import street_files_load
    from safer.intelligence.warehouse import writer

    path.unlink(missing_ok=True)
    started = time.perf_counter()
    with writer() as con:
        rows = street_files_load(con, sorted(STREET.glob("*-street.csv.gz")))
        aggregates_refresh(con=con)
    result = offences_import(path=make_extract(200_000))
    print(f"warehouse: {rows:,} police.uk records, {result.rows_loaded:,} SYNTHETIC offences, "
          f"built in {time.perf_counter() - started:.0f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings

    BENCH.mkdir(parents=True, exist_ok=True)
    path = BENCH / "sia.duckdb"
    settings.SAFER_WAREHOUSE_PATH = path
    if not (args.reuse and path.exists()):
        build(path)

    from safer.intelligence.dashboard.areas import area_children
    from safer.intelligence.dashboard.tables import TABLES, Request, scope_build, table_rows
    from safer.intelligence.sia.build import SiaOptions, report_build
    from safer.intelligence.sia.render import FORMATS
    from safer.intelligence.sia.sections import SERIOUS_VIOLENCE, THEMES
    from safer.intelligence.warehouse import bounded_reader

    names = ["headline", "crime_changes", "crime_years", "districts"]
    themed = [n for t in (*THEMES, *SERIOUS_VIOLENCE) for n in t.tables if n in TABLES]
    # The thematic tables the "by district" parts read, for each district and the force (the county's are above).
    by_district = sorted({v.table for t in (*THEMES, *SERIOUS_VIOLENCE) for v in t.by_district if v.table in TABLES})
    with bounded_reader(max_rows=200_000, seconds=300) as con:
        county = scope_build(con, area=AREA, period=PERIOD)
        scopes = [county] + [scope_build(con, area=d.code, period=PERIOD) for d in area_children(county.area, con=con)]
        force = scope_build(con, area="Thames Valley", period=PERIOD)
    started = time.perf_counter()
    with bounded_reader(max_rows=200_000, seconds=300) as con:
        for scope in scopes:
            for name in names:
                table_rows(TABLES[name], Request(con, scope))
        for name in themed:
            table_rows(TABLES[name], Request(con, county))
        for scope in [*scopes[1:], force]:
            for name in by_district:
                table_rows(TABLES[name], Request(con, scope))
    queries = time.perf_counter() - started
    print(f"dashboard queries the report reuses ({len(scopes)} areas x {len(names)} tables + {len(themed)} "
          f"thematic + {len(scopes)} areas x {len(by_district)} thematic by district): {queries:.1f} s")  # fmt: skip

    started = time.perf_counter()
    with bounded_reader(max_rows=200_000, seconds=300) as con:
        report = report_build(con=con, options=SiaOptions(county))
    built = time.perf_counter() - started
    print(f"report build (queries, summary, suppression, {sum(1 for _ in report.sections())} sections, charts): "
          f"{built:.1f} s")  # fmt: skip
    total = built
    for fmt, render in FORMATS.items():
        started = time.perf_counter()
        size = len(render(report))
        seconds = time.perf_counter() - started
        total += seconds
        print(f"render {fmt}: {seconds:.1f} s ({size / 1e6:.1f} MB)")
    print(f"full county SIA, HTML + PDF + DOCX: {total:.1f} s (target < 60 s)")


if __name__ == "__main__":
    main()
