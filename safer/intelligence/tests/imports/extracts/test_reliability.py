"""A corrected extract killed at random points mid-import leaves the old extract or the new one, never a mix."""

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
import pytest
from django.conf import settings

from safer.intelligence.imports.extracts import offences_import
from safer.intelligence.tests.imports.extracts.helpers import offence_rows

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[5]


def _cli(warehouse: Path, var: Path, path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SAFER_WAREHOUSE": str(warehouse),
        "SAFER_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "safer.config.settings",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "safer.cli", "import-offences", "--no-progress", str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _state(warehouse: Path) -> tuple[set[str], int, int]:
    """(reference prefixes present, rows, rows_loaded of the current import)."""
    con = duckdb.connect(str(warehouse))  # read-write: replays the write-ahead log like any next writer
    try:
        prefixes = {r[0] for r in con.execute("SELECT DISTINCT left(offence_ref, 1) FROM offence").fetchall()}
        rows = con.execute("SELECT count(*) FROM offence").fetchone()
        current = con.execute(
            """SELECT rows_loaded FROM import_run r WHERE kind = 'offences'
               AND NOT EXISTS (SELECT 1 FROM import_run n WHERE n.replaced_import_id = r.import_id)"""
        ).fetchall()
        assert rows is not None and len(current) == 1
        return prefixes, int(rows[0]), int(current[0][0])
    finally:
        con.close()


def test_killed_replacement_leaves_old_or_new_extract(tmp_path: Path) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    offences_import(
        path=offence_rows(tmp_path / "v1" / "tv-offences.csv", [{"offence_ref": f"a{i}"} for i in range(500)])
    )
    baseline = tmp_path / "baseline.duckdb"
    shutil.copyfile(settings.SAFER_WAREHOUSE_PATH, baseline)
    new_rows = 60_000
    corrected = offence_rows(tmp_path / "v2" / "tv-offences.csv", [{"offence_ref": f"b{i}"} for i in range(new_rows)])
    warehouse = tmp_path / "finish.duckdb"
    shutil.copyfile(baseline, warehouse)
    started = time.monotonic()
    process = _cli(warehouse, tmp_path / "var-finish", corrected)
    assert process.wait(timeout=180) == 0, process.stderr.read() if process.stderr else ""
    full_run = time.monotonic() - started
    assert _state(warehouse) == ({"b"}, new_rows, new_rows)
    rng = random.Random(3)
    for trial in range(4):
        warehouse = tmp_path / f"trial-{trial}.duckdb"
        shutil.copyfile(baseline, warehouse)
        process = _cli(warehouse, tmp_path / f"var-{trial}", corrected)
        time.sleep(rng.uniform(0.3, 1.1) * full_run)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        prefixes, rows, loaded = _state(warehouse)
        assert (prefixes, rows) in (({"a"}, 500), ({"b"}, new_rows))
        assert rows == loaded
