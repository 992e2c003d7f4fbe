"""Import throughput: the full police.uk import against two baselines, side by side in one run.

Datasets
- real: the Thames Valley street files in ../shared/data/police-uk/thames-valley (gzipped, as shipped there).
- national (SYNTHETIC): a police.uk-shaped national year, 12 months x 40 forces of street files (default
  6.5 million rows) generated from the real all-forces-2022-03 files as seed: each force's March rows, with
  about half of them repeated, for every month of 2023, with new Crime IDs. Written as plain CSV, as police.uk
  archives hold them, into a folder named synthetic-national-*, and imported with synthetic=True.

Methods (each in its own process, so peak memory is that process's maximum resident set size)
- full: safer's import_policeuk (file checks and checksum, validation with rejects, geography, British
  National Grid coordinates, month replace in one transaction per file, import history). The dashboard
  aggregates refresh that follows a batch is timed separately and reported beside it.
- (a) pandas.read_csv + DataFrame.to_sql into SQLite, file by file.
- (b) bare DuckDB: CREATE TABLE AS SELECT * FROM read_csv([all files]) with no validation (the limit).

Usage: .venv/bin/python benchmarks/import_throughput.py [--national-rows N] [--skip-pandas-national]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SAFER_SHARED_DATA", REPO.parent / "shared" / "data"))
REAL_DIR = SHARED / "police-uk" / "thames-valley"
SEED_DIR = SHARED / "police-uk" / "all-forces-2022-03"


# ---- Child processes: one method over one list of files --------------------------------------------------


def _child(method: str, files: list[str], workdir: Path, synthetic: bool) -> dict[str, float]:
    if method == "bare":
        import duckdb

        con = duckdb.connect(str(workdir / "bare.duckdb"))
        started = time.perf_counter()
        con.execute("CREATE TABLE crime AS SELECT * FROM read_csv(?)", [files])
        elapsed = time.perf_counter() - started
        rows = con.execute("SELECT count(*) FROM crime").fetchone()[0]  # type: ignore[index]
        con.close()
        return {"seconds": elapsed, "rows": rows}
    if method == "pandas":
        import sqlite3

        import pandas as pd

        con = sqlite3.connect(workdir / "pandas.sqlite3")
        started = time.perf_counter()
        rows = 0
        for path in files:
            frame = pd.read_csv(path)
            frame.to_sql("crime", con, if_exists="append", index=False)
            rows += len(frame)
        con.commit()
        elapsed = time.perf_counter() - started
        con.close()
        return {"seconds": elapsed, "rows": rows}
    # full
    os.environ["SAFER_WAREHOUSE"] = str(workdir / "warehouse.duckdb")
    os.environ["SAFER_VAR_DIR"] = str(workdir / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from safer.intelligence.imports import refresh_aggregates
    from safer.intelligence.imports.policeuk import import_policeuk
    from safer.intelligence.warehouse import writer

    with writer():  # schema and shipped geography, loaded once before timing
        pass
    started = time.perf_counter()
    results = import_policeuk(paths=[Path(f) for f in files], refresh=False, synthetic=synthetic)
    elapsed = time.perf_counter() - started
    months = sorted({dt for dt in (r.month for r in results) if dt})
    import datetime as dt_module

    refresh_started = time.perf_counter()
    with writer() as con:
        refresh_aggregates(con, [dt_module.date(int(m[:4]), int(m[5:]), 1) for m in months])
    refresh = time.perf_counter() - refresh_started
    rows = sum(r.rows_loaded for r in results)
    rejected = sum(r.rows_rejected for r in results)
    return {"seconds": elapsed, "rows": rows, "rejected": rejected, "refresh_seconds": refresh}


def _run(method: str, files: list[Path], *, synthetic: bool) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix=f"safer-bench-{method}-"))
    spec = json.dumps(
        {"method": method, "files": [str(f) for f in files], "workdir": str(workdir), "synthetic": synthetic}
    )
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", spec], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO
    )
    _, status, usage = os.wait4(process.pid, 0)
    stdout = process.stdout.read().decode() if process.stdout else ""
    stderr = process.stderr.read().decode() if process.stderr else ""
    shutil.rmtree(workdir, ignore_errors=True)
    if status != 0:
        raise SystemExit(f"{method} failed:\n{stderr[-3000:]}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["peak_rss_mib"] = usage.ru_maxrss / 1024
    return figures


# ---- Synthetic national year ------------------------------------------------------------------------------


def generate_national(target_rows: int, out_dir: Path) -> list[Path]:
    """12 months x 40 forces of police.uk street files (plain CSV), about target_rows rows, from the seed."""
    import duckdb

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "README.md").write_text(
        "SYNTHETIC police.uk-shaped street files generated by benchmarks/import_throughput.py from the real\n"
        "all-forces-2022-03 files (rows repeated per month with new Crime IDs). Not real data.\n"
    )
    con = duckdb.connect()
    con.execute(
        """CREATE TABLE seed AS SELECT *, regexp_extract(filename, '2022-03-(.*)-street', 1) AS force,
                  row_number() OVER () AS n
           FROM read_csv(?, all_varchar = true, filename = true)""",
        [str(SEED_DIR / "*-street.csv.gz")],
    )
    seed_rows = con.execute("SELECT count(*) FROM seed").fetchone()[0]  # type: ignore[index]
    extra = max(0.0, target_rows / (seed_rows * 12) - 1.0)  # share of seed rows written twice per month
    forces = [r[0] for r in con.execute("SELECT DISTINCT force FROM seed ORDER BY 1").fetchall()]
    files: list[Path] = []
    for month_index in range(1, 13):
        month = f"2023-{month_index:02d}"
        (out_dir / month).mkdir(exist_ok=True)
        con.execute(
            f"""CREATE OR REPLACE TABLE m AS
                SELECT s.*, k FROM seed s, (SELECT 0 AS k UNION ALL SELECT 1 AS k) copies
                WHERE k = 0 OR (hash(s.n, {month_index}) % 1000000) < {int(extra * 1_000_000)}"""
        )
        for force in forces:
            target = out_dir / month / f"{month}-{force}-street.csv"
            con.execute(
                f"""COPY (SELECT CASE WHEN "Crime ID" IS NULL THEN NULL ELSE
                            md5("Crime ID" || '{month}' || k) || md5(k || '{month}' || "Crime ID") END AS "Crime ID",
                          '{month}' AS "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                          "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"
                        FROM m WHERE force = ? ORDER BY "Longitude" IS NULL, n, k)
                    TO '{target}' (HEADER, DELIMITER ',')""",
                [force],
            )
            files.append(target)
    return files


# ---- Main ---------------------------------------------------------------------------------------------------


def _print_table(label: str, results: dict[str, dict[str, float]]) -> None:
    bare = results["bare"]["rows"] / results["bare"]["seconds"] if "bare" in results else float("nan")
    print(f"\n{label}")
    print("| method | rows | seconds | rows/s | vs (b) | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    names = {
        "full": "safer import_policeuk (full)",
        "pandas": "(a) pandas + to_sql SQLite",
        "bare": "(b) bare DuckDB CTAS",
    }
    for method in ("full", "pandas", "bare"):
        if method not in results:
            continue
        r = results[method]
        rate = r["rows"] / r["seconds"]
        print(
            f"| {names[method]} | {int(r['rows']):,} | {r['seconds']:.1f} | {rate:,.0f} | {rate / bare:.0%} | "
            f"{r['peak_rss_mib']:,.0f} |"
        )
    if "refresh_seconds" in results.get("full", {}):
        print(f"(dashboard aggregates refresh after the full import: {results['full']['refresh_seconds']:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--national-rows", type=int, default=6_500_000)
    parser.add_argument("--skip-pandas-national", action="store_true")
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="Folder for the synthetic files (kept).")
    parser.add_argument("--methods", default="bare,full,pandas", help="Which methods to run (default all three).")
    parser.add_argument("--national-dir", type=Path, default=None, help="Reuse synthetic files generated before.")
    args = parser.parse_args()
    if args.child:
        spec = json.loads(args.child)
        print(json.dumps(_child(spec["method"], spec["files"], Path(spec["workdir"]), spec["synthetic"])))
        return
    import duckdb

    print(
        f"Machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(f"Load average at start: {os.getloadavg()}")
    real_files = sorted(REAL_DIR.glob("*-street.csv.gz"))
    chosen = [m for m in ("bare", "full", "pandas") if m in args.methods.split(",")]
    real = {m: _run(m, real_files, synthetic=False) for m in chosen}
    _print_table(f"Real: Thames Valley street files ({len(real_files)} files, gzipped)", real)
    if args.skip_national:
        return
    if args.national_dir:
        folder = args.national_dir
        files = sorted(folder.glob("*/*-street.csv"))
        print(f"\nReusing {len(files)} SYNTHETIC files in {folder}")
    else:
        folder = args.keep or Path(tempfile.mkdtemp(prefix="synthetic-national-"))
        started = time.perf_counter()
        files = generate_national(args.national_rows, folder)
        print(f"\nGenerated {len(files)} SYNTHETIC files in {time.perf_counter() - started:.0f} s into {folder}")
    methods = [m for m in chosen if not (m == "pandas" and args.skip_pandas_national)]
    national = {m: _run(m, files, synthetic=True) for m in methods}
    _print_table(f"SYNTHETIC national year ({len(files)} plain CSV files)", national)
    print(f"Load average at end: {os.getloadavg()}")
    if args.keep is None and args.national_dir is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
