"""safer fetch-policeuk against a local HTTP server: download, gaps, retries, resume with Range, offline."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from safer.intelligence.tests.imports.policeuk.helpers import STREET_2022_01, STREET_2022_03, csv_rows, warehouse_rows

pytestmark = pytest.mark.django_db


class FixtureServer:
    """Serves files by path; can fail the first requests (503) or cut the first response short."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.fail_first = 0
        self.cut_first_after: int | None = None
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.requests.append((self.path, self.headers.get("Range")))
                if server.fail_first > 0:
                    server.fail_first -= 1
                    self.send_error(503, "Service Unavailable")
                    return
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                start = 0
                if self.headers.get("Range"):
                    start = int(self.headers["Range"].split("=")[1].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                part = body[start:]
                self.send_header("Content-Length", str(len(part)))
                self.end_headers()
                if server.cut_first_after is not None:
                    self.wfile.write(part[: server.cut_first_after])
                    server.cut_first_after = None
                    self.close_connection = True
                    return
                self.wfile.write(part)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/policeuk"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    files = {
        f"/policeuk/2022-01/{STREET_2022_01.name}": STREET_2022_01.read_bytes(),
        f"/policeuk/2022-03/{STREET_2022_03.name}": STREET_2022_03.read_bytes(),
    }
    with FixtureServer(files) as running:
        yield running


def _fetch(server_url: str, dest: Path, *extra: str) -> None:
    call_command(
        "fetch-policeuk",
        "--force=thames-valley",
        "--from=2022-01",
        "--to=2022-03",
        f"--base-url={server_url}",
        f"--dest={dest}",
        "--backoff=0.01",
        "--no-progress",
        *extra,
    )


def test_downloads_reports_the_gap_and_imports(server: FixtureServer, tmp_path: Path, capsys: Any) -> None:
    _fetch(server.url, tmp_path)
    out = capsys.readouterr().out
    assert "Not on the server (months missing): 2022-02-thames-valley-street.csv" in out
    assert (tmp_path / "2022-03" / STREET_2022_03.name).read_bytes() == STREET_2022_03.read_bytes()
    counts = dict(warehouse_rows("SELECT strftime(month, '%Y-%m'), count(*) FROM crime GROUP BY 1"))
    assert counts == {"2022-01": len(csv_rows(STREET_2022_01)), "2022-03": len(csv_rows(STREET_2022_03))}


def test_complete_files_are_not_downloaded_again(server: FixtureServer, tmp_path: Path) -> None:
    _fetch(server.url, tmp_path, "--no-import")
    first = len(server.requests)
    _fetch(server.url, tmp_path, "--no-import")
    assert [p for p, _ in server.requests[first:]] == ["/policeuk/2022-02/2022-02-thames-valley-street.csv"]


def test_failing_then_recovering_server_is_retried(server: FixtureServer, tmp_path: Path) -> None:
    server.fail_first = 3
    _fetch(server.url, tmp_path, "--no-import")
    assert (tmp_path / "2022-01" / STREET_2022_01.name).read_bytes() == STREET_2022_01.read_bytes()
    assert [p for p, _ in server.requests[:4]] == [f"/policeuk/2022-01/{STREET_2022_01.name}"] * 4


def test_server_failing_beyond_the_retries_is_a_clear_error(server: FixtureServer, tmp_path: Path) -> None:
    server.fail_first = 100
    with pytest.raises(CommandError, match=r"failed after 3 attempts \(HTTP 503 Service Unavailable\)"):
        _fetch(server.url, tmp_path, "--retries=2")


def test_interrupted_download_resumes_with_a_range_request(server: FixtureServer, tmp_path: Path) -> None:
    server.cut_first_after = 1000
    _fetch(server.url, tmp_path, "--no-import")
    assert (tmp_path / "2022-01" / STREET_2022_01.name).read_bytes() == STREET_2022_01.read_bytes()
    assert server.requests[1] == (f"/policeuk/2022-01/{STREET_2022_01.name}", "bytes=1000-")
    assert not list(tmp_path.rglob("*.part"))


def test_offline_gives_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CommandError) as error:
        _fetch(f"http://127.0.0.1:{port}", tmp_path, "--retries=1")
    message = str(error.value)
    assert message.startswith(f"Cannot reach 127.0.0.1:{port} (")
    assert "you appear to be offline" in message and "\n" not in message


@pytest.mark.parametrize(
    "args,message",
    [
        (["--from=2022-13", "--to=2022-12"], "--from must be a month as YYYY-MM, e.g. 2021-01; got '2022-13'."),
        (["--from=2022-05", "--to=2022-01"], "--to 2022-01 is before --from 2022-05."),
    ],
)
def test_bad_months_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        call_command("fetch-policeuk", "--force=thames-valley", *args, f"--dest={tmp_path}", "--no-progress")
