"""Write a Document as accessible HTML, DOCX (python-docx) or PDF (fpdf2): real headings, table headers,
document title and language set, trend charts with text alternatives."""

from __future__ import annotations

import io
import logging

from django.template.loader import render_to_string

from safer.planning.documents.content import Document
from safer.planning.sparkline import sparkline_description, sparkline_svg

# fpdf2 subsets fonts with fontTools, which logs every step at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def document_html(document: Document) -> str:
    """A standalone HTML page of the document."""
    sparklines = [
        {"name": name, "svg": sparkline_svg(series), "description": sparkline_description(series)}
        for section in document.sections
        for name, series in section.sparklines
    ]
    return render_to_string("planning/document.html", {"document": document, "sparklines": sparklines})


def _png(series: list[tuple[str, float | None]]) -> bytes:
    import vl_convert

    return bytes(vl_convert.svg_to_png(sparkline_svg(series), scale=2))


def document_docx(document: Document) -> bytes:
    """The document as a Word file with heading styles and header rows."""
    from docx import Document as Docx
    from docx.shared import Inches, Pt

    out = Docx()
    out.core_properties.title = document.title
    out.core_properties.subject = document.subtitle
    out.core_properties.language = "en-GB"
    out.styles["Normal"].font.size = Pt(10)
    out.add_heading(document.title, level=0)
    out.add_paragraph(document.subtitle)
    out.add_paragraph(document.produced_text)
    for section in document.sections:
        out.add_heading(section.heading, level=min(section.level - 1, 3))
        for paragraph in section.paragraphs:
            out.add_paragraph(paragraph)
        for bullet in section.bullets:
            out.add_paragraph(bullet, style="List Bullet")
        for table in section.tables:
            out.add_paragraph(table.caption, style="Caption")
            grid = out.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            _repeat_header(grid.rows[0])
            for row in table.rows:
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        for name, series in section.sparklines:
            out.add_paragraph(f"Trend: {name}", style="Caption")
            picture = out.add_paragraph().add_run().add_picture(io.BytesIO(_png(series)), width=Inches(2.2))
            picture._inline.docPr.set("descr", sparkline_description(series))  # alt text
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _repeat_header(row: object) -> None:
    """Mark a table's first row as a header row that repeats on each page (screen readers read it as headers)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def document_pdf(document: Document) -> bytes:
    """The document as PDF: title and language set, headings as outline entries, tables with header rows."""
    from fpdf.fonts import FontFace

    from safer.core.pdf import FONT, pdf_new

    pdf = pdf_new(orientation="landscape", format="A4")
    pdf.set_title(document.title)
    pdf.set_subject(document.subtitle)
    pdf.set_lang("en-GB")
    pdf.set_creator("Safer Communities")
    family, clean = FONT, (lambda text: text)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(family, "B", 18)
    pdf.start_section(clean(document.title), level=0)
    pdf.multi_cell(0, 9, clean(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 6, clean(f"{document.subtitle}. {document.produced_text}"), new_x="LMARGIN", new_y="NEXT")
    for section in document.sections:
        pdf.ln(3)
        pdf.set_font(family, "B", 14 if section.level <= 2 else 12)
        pdf.start_section(clean(section.heading), level=1 if section.level <= 2 else 2)
        pdf.multi_cell(0, 7, clean(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 9)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 5, clean(paragraph), new_x="LMARGIN", new_y="NEXT")
        for bullet in section.bullets:
            pdf.multi_cell(
                0, 5, clean(f"\u2022 {bullet}" if family == "body" else f"- {bullet}"), new_x="LMARGIN", new_y="NEXT"
            )
        for table in section.tables:
            pdf.set_font(family, "B", 9)
            pdf.multi_cell(0, 5, clean(table.caption), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(family, "", 8)
            with pdf.table(headings_style=FontFace(emphasis="BOLD"), line_height=4.5, repeat_headings=1) as grid:
                heading = grid.row()
                for text in table.headers:
                    heading.cell(clean(text))
                for values in table.rows:
                    row = grid.row()
                    for text in values:
                        row.cell(clean(text))
        for name, series in section.sparklines:
            pdf.set_font(family, "", 8)
            pdf.multi_cell(
                0, 4, clean(f"Trend: {name}. {sparkline_description(series)}"), new_x="LMARGIN", new_y="NEXT"
            )
            pdf.image(io.BytesIO(_png(series)), w=55, alt_text=clean(sparkline_description(series)))
    return bytes(pdf.output())
