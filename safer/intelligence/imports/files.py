"""What an import is given: files, folders and zip archives, checked before anything is loaded.

`expand_inputs` turns paths into a sorted list of CSV files (extracting zips safely), and `check_csv_file`
reads each file once: sha256 of its bytes, gzip integrity, encoding, the header line and whether the last line
is complete. Every problem is an ImportFileError naming the file (and the line), so nothing half-loads.
No Django here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from safer.intelligence.imports.errors import ImportFileError

CHUNK = 1 << 20
HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Limits that keep a hostile or broken archive from filling the disk."""

    max_members: int = 5_000
    max_member_bytes: int = 2 * 1024**3
    max_total_bytes: int = 20 * 1024**3
    max_ratio: float = 200.0  # uncompressed / compressed size of a member (police.uk CSVs are about 6)


@dataclass(frozen=True)
class InputFile:
    """One CSV (or .csv.gz) to import; `name` is what the user knows it as (no folders)."""

    path: Path
    name: str


@dataclass(frozen=True)
class FileFacts:
    """What one pass over a file found: sha256 of the bytes as received, the header, and what to read.

    `read_path` is the file itself, or for a .gz given a `workdir`, its decompressed copy there (DuckDB reads
    plain CSV in parallel; gzip only on one thread).
    """

    sha256: str
    header: list[str]
    size: int
    read_path: Path


def _is_csv_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(".csv") or lower.endswith(".csv.gz")


def expand_inputs(
    paths: Sequence[Path],
    *,
    workdir: Path,
    accept: Callable[[str], bool] | None = None,
    limits: ZipLimits | None = None,
) -> list[InputFile]:
    """Files, folders (recursively) and zip archives -> CSV files to import, sorted by name.

    `accept(base_name)` decides which CSV names belong (e.g. police.uk monthly names); in a zip any other
    member is an error, in a folder other files are skipped. Zip members are extracted under `workdir`.
    """
    limits = limits or ZipLimits()
    found: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ImportFileError(f"{path.name or path} does not exist. Check the path and try again.")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.lower().endswith(".zip"):
                    found.extend(_expand_zip(child, workdir=workdir, accept=accept, limits=limits))
                elif _is_csv_name(child.name) and (accept is None or accept(child.name)):
                    found.append(InputFile(child, child.name))
        elif path.name.lower().endswith(".zip") or _looks_like_zip(path):
            found.extend(_expand_zip(path, workdir=workdir, accept=accept, limits=limits))
        else:
            found.append(InputFile(path, path.name))
    if not found:
        names = ", ".join(Path(p).name for p in paths)
        raise ImportFileError(f"No CSV files to import in {names}.")
    return sorted(found, key=lambda f: (f.name, str(f.path)))


