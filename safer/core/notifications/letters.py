"""Letters for post: the message as an A4 PDF with the address where a window envelope shows it (fpdf2)."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.formats import date_format

from safer.core.i18n import django_language
from safer.core.pdf import FONT, pdf_new


def letter_date(on: date, language: str = "en") -> str:
    """The date printed on a letter, in the letter's language: 4 December 2026, or 4 Rhagfyr 2026."""
    with translation.override(django_language(language)):
        return date_format(on, "j F Y")


def letter_pdf_render(*, address: str, subject: str, body: str, sender: str, on: date, language: str = "en") -> bytes:
    """An A4 letter: sender, the recipient's address block (DL window position), date, subject, paragraphs.

    `language` ("en" or "cy") is the language of the words; the date line is written in it."""
    pdf = pdf_new(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(left=25, top=20, right=20)
    pdf.add_page()
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 5, sender, align="R", new_x="LMARGIN", new_y="NEXT")
    # The address window of a DL envelope: about 50 mm from the top, 25 mm from the left.
    pdf.set_y(50)
    pdf.set_font(FONT, "", 11)
    for line in address.splitlines():
        if line.strip():
            pdf.cell(0, 5.5, line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y() + 10, 95))
    pdf.cell(0, 6, letter_date(on, language), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if subject:
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(0, 6, subject, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font(FONT, "", 11)
    for paragraph in body.split("\n\n"):
        pdf.multi_cell(0, 5.5, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
