"""A corpus of malformed inputs, generated from a real police.uk slice: each gives its own clear message.

Structural problems raise ImportFileError and leave the warehouse exactly as it was (digest of every import
table before and after). Row problems load the valid rows and write the bad ones, with line and reason, to
the rejects file.
"""

from __future__ import annotations

import gzip
import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from safer.intelligence.imports import ImportFileError
from safer.intelligence.imports.policeuk import import_policeuk
from safer.intelligence.tests.imports.policeuk.helpers import (
    EARLIER_2022_03,
    OUTCOMES_2022_03,
    STREET_2022_01,
    STREET_2022_03,
    csv_rows,
    warehouse_digest,
)

NAME = STREET_2022_03.name  # 2022-03-thames-valley-street.csv
TEXT = STREET_2022_03.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
HEADER, BODY = LINES[0], LINES[1:]
N = len(BODY)


def _csv(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _drop_column(index: int) -> bytes:
    return _csv([",".join(f for i, f in enumerate(line.split(",")) if i != index) for line in LINES])


def _set_field(row: int, index: int, value: str) -> bytes:
    body = BODY[:]
    fields = body[row].split(",")
    fields[index] = value
    body[row] = ",".join(fields)
    return _csv([HEADER, *body])


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _zip(members: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def _latin1_late() -> bytes:
    # Beyond the first 64 KiB, so DuckDB's reader (not the header check) finds it.
    body = BODY * 4
    fields = body[-1].split(",")
    fields[6] = "On or near Caf\xe9 Street"
    body[-1] = ",".join(fields)
    return ("\n".join([HEADER, *body]) + "\n").encode("latin-1")


def _crc_broken() -> bytes:
    data = bytearray(_gzip(STREET_2022_03.read_bytes()))
    data[-8] ^= 0xFF  # the CRC32 in the gzip trailer
    return bytes(data)


def _many_members() -> bytes:
    return _zip({f"2022-03/{i:05d}-2022-03-thames-valley-street.csv": b"x" for i in range(5_001)})


rng = random.Random(7)
GARBAGE = bytes(rng.randrange(256) for _ in range(4_000))
HIGH_GARBAGE = bytes(rng.randrange(128, 256) for _ in range(4_000))

# (case id, file name, content, expected message fragment)
STRUCTURAL: list[tuple[str, str, Callable[[], bytes], str]] = [
    (
        "missing column",
        NAME,
        lambda: _drop_column(7),
        f'Missing column "LSOA code" in {NAME} (line 1). Is this a police.uk street file?',
    ),
    (
        "renamed column",
        NAME,
        lambda: _csv([HEADER.replace("LSOA code", "LSOA"), *BODY]),
        f'Missing column "LSOA code" in {NAME} (line 1). Found "LSOA" instead. Is this a police.uk street file?',
    ),
    (
        "two missing columns",
        NAME,
        lambda: _csv([HEADER.replace("Longitude", "Lon").replace("Latitude", "Lat"), *BODY]),
        f'Missing columns "Longitude", "Latitude" in {NAME} (line 1).',
    ),
    (
        "extra column",
        NAME,
        lambda: _csv([HEADER + ",Extra", *[line + ",x" for line in BODY]]),
        f'Unexpected column "Extra" in {NAME} (line 1).',
    ),
    (
        "outcomes file under a street name",
        NAME,
        lambda: OUTCOMES_2022_03.read_bytes(),
        f'Missing columns "Crime type", "Last outcome category", "Context" in {NAME} (line 1). Found "Outcome type"',
    ),
    (
        "semicolon delimited",
        NAME,
        lambda: _csv([line.replace(",", ";") for line in LINES]),
        'Missing columns "Crime ID", "Month"',
    ),
    (
        "latin-1 in the first 64 KiB",
        NAME,
        lambda: TEXT.replace("On or near", "On or near Caf\xe9", 1).encode("latin-1"),
        f"{NAME} is not UTF-8 encoded (byte 0xe9 on line 2; perhaps Latin-1 or Windows-1252).",
    ),
    ("latin-1 late in the file", NAME, _latin1_late, f"{NAME} is not UTF-8 encoded"),
    ("utf-16 with BOM", NAME, lambda: TEXT.encode("utf-16"), f"{NAME} is UTF-16 text, not UTF-8."),
    ("utf-16 without BOM", NAME, lambda: TEXT.encode("utf-16-le"), f"{NAME} is UTF-16 text, not UTF-8."),
    (
        "truncated last line",
        NAME,
        lambda: STREET_2022_03.read_bytes()[:-40],
        f"{NAME} is truncated: its last line is incomplete (no line ending).",
    ),
    (
        "truncated mid-file",
        NAME,
        lambda: _csv([HEADER, *BODY[:50], BODY[50][:30], *BODY[51:]]),
        f"Line 52 of {NAME} has 1 fields, expected 12",
    ),
    (
        "truncated gzip",
        NAME + ".gz",
        lambda: _gzip(STREET_2022_03.read_bytes())[:-200],
        f"{NAME}.gz is truncated: the gzip stream ends early",
    ),
    (
        "gzip CRC wrong",
        NAME + ".gz",
        _crc_broken,
        f"{NAME}.gz is damaged: the gzip data or its checksum (CRC) is wrong.",
    ),
    (
        "not gzip despite .gz",
        NAME + ".gz",
        lambda: STREET_2022_03.read_bytes(),
        f"{NAME}.gz is not a gzip file although its name ends .gz.",
    ),
    ("empty file", NAME, lambda: b"", f"{NAME} is empty (0 bytes)."),
    ("header only", NAME, lambda: _csv([HEADER]), f"{NAME} has a header line but no rows. Nothing was imported"),
    ("binary garbage", NAME, lambda: GARBAGE, f"{NAME} is "),
    ("high-byte garbage", NAME, lambda: HIGH_GARBAGE, f"{NAME} is not UTF-8 encoded (byte 0x"),
    (
        "HTML error page saved as csv",
        NAME,
        lambda: b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>Bad gateway</body></html>\n",
        f"{NAME} is a web page (HTML), not a CSV file",
    ),
    (
        "zip with ../ path",
        "2022-03.zip",
        lambda: _zip({"../2022-03-thames-valley-street.csv": STREET_2022_03.read_bytes()}),
        'holds "../2022-03-thames-valley-street.csv", a path leaving the archive ("..")',
    ),
    (
        "zip with absolute path",
        "2022-03.zip",
        lambda: _zip({"/tmp/2022-03-thames-valley-street.csv": STREET_2022_03.read_bytes()}),
        'holds "/tmp/2022-03-thames-valley-street.csv", an absolute path',
    ),
    (
        "zip bomb",
        "2022-03.zip",
        lambda: _zip({f"2022-03/{NAME}": b"0" * (60 * 1024**2)}),
        "which is not a real CSV (a zip bomb?)",
    ),
    (
        "zip with unexpected member",
        "2022-03.zip",
        lambda: _zip({f"2022-03/{NAME}": STREET_2022_03.read_bytes(), "2022-03/run-me.exe": b"MZ"}),
        'Unexpected file "2022-03/run-me.exe" in 2022-03.zip.',
    ),
    (
        "zip with a symlink",
        "2022-03.zip",
        lambda: _zip(
            {f"2022-03/{NAME}": STREET_2022_03.read_bytes()}, symlink="2022-03/2022-04-thames-valley-street.csv"
        ),
        "a symbolic link",
    ),
    ("zip with too many members", "2022-03.zip", _many_members, "entries, more than the 5,000 allowed"),
    (
        "damaged zip",
        "2022-03.zip",
        lambda: _zip({f"2022-03/{NAME}": STREET_2022_03.read_bytes()})[:300],
        "2022-03.zip is not a readable zip archive",
    ),
    (
        "a bad file inside a good zip",
        "2022-03.zip",
        lambda: _zip({f"2022-03/{NAME}": TEXT.encode("utf-16")}),
        f"{NAME} is UTF-16 text, not UTF-8.",
    ),
    (
        "spreadsheet saved with a .csv name",
        NAME,
        lambda: _zip({"[Content_Types].xml": b"<Types/>"}),
        f'Unexpected file "[Content_Types].xml" in {NAME}.',
    ),
    (
        "not a police.uk file name",
        "crimes.csv",
        lambda: STREET_2022_03.read_bytes(),
        '"crimes.csv" is not a police.uk monthly file name.',
    ),
    (
        "month 13 in the file name",
        "2022-13-thames-valley-street.csv",
        lambda: STREET_2022_03.read_bytes(),
        "is not a police.uk monthly file name",
    ),
]

# (case id, content, expected reason of the one rejected row)
ROW_PROBLEMS: list[tuple[str, Callable[[], bytes], str]] = [
    ("malformed month", lambda: _set_field(0, 1, "2022/03"), 'malformed month "2022/03" (expected YYYY-MM)'),
    (
        "month not matching the file name",
        lambda: _set_field(1, 1, "2022-02"),
        "month 2022-02 does not match the file name month 2022-03",
    ),
    ("longitude outside the UK", lambda: _set_field(2, 4, "12.5"), "coordinates outside the UK: 12.5, "),
    ("latitude outside the UK", lambda: _set_field(3, 5, "40.1"), "coordinates outside the UK: "),
    ("non-numeric coordinates", lambda: _set_field(4, 4, "west"), "coordinates are not numbers: west, "),
    ("only one coordinate", lambda: _set_field(5, 5, ""), "only one of longitude and latitude is given"),
    ("unknown crime type", lambda: _set_field(6, 9, "Burglery"), 'unknown crime type "Burglery"'),
    ("old police.uk category", lambda: _set_field(7, 9, "Violent crime"), 'unknown crime type "Violent crime"'),
    ("bad LSOA pattern", lambda: _set_field(8, 7, "E0101764"), 'LSOA code "E0101764" does not match the pattern'),
    # DuckDB reads a 13th empty field as a trailing delimiter, so the shifted row fails the row checks instead.
    (
        "unquoted comma in a value",
        lambda: _set_field(10, 6, "On or near High Street, Oxford"),
        'unknown crime type "',
    ),
    ("Scottish-style code", lambda: _set_field(9, 7, "S01012345"), 'LSOA code "S01012345" does not match the pattern'),
]


@pytest.fixture
def baseline() -> str:
    """A warehouse holding January and (the earlier download of) March 2022."""
    import_policeuk(paths=[STREET_2022_01, EARLIER_2022_03])
    return warehouse_digest()


def test_the_corpus_has_at_least_30_kinds() -> None:
    assert len(STRUCTURAL) + len(ROW_PROBLEMS) >= 30
    assert len({case for case, *_ in STRUCTURAL} | {case for case, *_ in ROW_PROBLEMS}) == len(STRUCTURAL) + len(
        ROW_PROBLEMS
    )


@pytest.mark.parametrize("case,name,content,message", STRUCTURAL, ids=[c[0] for c in STRUCTURAL])
def test_structural_problem_is_named_and_changes_nothing(
    baseline: str, tmp_path: Path, case: str, name: str, content: Callable[[], bytes], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content())
    with pytest.raises(ImportFileError) as error:
        import_policeuk(paths=[path])
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert warehouse_digest() == baseline


@pytest.mark.parametrize("case,content,reason", ROW_PROBLEMS, ids=[c[0] for c in ROW_PROBLEMS])
def test_row_problem_is_rejected_with_line_and_reason(
    baseline: str, tmp_path: Path, case: str, content: Callable[[], bytes], reason: str
) -> None:
    path = tmp_path / NAME
    path.write_bytes(content())
    [result] = import_policeuk(paths=[path])
    assert (result.rows_loaded, result.rows_rejected) == (N - 1, 1)
    assert result.rejects_path is not None
    [reject] = csv_rows(Path(result.rejects_path))
    assert reject["reason"].startswith(reason)
    line = int(reject["line"])
    original = LINES[line - 1].split(",")
    assert reject["Crime ID"] == original[0]
    assert warehouse_digest() != baseline


def test_structural_problem_in_one_file_of_many_loads_none(baseline: str, tmp_path: Path) -> None:
    good = tmp_path / "2022-04-thames-valley-street.csv"
    good.write_text(TEXT.replace("2022-03,", "2022-04,"))
    bad = tmp_path / NAME
    bad.write_bytes(TEXT.encode("utf-16"))
    with pytest.raises(ImportFileError):
        import_policeuk(paths=[good, bad])
    assert warehouse_digest() == baseline