def _looks_like_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _expand_zip(
    path: Path, *, workdir: Path, accept: Callable[[str], bool] | None, limits: ZipLimits
) -> list[InputFile]:
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ImportFileError(f"{name} is not a readable zip archive (damaged or incomplete download).") from None
    with archive:
        members = archive.infolist()
        files = [m for m in members if not m.is_dir()]
        if len(members) > limits.max_members:
            raise ImportFileError(
                f"{name} holds {len(members):,} entries, more than the {limits.max_members:,} allowed. "
                "Split the archive and try again."
            )
        total = 0
        for member in members:
            member_path = PurePosixPath(member.filename.replace("\\", "/"))
            if member.filename.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member.filename):
                raise ImportFileError(f'{name} holds "{member.filename}", an absolute path. Nothing was imported.')
            if ".." in member_path.parts:
                raise ImportFileError(
                    f'{name} holds "{member.filename}", a path leaving the archive (".."). Nothing was imported.'
                )
            mode = member.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ImportFileError(f'{name} holds "{member.filename}", a symbolic link. Nothing was imported.')
            if member.is_dir():
                continue
            base = member_path.name
            if not _is_csv_name(base) or (accept is not None and not accept(base)):
                raise ImportFileError(
                    f'Unexpected file "{member.filename}" in {name}. The archive may hold only the expected CSV '
                    "files. Nothing was imported."
                )
            if member.file_size > limits.max_member_bytes:
                raise ImportFileError(
                    f'"{member.filename}" in {name} is {member.file_size:,} bytes uncompressed, more than the '
                    f"{limits.max_member_bytes:,} allowed. Nothing was imported."
                )
            if member.file_size > 1024**2 and member.file_size > limits.max_ratio * max(member.compress_size, 1):
                raise ImportFileError(
                    f'"{member.filename}" in {name} expands {member.file_size / max(member.compress_size, 1):,.0f} '
                    "times, which is not a real CSV (a zip bomb?). Nothing was imported."
                )
            total += member.file_size
        if total > limits.max_total_bytes:
            raise ImportFileError(
                f"{name} expands to {total:,} bytes, more than the {limits.max_total_bytes:,} allowed. "
                "Nothing was imported."
            )
        target_root = workdir / f"zip-{hashlib.sha256(str(path).encode()).hexdigest()[:12]}"
        out: list[InputFile] = []
        for index, member in enumerate(files):
            target = target_root / f"{index:05d}" / PurePosixPath(member.filename.replace("\\", "/")).name
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with archive.open(member) as source, open(target, "wb") as sink:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > member.file_size:
                            raise ImportFileError(
                                f'"{member.filename}" in {name} is larger than its archive entry says. '
                                "Nothing was imported."
                            )
                        sink.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError):
                shutil.rmtree(target_root, ignore_errors=True)
                raise ImportFileError(
                    f'"{member.filename}" in {name} is damaged (checksum error). Download the archive again.'
                ) from None
            out.append(InputFile(target, PurePosixPath(member.filename).name))
        return out


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes as received."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_pass(path: Path, name: str, plain_out: Path | None = None) -> tuple[str, bytes, bytes, int]:
    """sha256, the first HEAD_BYTES and the last byte of the (decompressed) content, and the file size.

    With `plain_out`, a .gz file's decompressed content is written there as it is read.
    """
    digest = hashlib.sha256()
    head = bytearray()
    last = b""
    size = 0
    gz = path.name.lower().endswith(".gz")
    decomp = zlib.decompressobj(wbits=31) if gz else None
    sink = open(plain_out, "wb") if gz and plain_out is not None else None  # noqa: SIM115 - closed below
    try:
        return _read_loop(path, name, digest, head, last, size, decomp, sink)
    finally:
        if sink is not None:
            sink.close()


def _read_loop(
    path: Path,
    name: str,
    digest: Any,
    head: bytearray,
    last: bytes,
    size: int,
    decomp: Any,
    sink: Any,
) -> tuple[str, bytes, bytes, int]:
    gz = decomp is not None
    with open(path, "rb") as handle:
        first = handle.read(2)
        handle.seek(0)
        if gz and first != b"\x1f\x8b":
            raise ImportFileError(f"{name} is not a gzip file although its name ends .gz. Check the file.")
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
            if decomp is None:
                data = chunk
            else:
                try:
                    data = decomp.decompress(chunk)
                    while decomp.eof and decomp.unused_data:  # a further gzip member
                        rest = decomp.unused_data
                        decomp = zlib.decompressobj(wbits=31)
                        data += decomp.decompress(rest)
                except zlib.error:
                    raise ImportFileError(
                        f"{name} is damaged: the gzip data or its checksum (CRC) is wrong. Download it again."
                    ) from None
            if data:
                if sink is not None:
                    sink.write(data)
                if len(head) < HEAD_BYTES:
                    head.extend(data[: HEAD_BYTES - len(head)])
                last = data[-1:]
    if decomp is not None and not decomp.eof:
        raise ImportFileError(
            f"{name} is truncated: the gzip stream ends early (was the download interrupted?). Download it again."
        )
    return digest.hexdigest(), bytes(head), last, size


