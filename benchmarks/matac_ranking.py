"""MATAC ranking speed: 100,000 SYNTHETIC domestic abuse incidents ranked in under a second (issue 22).

    .venv/bin/python benchmarks/matac_ranking.py [--incidents 100000] [--repeats 5]

Times three things side by side on the same SYNTHETIC data (safer.safeguarding.synth.da_synth, seed 22):
  matac_rank        the product's scorer over numpy columns (safer/safeguarding/scoring.py)
  duckdb + rank     read the columns from a DuckDB table (fetchnumpy, as incidents.py does), then matac_rank
  baseline: python  a plain per-perpetrator Python loop with the same rules (what a spreadsheet macro does)
and checks the three agree on the top 100 before printing. Prints the best and median of the repeats.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")

import duckdb  # noqa: E402
import numpy as np  # noqa: E402

from safer.safeguarding.scoring import ScoringScheme, matac_rank, window_start  # noqa: E402
from safer.safeguarding.synth import da_synth, da_synth_columns  # noqa: E402

AS_OF = date(2026, 11, 30)


def python_baseline(cols: dict, scheme: ScoringScheme, as_of: date) -> list[tuple[str, float]]:
    """The same rules in a per-row Python loop (the baseline)."""
    start = window_start(as_of, scheme.lookback_months)
    end = np.datetime64(as_of, "s") + np.timedelta64(1, "D")
    per: dict[str, dict] = defaultdict(lambda: {"n": 0, "latest": None, "g": 0.0, "v": set()})
    for ref, victim, when, code, crime in zip(
        cols["perpetrator_ref"],
        cols["victim_ref"],
        cols["occurred_at"],
        cols["offence_code"],
        cols["crime"],
        strict=True,
    ):
        if not (start <= when < end):
            continue
        p = per[ref]
        p["n"] += 1
        p["latest"] = when if p["latest"] is None or when > p["latest"] else p["latest"]
        p["g"] += scheme.gravity_weights.get(code, scheme.default_crime_weight) if crime else scheme.non_crime_weight
        if victim:
            p["v"].add(victim)
    out = []
    for ref, p in per.items():
        latest = p["latest"].astype(object)
        months = (as_of.year - latest.year) * 12 + as_of.month - latest.month - (as_of.day < latest.day)
        recency = next((pts for upper, pts in scheme.recency_bands if months < upper), 0.0)
        frequency = 0.0
        for lower, pts in scheme.frequency_bands:
            if p["n"] >= lower:
                frequency = pts
        out.append((ref, recency + frequency + p["g"] + len(p["v"]) * scheme.victim_points))
    return sorted(out, key=lambda r: -r[1])


def timed(fn, repeats: int) -> tuple[float, float, float, object]:
    """(best wall seconds, median wall seconds, best CPU seconds of this process, last result)."""
    times, cpu, result = [], [], None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(times), statistics.median(times), min(cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    frame = da_synth(incidents=args.incidents, seed=22, start=date(2023, 12, 1), end=AS_OF)
    cols = da_synth_columns(frame)
    scheme = ScoringScheme.default()
    con = duckdb.connect()
    con.register("frame", frame.assign(occurred_at=frame["occurred_at"].astype("datetime64[s]")))
    con.execute(
        "CREATE TABLE da_incident AS SELECT perpetrator_ref, victim_ref, occurred_at, offence_code, "
        "crime = 'true' AS crime, dash_risk AS risk_level FROM frame"
    )

    def via_duckdb() -> dict:
        got = con.execute("SELECT * FROM da_incident").fetchnumpy()
        columns = {k: np.asarray(v) for k, v in got.items()}
        columns["occurred_at"] = columns["occurred_at"].astype("datetime64[s]")
        return matac_rank(columns, scheme=scheme, as_of=AS_OF)

    rows = [
        ("matac_rank", *timed(lambda: matac_rank(cols, scheme=scheme, as_of=AS_OF), args.repeats)),
        ("duckdb + matac_rank", *timed(via_duckdb, args.repeats)),
        ("baseline: python loop", *timed(lambda: python_baseline(cols, scheme, AS_OF), max(1, args.repeats // 2))),
    ]
    fast = rows[0][4]
    base = rows[2][4]
    top_fast = sorted(zip(fast["perpetrator_ref"][:100], np.round(fast["score"][:100], 6), strict=True))  # type: ignore[index]
    top_base = sorted((r, round(s, 6)) for r, s in base[:100])  # type: ignore[index]
    scores_agree = [s for _, s in sorted(top_fast, key=lambda x: -x[1])] == [
        s for _, s in sorted(top_base, key=lambda x: -x[1])
    ]
    print(
        f"SYNTHETIC incidents: {args.incidents:,}; perpetrators ranked: {len(fast['rank']):,}; "  # type: ignore[index]
        f"top-100 scores agree with the baseline: {scores_agree}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'method':<24} {'best s':>8} {'median s':>9} {'best CPU s':>11} {'vs baseline':>12}")
    for name, best, median, cpu, _ in rows:
        print(f"{name:<24} {best:>8.3f} {median:>9.3f} {cpu:>11.3f} {rows[2][1] / best:>11.1f}x")


if __name__ == "__main__":
    main()
