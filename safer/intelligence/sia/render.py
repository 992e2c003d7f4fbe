"""Write a report in the chosen formats (html, pdf, docx)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from safer.intelligence.sia.docx import report_docx
from safer.intelligence.sia.html import report_html
from safer.intelligence.sia.model import Report
from safer.intelligence.sia.pdf import report_pdf

FORMATS: dict[str, Callable[[Report], bytes]] = {
    "html": lambda report: report_html(report).encode("utf-8"),
    "pdf": report_pdf,
    "docx": report_docx,
}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def formats_parse(text: str | list[str]) -> list[str]:
    """["html", "pdf"] from "html,pdf"; raises ValueError naming the formats there are."""
    chosen = [f.strip().lower() for f in (text.split(",") if isinstance(text, str) else text) if f.strip()]
    wrong = [f for f in chosen if f not in FORMATS]
    if wrong or not chosen:
        raise ValueError(f'Unknown format "{", ".join(wrong) or text}". Use any of: {", ".join(FORMATS)}.')
    return list(dict.fromkeys(chosen))


def report_file_name(report: Report, fmt: str) -> str:
    """sia-oxfordshire-fy2021-22.pdf."""
    stem = "".join(ch if ch.isalnum() else "-" for ch in f"sia {report.area} {report.period}".lower())
    return "-".join(part for part in stem.split("-") if part) + f".{fmt}"


def report_files_write(report: Report, *, formats: list[str], directory: Path) -> dict[str, Path]:
    """Render and write each format into `directory`; returns format -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt in formats:
        path = directory / report_file_name(report, fmt)
        path.write_bytes(FORMATS[fmt](report))
        written[fmt] = path
    return written