def check_csv_file(
    path: Path,
    *,
    name: str,
    columns: Sequence[str],
    hint: str,
    allow_empty: bool = False,
    workdir: Path | None = None,
) -> FileFacts:
    """One pass over a file: checksum, gzip integrity, encoding, header and a complete last line.

    `columns` are the header names the file must have (any order, no others); `hint` ends the header message
    ("Is this a police.uk street file?"). A header with no rows is an error unless `allow_empty` (loading it
    would replace a month with nothing).
    """
    plain = None
    if workdir is not None and path.name.lower().endswith(".gz"):
        folder = workdir / f"plain-{hashlib.sha256(str(path).encode()).hexdigest()[:16]}"
        folder.mkdir(parents=True, exist_ok=True)
        plain = folder / (name[:-3] if name.lower().endswith(".gz") else name)  # keeps the file's own name
    sha, head, last, size = _read_pass(path, name, plain)
    if not head:
        raise ImportFileError(f"{name} is empty (0 bytes). Expected a CSV file with a header line.", source_name=name)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        kind = "UTF-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" else "binary"
        if kind == "UTF-16":
            message = f"{name} is UTF-16 text, not UTF-8. Save it as CSV UTF-8 and import it again."
        else:
            message = f"{name} is not a text CSV file (it holds binary data). Check you chose the right file."
        raise ImportFileError(message, source_name=name, line=1)
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    stripped = head.lstrip()[:200].lower()
    if stripped.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise ImportFileError(
            f"{name} is a web page (HTML), not a CSV file: probably an error page saved by a failed download. "
            "Download it again.",
            source_name=name,
            line=1,
        )
    text = _decode_head(head, name)
    if sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t") > 8:
        raise ImportFileError(
            f"{name} is not a text CSV file (it holds binary data). Check you chose the right file.",
            source_name=name,
            line=1,
        )
    first_line = text.split("\n", 1)[0].rstrip("\r")
    header = next(csv.reader(io.StringIO(first_line)), [])
    header = [h.strip() for h in header]
    _check_header(header, columns=columns, name=name, hint=hint)
    has_rows = "\n" in text and text.split("\n", 1)[1].strip() != ""
    if not has_rows and not allow_empty:
        raise ImportFileError(
            f"{name} has a header line but no rows. Nothing was imported (an empty file would remove the "
            "records it replaces). Check the export or download.",
            source_name=name,
            line=2,
        )
    if has_rows and last not in (b"\n", b"\r"):
        raise ImportFileError(
            f"{name} is truncated: its last line is incomplete (no line ending). Download or export it again.",
            source_name=name,
        )
    return FileFacts(sha256=sha, header=header, size=size, read_path=plain or path)


def _decode_head(head: bytes, name: str) -> str:
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and len(head) >= HEAD_BYTES:  # a character cut by the 64 KiB window
            return head[: error.start].decode("utf-8")
        line = head[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{name} is not UTF-8 encoded (byte 0x{head[error.start]:02x} on line {line}; "
            "perhaps Latin-1 or Windows-1252). Save it as CSV UTF-8 and import it again.",
            source_name=name,
            line=line,
        ) from None


def _check_header(header: list[str], *, columns: Sequence[str], name: str, hint: str) -> None:
    expected = list(columns)
    missing = [c for c in expected if c not in header]
    extra = [h for h in header if h not in expected]
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if missing:
        quoted = ", ".join(f'"{c}"' for c in missing)
        noun = "column" if len(missing) == 1 else "columns"
        found = ""
        if extra:
            found = " Found " + ", ".join(f'"{c}"' for c in extra[:5]) + " instead."
        raise ImportFileError(f"Missing {noun} {quoted} in {name} (line 1).{found} {hint}", source_name=name, line=1)
    if extra:
        quoted = ", ".join(f'"{c}"' for c in extra[:5])
        raise ImportFileError(
            f"Unexpected column {quoted} in {name} (line 1). Expected exactly: {', '.join(expected)}. {hint}",
            source_name=name,
            line=1,
        )
    if duplicates:
        raise ImportFileError(
            f'Column "{duplicates[0]}" appears twice in {name} (line 1). {hint}', source_name=name, line=1
        )
