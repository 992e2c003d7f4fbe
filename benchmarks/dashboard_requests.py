"""Server time per dashboard request on a national-scale warehouse, against the same figures computed naively.

    .venv/bin/python benchmarks/dashboard_requests.py                # 65M synthetic records (10 years)
    .venv/bin/python benchmarks/dashboard_requests.py --rows 10000000 --requests 200

Builds (or reuses, with --reuse) var/bench/dashboard.duckdb: SYNTHETIC national-scale street-level crime
generated with DuckDB SQL (every row has synthetic = true; Thames Valley LSOAs are left out of the
synthetic data) plus the real Thames Valley police.uk files from ../shared/data when present. Then runs a
scripted mix of areas (LSOA, district, county, force), periods (calendar year, financial year, rolling 12,
month ranges) and crime-type filters, timing all the queries one dashboard page request runs (the six
tables of /intelligence/dashboard/ with their definitions), and the same figures computed naively with
GROUP BY over the raw `crime` table. Prints p50/p95 for both and the warehouse file size.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")

CRIME_TYPES = [
    "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs",
    "Other crime", "Other theft", "Possession of weapons", "Public order", "Robbery", "Shoplifting",
    "Theft from the person", "Vehicle crime", "Violence and sexual offences",
]  # fmt: skip


def build(path: Path, rows: int) -> None:
    """Generate the synthetic records, load the real Thames Valley files, build the aggregates."""
    from safer.intelligence.dashboard.aggregates import aggregates_refresh
    from safer.intelligence.warehouse import writer

    if path.exists():
        path.unlink()
    started = time.perf_counter()
    with writer() as con:
        con.execute(
            """CREATE TEMP TABLE places AS
               SELECT row_number() OVER (ORDER BY lsoa_code) - 1 AS i, lsoa_code, lsoa_name, lad_code, lad_name,
                      county_name, pfa_name
               FROM lsoa WHERE pfa_name IS DISTINCT FROM 'Thames Valley'"""
        )
        places = con.execute("SELECT count(*) FROM places").fetchone()[0]  # type: ignore[index]
        types = "['" + "','".join(CRIME_TYPES) + "']"
        chunk = 5_000_000
        for offset in range(0, rows, chunk):
            count = min(chunk, rows - offset)
            con.execute(
                f"""INSERT INTO crime (record_id, crime_id, month, force, longitude, latitude, location,
                       lsoa_code, lsoa_name, lad_code, lad_name, county_name, pfa_name, crime_type,
                       import_id, synthetic)
                    SELECT r.id, NULL,
                           DATE '2013-01-01' + to_months(CAST(hash(r.id * 3) % 120 AS INTEGER)),
                           'synthetic', -5.5 + (p.i % 180) * 0.04 + (hash(r.id * 7) % 12) * 0.001,
                           50.2 + (p.i // 180) * 0.03 + (hash(r.id * 7) % 12) * 0.0007,
                           'On or near Synthetic Street ' || (hash(r.id * 7) % 12),
                           p.lsoa_code, p.lsoa_name, p.lad_code, p.lad_name, p.county_name, p.pfa_name,
                           {types}[1 + CAST(hash(r.id * 5) % 14 AS INTEGER)], 0, TRUE
                    FROM range({offset}, {offset + count}) r(id)
                    JOIN places p ON p.i = hash(r.id) % {places}"""  # noqa: S608 - numbers only
            )
            print(f"  generated {offset + count:,} synthetic rows", file=sys.stderr)
        real = sorted((ROOT.parent / "shared" / "data" / "police-uk" / "thames-valley").glob("*-street.csv.gz"))
        if real:
            from safer.intelligence.tests.dashboard.loaders import street_files_load

            con.execute("CREATE TEMP TABLE before AS SELECT count(*) AS n FROM crime")
            street_files_load(con, real)
            print(f"  loaded {len(real)} real Thames Valley street files", file=sys.stderr)
        generated = time.perf_counter()
        aggregates_refresh(con=con)
        con.execute("CHECKPOINT")
    print(f"build: generate {generated - started:.0f} s, aggregates {time.perf_counter() - generated:.0f} s")


def request_mix(con: object, count: int, seed: int = 1) -> list[dict[str, str]]:
    """A scripted mix of areas, periods and filters."""
    rng = random.Random(seed)
    districts = [r[0] for r in con.execute("SELECT DISTINCT lad_name FROM lsoa ORDER BY 1").fetchall()]  # type: ignore[attr-defined]
    counties = [r[0] for r in con.execute("SELECT DISTINCT county_name FROM lsoa ORDER BY 1").fetchall()]  # type: ignore[attr-defined]
    forces = [r[0] for r in con.execute("SELECT DISTINCT pfa_name FROM lsoa WHERE pfa_name IS NOT NULL").fetchall()]  # type: ignore[attr-defined]
    lsoas = [r[0] for r in con.execute("SELECT lsoa_code FROM lsoa USING SAMPLE 500 ROWS").fetchall()]  # type: ignore[attr-defined]
    mix = []
    for _ in range(count):
        kind = rng.choices(["district", "county", "force", "lsoa"], weights=[5, 2, 2, 1])[0]
        area = {
            "district": lambda: rng.choice(districts),
            "county": lambda: "county:" + rng.choice(counties),
            "force": lambda: "force:" + rng.choice(forces),
            "lsoa": lambda: rng.choice(lsoas),
        }[kind]()
        year = rng.randint(2014, 2022)
        period = rng.choice([str(year), f"FY{year}/{(year + 1) % 100:02d}", "rolling-12", f"{year}-03..{year + 1}-02"])
        crime_type = rng.choice(CRIME_TYPES) if rng.random() < 0.3 else ""
        mix.append({"area": area, "period": period, "crime_type": crime_type})
    return mix


def dashboard_request(con: object, params: dict[str, str], times: dict[str, float] | None = None) -> None:
    """Everything the dashboard page computes for one request (all six tables and their definitions), through
    a fresh bounded WarehouseReader as the page makes one per request (its memo starts empty). With `times`,
    adds each step's milliseconds to it (scope parsing, then each table with its definition)."""
    from safer.intelligence.dashboard.tables import TABLES, Request, definition_text, scope_build, table_rows
    from safer.intelligence.views.dashboard import PAGES
    from safer.intelligence.warehouse import WarehouseReader

    started = time.perf_counter()
    warehouse = WarehouseReader(con)  # type: ignore[arg-type]
    scope = scope_build(warehouse, **params)
    request = Request(warehouse, scope)
    steps = [("scope", started)]
    for name in PAGES["dashboard"]:
        steps.append((name, time.perf_counter()))
        table_rows(TABLES[name], request)
        definition_text(TABLES[name], request)
    if times is not None:
        ends = [at for _, at in steps[1:]] + [time.perf_counter()]
        for (name, at), end in zip(steps, ends, strict=True):
            times[name] = times.get(name, 0.0) + (end - at) * 1000


def naive_request(con: object, params: dict[str, str]) -> None:
    """The same figures computed with plain GROUP BYs over the raw crime table (the baseline)."""
    from safer.intelligence.dashboard.areas import area_containing
    from safer.intelligence.dashboard.tables import scope_build
    from safer.intelligence.warehouse import WarehouseReader

    scope = scope_build(WarehouseReader(con), **params)  # type: ignore[arg-type]
    column = {"lsoa": "lsoa_code", "district": "lad_code", "county": "county_name", "force": "pfa_name"}
    p, c = scope.period, scope.compare
    type_sql = "AND crime_type = ?" if scope.filters else ""
    type_params = [scope.filters["crime_type"]] if scope.filters else []
    run = con.execute  # type: ignore[attr-defined]
    for area in [scope.area, *area_containing(scope.area, con=WarehouseReader(con))]:  # type: ignore[arg-type]
        run(
            f"""SELECT crime_type, count(*) FILTER (WHERE month BETWEEN ? AND ?),
                       count(*) FILTER (WHERE month BETWEEN ? AND ?)
                FROM crime WHERE {column[area.kind]} = ? {type_sql} GROUP BY crime_type""",  # noqa: S608
            [p.start, p.end, c.start, c.end, area.code, *type_params],
        ).fetchall()
    where = f"{column[scope.area.kind]} = ?"
    run(
        f"SELECT month, count(*) FROM crime WHERE {where} AND month BETWEEN ? AND ? {type_sql} GROUP BY month",  # noqa: S608
        [scope.area.code, p.start, p.end, *type_params],
    ).fetchall()  # trend
    run(
        f"""SELECT lad_code, count(*) FILTER (WHERE month BETWEEN ? AND ?),
                   count(*) FILTER (WHERE month BETWEEN ? AND ?)
            FROM crime WHERE county_name = (SELECT any_value(county_name) FROM lsoa WHERE {where}) {type_sql}
            GROUP BY lad_code""",  # noqa: S608
        [p.start, p.end, c.start, c.end, scope.area.code, *type_params],
    ).fetchall()  # districts
    run(
        f"""SELECT location, lsoa_code, count(*) AS n FROM crime WHERE {where} AND month BETWEEN ? AND ? {type_sql}
            GROUP BY ALL ORDER BY n DESC LIMIT 20""",  # noqa: S608
        [scope.area.code, p.start, p.end, *type_params],
    ).fetchall()  # repeat locations


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=65_000_000, help="synthetic records to generate (default 65M)")
    parser.add_argument("--requests", type=int, default=200, help="dashboard requests to time")
    parser.add_argument("--naive-requests", type=int, default=40, help="baseline requests to time")
    parser.add_argument("--reuse", action="store_true", help="reuse an existing benchmark warehouse")
    parser.add_argument("--reaggregate", action="store_true", help="with --reuse: rebuild the aggregates first")
    parser.add_argument(
        "--profile", action="store_true", help="also print the mean milliseconds of each step by kind of area"
    )
    args = parser.parse_args()
    path = Path(os.environ.get("BENCH_WAREHOUSE", ROOT / "var" / "bench" / "dashboard.duckdb"))
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["SAFER_WAREHOUSE"] = str(path)
    import django

    django.setup()
    from safer.intelligence.warehouse import reader

    if not (args.reuse and path.exists()):
        build(path, args.rows)
    elif args.reaggregate:
        from safer.intelligence.dashboard.aggregates import aggregates_refresh
        from safer.intelligence.warehouse import writer

        with writer() as con:
            con.execute("DELETE FROM agg_info")
            started = time.perf_counter()
            aggregates_refresh(con=con)
            con.execute("CHECKPOINT")
        print(f"aggregates rebuilt in {time.perf_counter() - started:.0f} s")
    else:  # a warehouse from an earlier schema version is brought up to date (and its new tables built) here
        from safer.intelligence.warehouse import writer

        started = time.perf_counter()
        with writer() as con:
            con.execute("CHECKPOINT")
        print(f"schema check (and upgrade, if any) took {time.perf_counter() - started:.0f} s")
    with reader() as con:
        records = con.execute("SELECT count(*), count(*) FILTER (WHERE synthetic) FROM crime").fetchone()
        aggregate_rows = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
            for t in ("agg_crime_lad", "agg_crime_lsoa", "agg_crime_location", "agg_crime_location_force")
        }
        mix = request_mix(con, args.requests)
        print(f"load average at the start: {os.getloadavg()[0]:.1f}")
        for params in mix[:5]:  # warm the file cache as a running server would be
            dashboard_request(con, params)
        fast, fast_cpu = [], []
        steps: dict[str, dict[str, float]] = {}  # kind of area -> step -> total ms
        kinds: dict[str, int] = {}
        for params in mix:
            area = params["area"]
            kind = area.split(":")[0] if ":" in area else "lsoa" if area[:3] in ("E01", "W01") else "district"
            kinds[kind] = kinds.get(kind, 0) + 1
            started, cpu = time.perf_counter(), time.process_time()
            dashboard_request(con, params, steps.setdefault(kind, {}) if args.profile else None)
            fast.append((time.perf_counter() - started) * 1000)
            fast_cpu.append((time.process_time() - cpu) * 1000)
        naive, naive_cpu = [], []
        for params in mix[: args.naive_requests]:
            started, cpu = time.perf_counter(), time.process_time()
            naive_request(con, params)
            naive.append((time.perf_counter() - started) * 1000)
            naive_cpu.append((time.process_time() - cpu) * 1000)
    size = path.stat().st_size
    load = os.getloadavg()
    f50, f95 = _percentiles(fast)
    n50, n95 = _percentiles(naive)
    print(f"records: {records[0]:,} ({records[1]:,} synthetic)")  # type: ignore[index]
    print("aggregate rows: " + ", ".join(f"{k} {v:,}" for k, v in aggregate_rows.items()))
    print(f"warehouse file: {size / 2**30:.2f} GiB")
    print(
        f"load average (1/5/15 min) at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}, {os.cpu_count()} cores"
    )
    c50, c95 = _percentiles(fast_cpu)
    d50, d95 = _percentiles(naive_cpu)
    print(f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8} {'requests':>9}")
    print(f"{'dashboard request (aggregates)':34} {f50:8.1f} {f95:8.1f} {c50:8.1f} {c95:8.1f} {len(fast):9}")
    print(f"{'same figures, naive (raw table)':34} {n50:8.1f} {n95:8.1f} {d50:8.1f} {d95:8.1f} {len(naive):9}")
    print(f"dashboard request p95 / naive p95 (same run): {100 * f95 / n95:.1f}%")
    if args.profile:
        print("mean ms per request by step (wall time, includes the timing's own overhead):")
        for kind, totals in sorted(steps.items()):
            print(
                f"  {kind} ({kinds[kind]} requests): "
                + ", ".join(f"{k} {v / kinds[kind]:.1f}" for k, v in totals.items())
            )


if __name__ == "__main__":
    main()
