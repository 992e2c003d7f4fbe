"""The report as a Word document (python-docx): real headings, tables with a header row, charts as pictures."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from safer.intelligence.sia.model import Bullets, Chart, Missing, Paragraph, Report, Section, TableBlock


def _table(document: object, block: TableBlock) -> None:
    document.add_paragraph(block.title, style="Caption")  # type: ignore[attr-defined]
    table = document.add_table(rows=1, cols=len(block.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = value
            if block.numeric[index]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    for note in block.notes + ([f"How this was computed: appendix entry {block.source}."] if block.source else []):
        document.add_paragraph(note).runs[0].italic = True  # type: ignore[attr-defined]


def _section(document: object, section: Section, depth: int) -> None:
    document.add_heading(section.title, level=min(depth, 9))  # type: ignore[attr-defined]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)  # type: ignore[attr-defined]
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")  # type: ignore[attr-defined]
        elif isinstance(block, Missing):
            document.add_paragraph(f"Not available. {block.text}")  # type: ignore[attr-defined]
        elif isinstance(block, TableBlock):
            _table(document, block)
        elif isinstance(block, Chart):
            document.add_picture(io.BytesIO(block.png), width=Cm(16))  # type: ignore[attr-defined]
            document.add_paragraph(block.alt, style="Caption")  # type: ignore[attr-defined]
    for child in section.children:
        _section(document, child, depth + 1)


def report_docx(report: Report) -> bytes:
    """The report as .docx bytes."""
    document = Document()
    document.core_properties.title = report.title
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"Compared with {report.compare}. Produced {report.created_at:%d %B %Y %H:%M} UTC.")
    if report.synthetic:
        document.add_paragraph("SYNTHETIC: this report counts synthetic records made up for demos and tests.").runs[
            0
        ].bold = True
    for section in [report.summary, *report.chapters]:
        _section(document, section, 1)
    document.add_heading("Appendix: how each figure was computed", level=1)
    for e in report.appendix:
        document.add_heading(f"{e.number}. {e.title}", level=2)
        for label, value in (
            ("Table", e.table),
            ("Area", e.area),
            ("Period", f"{e.period}, compared with {e.compare}"),
            ("Filters", e.filters),
            ("Source", e.source),
            ("Definition", e.definition),
            ("Months with data", e.months_with_data),
            ("Latest month in the data", e.latest_month),
            ("Latest import", e.latest_import),
        ):
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    document.add_paragraph("Contains public sector information licensed under the Open Government Licence v3.0.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
