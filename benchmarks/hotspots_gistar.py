"""Grid + Gi* + FDR at 100 m cells over the Thames Valley force area, against esda and against the DuckDB floor.

    .venv/bin/python benchmarks/hotspots_gistar.py               # real Thames Valley year + 2M SYNTHETIC points
    .venv/bin/python benchmarks/hotspots_gistar.py --no-esda     # skip the (slow) esda baseline

Datasets: (1) the real Thames Valley police.uk street files in ../shared/data (all 11 months held there: a
year's worth with gaps, see its PROVENANCE.md), located rows converted to British National Grid with the
product's own SQL; (2) 2,000,000 SYNTHETIC points: real Thames Valley locations drawn at random and jittered
by a normal 150 m, so the clustering is realistic. Each is written to a Parquet file first; every method then
reads it from that file. The grid is the force area's bounding box at 100 m (the same for both datasets).

Methods, timed end to end in the same run:
- ours: DuckDB reads easting/northing into numpy, hotspot_grid, hotspot_gistar (with Benjamini-Hochberg);
- esda: the same counts, libpysal `lat2W` queen weights (construction included) + esda `G_Local(star=True,
  transform="B", permutations=0)` + statsmodels `fdrcorrection` (reading and binning not counted for it);
- floor: DuckDB only reads the points and bins them into the grid (GROUP BY cell), fetching the counts.
Prints the median of --repeat runs (esda once) and the ratios the targets are stated in: esda / ours >= 20,
ours / floor <= 3 for the 2M-point case. Also checks that our z-scores equal esda's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import duckdb
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safer.geography.bng import bng_select_sql  # noqa: E402
from safer.intelligence.hotspots.gistar import hotspot_gistar  # noqa: E402
from safer.intelligence.hotspots.grid import hotspot_grid  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "police-uk" / "thames-valley"
CELL = 100.0


def prepare(folder: Path, synthetic_points: int, seed: int) -> tuple[Path, Path]:
    """Write the real points and the SYNTHETIC points as Parquet files of easting, northing."""
    files = sorted(str(p) for p in SHARED.glob("*-street.csv.gz"))
    if not files:
        sys.exit(f"No Thames Valley street files in {SHARED}; this benchmark needs ../shared/data.")
    real = folder / "thames_valley_real.parquet"
    con = duckdb.connect()
    source = (
        "(SELECT TRY_CAST(Longitude AS DOUBLE) AS longitude, TRY_CAST(Latitude AS DOUBLE) AS latitude "
        "FROM read_csv($files, all_varchar = true))"
    )
    con.execute(
        f"COPY (SELECT easting, northing FROM ({bng_select_sql(source)}) WHERE easting IS NOT NULL) TO '{real}'",
        {"files": files},
    )
    xy = con.execute(f"SELECT easting, northing FROM '{real}'").fetchnumpy()
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, xy["easting"].size, synthetic_points)
    synth = folder / "synthetic_2m.parquet"
    con.register(
        "synth",
        {
            "easting": xy["easting"][pick] + rng.normal(0, 150, synthetic_points),
            "northing": xy["northing"][pick] + rng.normal(0, 150, synthetic_points),
        },
    )
    con.execute(f"COPY (SELECT * FROM synth) TO '{synth}'")
    con.close()
    print(f"Thames Valley (real): {xy['easting'].size:,} located records over {len(files)} monthly files")
    print(f"SYNTHETIC: {synthetic_points:,} points (real locations jittered, seed {seed})")
    return real, synth


def bounds_of(path: Path) -> tuple[float, float, float, float]:
    """The bounding box of the points in `path` (the force area's extent)."""
    row = duckdb.sql(f"SELECT min(easting), min(northing), max(easting), max(northing) FROM '{path}'").fetchone()
    return tuple(float(v) for v in row)  # type: ignore[union-attr,return-value]


def ours(path: Path, bounds: tuple[float, float, float, float]):
    """Read with DuckDB, grid, Gi* with FDR."""
    con = duckdb.connect()
    xy = con.execute(f"SELECT easting, northing FROM '{path}'").fetchnumpy()
    con.close()
    grid = hotspot_grid(easting=xy["easting"], northing=xy["northing"], cell_size=CELL, bounds=bounds)
    return hotspot_gistar(grid=grid)


def floor(path: Path, bounds: tuple[float, float, float, float]) -> int:
    """DuckDB reads the points and bins them into the same grid; returns the number of occupied cells."""
    x0 = np.floor(bounds[0] / CELL) * CELL
    y0 = np.floor(bounds[1] / CELL) * CELL
    con = duckdb.connect()
    counts = con.execute(
        f"""SELECT CAST(floor((northing - $y0) / {CELL}) AS BIGINT) AS r,
                   CAST(floor((easting - $x0) / {CELL}) AS BIGINT) AS c, count(*) AS n
            FROM '{path}' GROUP BY ALL""",
        {"x0": x0, "y0": y0},
    ).fetchnumpy()
    con.close()
    return int(counts["n"].size)


def esda(counts: np.ndarray) -> tuple[float, np.ndarray]:
    """libpysal weights + esda G_Local + statsmodels FDR on the same grid; returns seconds and z."""
    from esda.getisord import G_Local
    from libpysal.weights import lat2W
    from statsmodels.stats.multitest import fdrcorrection

    started = time.perf_counter()
    rows, cols = counts.shape
    weights = lat2W(rows, cols, rook=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = G_Local(counts.ravel().astype(float), weights, transform="B", star=True, permutations=0)
    p = 2 * local.p_norm
    fdrcorrection(p)
    return time.perf_counter() - started, np.asarray(local.Zs)


def timed(func, *args, repeat: int) -> tuple[float, object]:
    """Median seconds of `repeat` runs and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--no-esda", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hotspots-bench-") as tmp:
        real, synth = prepare(Path(tmp), args.points, args.seed)
        bounds = bounds_of(real)
        header = f"{'dataset':<22} {'cells':>9} {'ours s':>8} {'floor s':>8} {'esda s':>8} {'esda/ours':>10} "
        print(header + f"{'ours/floor':>11} {'max |dz|':>9}")
        for label, path in (("Thames Valley (real)", real), ("SYNTHETIC 2M points", synth)):
            ours_s, result = timed(ours, path, bounds, repeat=args.repeat)
            floor_s, _ = timed(floor, path, bounds, repeat=args.repeat)
            if args.no_esda:
                esda_s, dz = float("nan"), float("nan")
            else:
                esda_s, z = esda(result.grid.counts)  # type: ignore[attr-defined]
                dz = float(np.nanmax(np.abs(z - result.z.ravel())))  # type: ignore[attr-defined]
            cells = result.grid.counts.size  # type: ignore[attr-defined]
            print(
                f"{label:<22} {cells:>9,} {ours_s:>8.3f} {floor_s:>8.3f} {esda_s:>8.2f} {esda_s / ours_s:>10.0f} "
                f"{ours_s / floor_s:>11.2f} {dz:>9.1e}"
            )


if __name__ == "__main__":
    main()
