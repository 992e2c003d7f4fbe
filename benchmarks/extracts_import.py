"""Partner extract import throughput, side by side with a naive baseline and the bare-DuckDB limit.

    .venv/bin/python benchmarks/extracts_import.py              # 1,000,000 synthetic offences
    .venv/bin/python benchmarks/extracts_import.py --rows 200000

Writes a SYNTHETIC offence-level extract (the `safer synth` generator over random Thames Valley LSOAs,
months and police.uk categories) under var/bench/, then times, each in a fresh process and a fresh file:
  baseline  pandas.read_csv + DataFrame.to_sql into SQLite (no validation, no geography);
  limit     DuckDB CREATE TABLE AS SELECT * FROM read_csv(...) (no validation);
  full      offences_import: checks, row validation, offence-code lookup, serious violence, geography,
            BNG coordinates, import history, quality summary, custom-area tagging (one demo area).
Prints rows per second and each process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
BENCH = ROOT / "var" / "bench" / "extracts"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_extract(rows: int) -> Path:
    import csv
    import gzip

    import numpy as np

    from safer.intelligence.sources.offence_codes import code_shares
    from safer.intelligence.sources.synth import PoliceUkRecords, columns_write_csv, synth_offences

    path = BENCH / f"SYNTHETIC-offences-bench-{rows}.csv"
    if path.exists():
        return path
    BENCH.mkdir(parents=True, exist_ok=True)
    with gzip.open(ROOT / "safer" / "geography" / "data" / "lsoa2011.csv.gz", "rt", encoding="utf-8") as handle:
        lsoas = [r["lsoa_code"] for r in csv.DictReader(handle) if r["pfa_name"] == "Thames Valley"]
    rng = np.random.default_rng(1)
    shares = code_shares("thames-valley")
    records = PoliceUkRecords(
        month=np.array([f"2021-{m:02d}" for m in rng.integers(1, 13, rows)], dtype=object),
        category=np.array(sorted(shares), dtype=object)[rng.integers(0, len(shares), rows)],
        lsoa_code=np.array(lsoas, dtype=object)[rng.integers(0, len(lsoas), rows)],
        longitude=rng.uniform(-1.30, -1.20, rows),
        latitude=rng.uniform(51.70, 51.80, rows),
    )
    columns_write_csv(path, synth_offences(records, shares=shares, seed=1))
    return path


def step(name: str, path: Path) -> dict[str, float]:
    started = time.perf_counter()
    if name == "baseline":
        import sqlite3

        import pandas as pd

        target = BENCH / "baseline.sqlite3"
        target.unlink(missing_ok=True)
        con = sqlite3.connect(target)
        pd.read_csv(path, dtype=str).to_sql("offence", con, index=False)
        con.close()
    elif name == "limit":
        import duckdb

        target = BENCH / "limit.duckdb"
        target.unlink(missing_ok=True)
        con = duckdb.connect(str(target))
        con.execute("CREATE TABLE offence AS SELECT * FROM read_csv(?)", [str(path)])
        con.close()
    else:
        import django

        django.setup()
        from django.conf import settings

        target = BENCH / "full.duckdb"
        target.unlink(missing_ok=True)
        target.with_name(target.name + ".wal").unlink(missing_ok=True)
        settings.SAFER_WAREHOUSE_PATH = target
        from safer.intelligence.demo.extracts import demo_area_geojson
        from safer.intelligence.imports.extracts import offences_import
        from safer.intelligence.warehouse import writer

        with writer() as con:  # the area row only (custom_area_create also audits, into a Django database)
            geometry = json.loads(demo_area_geojson())["geometry"]
            con.execute("INSERT INTO custom_area VALUES (1, 'bench area', ?, now())", [json.dumps(geometry)])
        started = time.perf_counter()  # time the import, not the empty warehouse's geography load
        result = offences_import(path=path)
        assert result.rows_rejected == 0, result.quality
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--step", choices=["baseline", "limit", "full"])
    parser.add_argument("--path", type=Path)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.path)))
        return
    path = make_extract(args.rows)
    print(f"{args.rows:,} synthetic offences, {path.stat().st_size / 1e6:,.0f} MB: {path}")
    figures = {}
    for name in ("baseline", "limit", "full"):
        out = subprocess.run(
            [sys.executable, __file__, "--step", name, "--path", str(path)], check=True, capture_output=True, text=True
        )
        figures[name] = json.loads(out.stdout.strip().splitlines()[-1])
    limit = args.rows / figures["limit"]["seconds"]
    print(f"{'':10} {'seconds':>9} {'rows/s':>10} {'of limit':>9} {'peak MB':>8}")
    for name, f in figures.items():
        rate = args.rows / f["seconds"]
        print(f"{name:10} {f['seconds']:9.1f} {rate:10,.0f} {rate / limit:9.0%} {f['peak_mb']:8,.0f}")


if __name__ == "__main__":
    main()
