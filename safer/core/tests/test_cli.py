"""The `safer` command (safer/cli.py) piped into a reader that stops early ends quietly, as Unix tools do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _environment(var_dir: Path) -> dict[str, str]:
    env = {**os.environ, "SAFER_VAR_DIR": str(var_dir), "SAFER_DEBUG": "0"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    return env


def _run_into_reader(arguments: list[str], var_dir: Path, *, read_first_line: bool) -> tuple[int, bytes, str]:
    """Run the real CLI with stdout piped to this process, which reads at most one line and closes its end.

    Returns the exit status, what was read and the CLI's stderr.
    """
    read_end, write_end = os.pipe()
    reader = os.fdopen(read_end, "rb")
    if not read_first_line:
        reader.close()  # the reader has gone before the command writes anything (`| head -c 0`)
    process = subprocess.Popen(
        [sys.executable, "-m", "safer.cli", *arguments],
        cwd=REPO,
        env=_environment(var_dir),
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)  # the child holds the only write end
    first = b""
    if read_first_line:
        first = reader.readline()
        reader.close()  # `| head -n 1`: the rest of the output has nowhere to go
    _, stderr = process.communicate(timeout=120)
    return process.returncode, first, stderr.decode()


class TestClosedPipe:
    def test_table_list_into_a_reader_that_has_gone(self, tmp_path):
        status, _, stderr = _run_into_reader(["table", "--list"], tmp_path, read_first_line=False)
        assert stderr == ""
        assert status == 141  # what a shell reports for a tool ended by SIGPIPE
        assert not (tmp_path / "log" / "safer.log").exists()  # nothing "unexpected" was logged

    def test_long_output_into_head_n_1(self, tmp_path):
        # About 2 MB, far more than a pipe holds, so the command is still writing when the reader closes.
        code = "import sys\nfor i in range(200_000): sys.stdout.write(f'line {i}\\n')"
        status, first, stderr = _run_into_reader(["shell", "--no-imports", "-c", code], tmp_path, read_first_line=True)
        assert first == b"line 0\n"
        assert stderr == ""
        assert status == 141

    def test_output_that_is_read_in_full_is_unchanged(self, tmp_path):
        result = subprocess.run(
            [sys.executable, "-m", "safer.cli", "table", "--list"],
            cwd=REPO,
            env=_environment(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout.split()[0] == "headline"
