"""Download police.uk monthly files for one force over a month range, resumably, before importing them.

data.police.uk publishes all forces together in monthly archives (https://data.police.uk/data/archive/
YYYY-MM.zip, gigabytes each) and per-force files only through its interactive custom-download form. So the
fetcher reads from a base URL (setting SAFER_POLICEUK_BASE_URL, or --base-url) that serves the files in the
layout police.uk's archives unpack to:

    {base}/{YYYY-MM}/{YYYY-MM}-{force}-street.csv   (and -outcomes.csv, -stop-and-search.csv)

e.g. an unpacked archive served by any web server or object store. Each file is downloaded to
`{dest}/{YYYY-MM}/{name}.part` and renamed when complete; a complete file is skipped next time, and a partial
one is resumed with an HTTP Range request. Failed requests are retried with exponential backoff. A month the
server does not have (404) is reported as missing, not an error: police.uk series have gaps.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from safer.intelligence.imports.errors import ImportFileError

KIND_SUFFIXES = ("street", "outcomes", "stop-and-search")
FORCE_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CHUNK = 256 * 1024
TIMEOUT_SECONDS = 30.0


class FetchOfflineError(Exception):
    """The server could not be reached at all (no network, wrong host, server down)."""


@dataclass
class FetchReport:
    """What a fetch did: files downloaded, already present, missing on the server."""

    downloaded: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return sorted(self.downloaded + self.skipped)


def month_range(start: str, end: str) -> list[str]:
    """'2021-01'..'2021-03' -> ['2021-01', '2021-02', '2021-03']; ValueError with a clear message otherwise."""
    first, last = _month(start, "--from"), _month(end, "--to")
    if last < first:
        raise ValueError(f"--to {end} is before --from {start}.")
    months = []
    year, month = first
    while (year, month) <= last:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


def _month(text: str, option: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{option} must be a month as YYYY-MM, e.g. 2021-01; got {text!r}.")
    return int(match.group(1)), int(match.group(2))


def file_url(base_url: str, month: str, force: str, kind: str) -> str:
    return f"{base_url.rstrip('/')}/{month}/{month}-{force}-{kind}.csv"


def policeuk_fetch(
    *,
    force: str,
    months: list[str],
    base_url: str,
    dest: Path,
    kinds: tuple[str, ...] = ("street",),
    retries: int = 5,
    backoff_seconds: float = 1.0,
    on_bytes: Callable[[int], None] | None = None,
    on_file: Callable[[str], None] | None = None,
) -> FetchReport:
    """Download each month's files for the force into dest/YYYY-MM/; resumable, retried, skips complete files.

    Raises FetchOfflineError when the server cannot be reached after the retries.
    """
    if not FORCE_SLUG.match(force):
        raise ValueError(f"--force must be a police.uk force name such as thames-valley; got {force!r}.")
    unknown = [k for k in kinds if k not in KIND_SUFFIXES]
    if unknown:
        raise ValueError(f"Unknown file kind {unknown[0]!r}; use {', '.join(KIND_SUFFIXES)}.")
    if urllib.parse.urlsplit(base_url).scheme not in ("http", "https"):
        raise ValueError(f"The police.uk base URL must start with http:// or https://; got {base_url!r}.")
    report = FetchReport()
    for month in months:
        for kind in kinds:
            name = f"{month}-{force}-{kind}.csv"
            target = dest / month / name
            if on_file is not None:
                on_file(name)
            if target.exists():
                report.skipped.append(target)
                continue
            url = file_url(base_url, month, force, kind)
            found = _download(url, target, retries=retries, backoff_seconds=backoff_seconds, on_bytes=on_bytes)
            if found:
                report.downloaded.append(target)
            else:
                report.missing.append(name)
    return report


def _download(
    url: str, target: Path, *, retries: int, backoff_seconds: float, on_bytes: Callable[[int], None] | None
) -> bool:
    """True when downloaded, False when the server says 404; retries other failures, resuming the .part file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    last_error = ""
    reached = False
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff_seconds * 2 ** (attempt - 1))
        have = partial.stat().st_size if partial.exists() else 0
        request = urllib.request.Request(url, headers={"User-Agent": "safer-communities/1 (police.uk fetch)"})  # noqa: S310 - scheme checked in policeuk_fetch
        if have:
            request.add_header("Range", f"bytes={have}-")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
                reached = True
                status = response.status
                expected = _expected_length(response.headers, status, have)
                mode = "ab" if status == 206 and have else "wb"
                if mode == "wb":
                    have = 0
                with open(partial, mode) as sink:
                    while chunk := response.read(CHUNK):
                        sink.write(chunk)
                        have += len(chunk)
                        if on_bytes is not None:
                            on_bytes(len(chunk))
                if expected is not None and have < expected:
                    last_error = f"connection closed after {have:,} of {expected:,} bytes"
                    continue
            _check_not_html(partial, url)
            partial.replace(target)
            return True
        except urllib.error.HTTPError as error:
            reached = True
            if error.code == 404:
                return False
            if error.code == 416 and partial.exists():  # range past the end: the part file is complete or bad
                partial.unlink()
            last_error = f"HTTP {error.code} {error.reason}"
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            last_error = str(reason) or error.__class__.__name__
    host = urllib.parse.urlsplit(url).netloc
    if not reached:
        raise FetchOfflineError(
            f"Cannot reach {host} ({last_error}): you appear to be offline, or the server is down. "
            "Run the command again when connected; finished files are kept and partial ones resume."
        )
    raise FetchOfflineError(
        f"Downloading {url} failed after {retries + 1} attempts ({last_error}). Run the command again to resume."
    )


def _expected_length(headers: object, status: int, have: int) -> int | None:
    length = getattr(headers, "get", lambda _k: None)("Content-Length")
    if length is None or not str(length).isdigit():
        return None
    return int(length) + (have if status == 206 else 0)


def _check_not_html(path: Path, url: str) -> None:
    with open(path, "rb") as handle:
        head = handle.read(512).lstrip().lower()
    if head.startswith((b"<!doctype", b"<html")):
        path.unlink()
        raise ImportFileError(
            f"{url} returned a web page, not a CSV: the base URL does not serve police.uk files in the expected "
            "layout. Check SAFER_POLICEUK_BASE_URL (or --base-url)."
        )
