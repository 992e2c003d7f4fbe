"""The report as plain data: sections holding paragraphs, tables, charts and "what is missing" notes.

Builders (build.py) fill it from the table registry; renderers (html.py, pdf.py, docx.py) only lay it out,
so the three formats always hold the same words and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Paragraph:
    """One paragraph of text."""

    text: str


@dataclass
class Bullets:
    """A bulleted list (the executive summary's findings)."""

    items: list[str]


@dataclass
class Missing:
    """A section or table that could not be given, and why (never an empty table without a reason)."""

    text: str


@dataclass
class TableBlock:
    """A formatted table: header row, body rows of text, which columns are numbers, and notes under it."""

    title: str
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    notes: list[str] = field(default_factory=list)
    source: int | None = None  # number of its appendix entry
    synthetic: bool = False


@dataclass
class Chart:
    """A chart as a PNG image with its text alternative."""

    title: str
    png: bytes
    alt: str


Block = Paragraph | Bullets | Missing | TableBlock | Chart


@dataclass
class Section:
    """A chapter or section: heading, blocks, and sub-sections one level down."""

    title: str
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


@dataclass
class AppendixEntry:
    """How one figure was computed: table, area, period, source, definition and extract dates."""

    number: int
    table: str
    title: str
    area: str
    period: str
    compare: str
    source: str
    definition: str
    filters: str
    latest_import: str
    latest_month: str
    months_with_data: str


@dataclass
class Report:
    """A whole SIA: choices, executive summary, chapters, appendix."""

    title: str
    area: str
    period: str
    compare: str
    created_at: datetime
    comparators: list[str]
    summary: Section
    chapters: list[Section]
    appendix: list[AppendixEntry]
    data: dict[str, Any] = field(default_factory=dict)  # latest imports and months, for the reports list
    synthetic: bool = False

    def sections(self) -> list[Section]:
        """Every section in reading order (depth first)."""
        found: list[Section] = []

        def walk(section: Section) -> None:
            found.append(section)
            for child in section.children:
                walk(child)

        for top in [self.summary, *self.chapters]:
            walk(top)
        return found

    def tables(self) -> list[TableBlock]:
        """Every table in reading order."""
        return [b for s in self.sections() for b in s.blocks if isinstance(b, TableBlock)]
