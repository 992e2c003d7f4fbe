"""Reliability: an import killed at random points leaves the old month or the new one, never a mix; two
imports running at once (separate processes) both land intact."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from django.conf import settings

from safer.intelligence.imports.policeuk import import_policeuk
from safer.intelligence.tests.imports.policeuk.helpers import EARLIER_2022_03, STREET_2022_01, STREET_2022_03, csv_rows

REPO = Path(__file__).resolve().parents[5]


def _big_copy(source: Path, target_dir: Path, times: int, month: str | None = None) -> Path:
    """A police.uk-shaped file with the source's rows repeated `times` (long enough to be killed mid-way)."""
    lines = source.read_text().splitlines()
    body = lines[1:] * times
    name = source.name
    if month:
        old = source.name[:7]
        body = [line.replace(f",{old},", f",{month},", 1) for line in body]
        name = name.replace(old, month, 1)
    target = target_dir / name
    target.write_text("\n".join([lines[0], *body]) + "\n")
    return target


def _cli(warehouse: Path, var: Path, *paths: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SAFER_WAREHOUSE": str(warehouse),
        "SAFER_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "safer.config.settings",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "safer.cli", "import-policeuk", "--no-progress", *map(str, paths)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _month_state(warehouse: Path, month: str) -> tuple[int, int, int, str]:
    """(rows in the month, rows_loaded of its latest import, distinct import ids in the month, latest file checksum)."""
    con = duckdb.connect(str(warehouse))  # read-write: replays the write-ahead log like any next writer
    try:
        latest = con.execute(
            """SELECT import_id, rows_loaded, checksum FROM import_run
               WHERE kind = 'policeuk_street' AND month = CAST(? AS DATE) ORDER BY import_id DESC LIMIT 1""",
            [month + "-01"],
        ).fetchone()
        assert latest is not None
        rows, ids, stray = con.execute(
            """SELECT count(*), count(DISTINCT import_id), count(*) FILTER (WHERE import_id <> ?)
               FROM crime WHERE month = CAST(? AS DATE)""",
            [latest[0], month + "-01"],
        ).fetchone()  # type: ignore[misc]
        assert stray == 0, "rows of a superseded import are still in the month"
        return int(rows), int(latest[1]), int(ids), str(latest[2])
    finally:
        con.close()


def test_killed_import_leaves_old_or_new_month_never_a_mix(tmp_path: Path) -> None:
    import_policeuk(paths=[EARLIER_2022_03])
    baseline = tmp_path / "baseline.duckdb"
    shutil.copyfile(settings.SAFER_WAREHOUSE_PATH, baseline)
    new_file = _big_copy(STREET_2022_03, tmp_path, times=400)  # 80,000 rows
    old_rows, new_rows = len(csv_rows(EARLIER_2022_03)), 400 * len(csv_rows(STREET_2022_03))
    # A full run first: the new month is reachable, and its duration sets the range of kill times.
    warehouse = tmp_path / "finish.duckdb"
    shutil.copyfile(baseline, warehouse)
    started = time.monotonic()
    process = _cli(warehouse, tmp_path / "var-finish", new_file)
    assert process.wait(timeout=180) == 0, process.stderr.read() if process.stderr else ""
    full_run = time.monotonic() - started
    assert _month_state(warehouse, "2022-03")[0] == new_rows
    rng = random.Random(20221103)
    seen = {"old": 0, "new": 0}
    # One kill in each fifth of the run (early, loading, swapping in, finishing, after): every stage is hit
    # without the many trials random times would need, and the whole test stays a few full runs long.
    for trial, start in enumerate((0.1, 0.3, 0.5, 0.7, 0.9)):
        warehouse = tmp_path / f"trial-{trial}.duckdb"
        shutil.copyfile(baseline, warehouse)
        process = _cli(warehouse, tmp_path / f"var-{trial}", new_file)
        time.sleep(rng.uniform(start, start + 0.2) * full_run)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        rows, loaded, ids, _ = _month_state(warehouse, "2022-03")
        assert ids == 1 and rows == loaded
        assert rows in (old_rows, new_rows)
        seen["old" if rows == old_rows else "new"] += 1
    print("kill trials:", seen)


def test_two_imports_at_once_both_land(tmp_path: Path) -> None:
    warehouse = Path(settings.SAFER_WAREHOUSE_PATH)
    january = _big_copy(STREET_2022_01, tmp_path, times=200)
    march = _big_copy(STREET_2022_03, tmp_path, times=200)
    first = _cli(warehouse, tmp_path / "var-a", january)
    second = _cli(warehouse, tmp_path / "var-b", march)
    for process in (first, second):
        assert process.wait(timeout=180) == 0, process.stderr.read() if process.stderr else ""
    assert _month_state(warehouse, "2022-01")[:2] == (200 * len(csv_rows(STREET_2022_01)),) * 2
    assert _month_state(warehouse, "2022-03")[:2] == (200 * len(csv_rows(STREET_2022_03)),) * 2
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT count(*) = count(DISTINCT record_id) FROM crime").fetchone() == (True,)
    finally:
        con.close()


def test_two_versions_of_one_month_at_once_leave_one_of_them(tmp_path: Path) -> None:
    warehouse = Path(settings.SAFER_WAREHOUSE_PATH)
    (tmp_path / "later").mkdir()
    (tmp_path / "earlier").mkdir()
    later = _big_copy(STREET_2022_03, tmp_path / "later", 150)
    earlier = _big_copy(EARLIER_2022_03, tmp_path / "earlier", 100)
    processes = [_cli(warehouse, tmp_path / "var-a", later), _cli(warehouse, tmp_path / "var-b", earlier)]
    for process in processes:
        assert process.wait(timeout=180) == 0, process.stderr.read() if process.stderr else ""
    rows, loaded, ids, _ = _month_state(warehouse, "2022-03")
    assert ids == 1 and rows == loaded
    assert rows in (150 * len(csv_rows(STREET_2022_03)), 100 * len(csv_rows(EARLIER_2022_03)))
