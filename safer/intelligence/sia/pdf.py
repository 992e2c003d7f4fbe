"""The report as a PDF (fpdf2, core fonts as the letters use; headings in the PDF outline)."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from safer.core.pdf import latin1_text as _latin1
from safer.intelligence.sia.model import Bullets, Chart, Missing, Paragraph, Report, Section, TableBlock

_SIZES = {1: 16, 2: 13, 3: 11, 4: 10}


def _table(pdf: FPDF, block: TableBlock) -> None:
    pdf.set_font("Helvetica", "B", 9)
    pdf.multi_cell(0, 5, _latin1(block.title), new_x="LMARGIN", new_y="NEXT")
    size = 8 if len(block.header) <= 7 else 6.5
    pdf.set_font("Helvetica", "", size)
    first = 2.2 if len(block.header) > 2 else 1.0
    widths = [first, *(1.0 for _ in block.header[1:])]
    align = ["LEFT", *("RIGHT" if n else "LEFT" for n in block.numeric[1:])]
    with pdf.table(
        col_widths=widths,
        text_align=tuple(align),
        headings_style=FontFace(emphasis="BOLD", fill_color=(243, 242, 241)),
        line_height=size * 0.5,
        repeat_headings=1,
    ) as table:
        table.row([_latin1(h) for h in block.header])
        for row in block.rows:
            table.row([_latin1(v) for v in row])
    pdf.set_font("Helvetica", "I", 8)
    for note in block.notes + ([f"How this was computed: appendix entry {block.source}."] if block.source else []):
        pdf.multi_cell(0, 4, _latin1(note), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _section(pdf: FPDF, section: Section, depth: int) -> None:
    if depth == 1:
        pdf.add_page()
    pdf.start_section(_latin1(section.title), level=depth - 1)
    pdf.set_font("Helvetica", "B", _SIZES.get(depth, 10))
    pdf.multi_cell(0, 7, _latin1(section.title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, _latin1(block.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif isinstance(block, Bullets):
            pdf.set_font("Helvetica", "", 10)
            for item in block.items:
                pdf.multi_cell(0, 5, _latin1(f"- {item}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif isinstance(block, Missing):
            pdf.set_font("Helvetica", "I", 10)
            pdf.multi_cell(0, 5, _latin1(f"Not available. {block.text}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif isinstance(block, TableBlock):
            _table(pdf, block)
        elif isinstance(block, Chart):
            pdf.image(io.BytesIO(block.png), w=min(170, pdf.epw), alt_text=_latin1(block.alt))
            pdf.ln(2)
    for child in section.children:
        _section(pdf, child, depth + 1)


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes: title page, summary, chapters, appendix."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(report.title))
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(left=18, top=18, right=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, _latin1(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        _latin1(f"Compared with {report.compare}. Produced {report.created_at:%d %B %Y %H:%M} UTC."),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if report.synthetic:
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 6, "SYNTHETIC: this report counts synthetic records made up for demos and tests.")
    for section in [report.summary, *report.chapters]:
        _section(pdf, section, 1)
    appendix = Section("Appendix: how each figure was computed", "appendix")
    for e in report.appendix:
        appendix.blocks.append(
            Paragraph(
                f"{e.number}. {e.title} [{e.table}]. Area: {e.area}. Period: {e.period}, compared with {e.compare}. "
                f"Filters: {e.filters}. Source: {e.source}. Months with data: {e.months_with_data}; latest month "
                f"{e.latest_month}; latest import {e.latest_import}. {e.definition}"
            )
        )
    _section(pdf, appendix, 1)
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 4, "Contains public sector information licensed under the Open Government Licence v3.0.")
    return bytes(pdf.output())
