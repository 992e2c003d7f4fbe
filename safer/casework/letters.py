"""Letter templates of the ladder and rendering them to DOCX (python-docx) and PDF (fpdf2)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document

from safer.core.pdf import FONT, pdf_new


@dataclass(frozen=True)
class LetterTemplate:
    """A letter: its title and paragraphs with {placeholders} filled from the case."""

    key: str
    title: str
    paragraphs: tuple[str, ...]


_CLOSE = "If you want to talk about this letter, contact {officer} at {organisation} quoting {reference}."

LETTER_TEMPLATES: dict[str, LetterTemplate] = {
    "warning": LetterTemplate(
        "warning",
        "Warning about anti-social behaviour",
        (
            "We have received reports of anti-social behaviour linked to you or your household ({reference}).",
            "The behaviour reported is: {behaviour}.",
            "This letter is a warning. If the behaviour continues, we may ask you to sign an acceptable behaviour "
            "agreement or take further action under the Anti-social Behaviour, Crime and Policing Act 2014.",
            _CLOSE,
        ),
    ),
    "abc": LetterTemplate(
        "abc",
        "Invitation to agree an acceptable behaviour agreement",
        (
            "Despite our earlier warning ({reference}), we have received further reports of anti-social behaviour.",
            "We invite you to a meeting to agree an acceptable behaviour agreement: a written promise about the "
            "behaviour that must stop. Signing it is voluntary, but a refusal may be used in later proceedings.",
            _CLOSE,
        ),
    ),
    "cpw": LetterTemplate(
        "cpw",
        "Community Protection Warning",
        (
            "This is a Community Protection Warning under section 43 of the Anti-social Behaviour, Crime and "
            "Policing Act 2014 ({reference}).",
            "Your conduct is having a detrimental effect, of a persistent or continuing nature, on the quality of "
            "life of those in the locality, and is unreasonable. The behaviour is: {behaviour}.",
            "If the conduct does not stop, a Community Protection Notice may be issued. Failure to comply with a "
            "notice is a criminal offence.",
            _CLOSE,
        ),
    ),
    "enforcement": LetterTemplate(
        "enforcement",
        "Notice of enforcement action",
        (
            "Despite the warnings and agreements in case {reference}, the anti-social behaviour has continued.",
            "We intend to apply to the court for a civil injunction, a Criminal Behaviour Order, a closure order or "
            "possession, as appropriate. You will receive the court papers separately.",
            _CLOSE,
        ),
    ),
}


@dataclass(frozen=True)
class LetterContent:
    """The filled-in letter."""

    title: str
    recipient_lines: tuple[str, ...]
    date_line: str
    paragraphs: tuple[str, ...]
    signature: str


def letter_fill(template: LetterTemplate, values: dict[str, str]) -> tuple[str, ...]:
    """The template's paragraphs with placeholders filled (missing values left as a visible gap)."""

    class _Gaps(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return "[" + key + "]"

    return tuple(paragraph.format_map(_Gaps(values)) for paragraph in template.paragraphs)


def letter_docx(content: LetterContent) -> bytes:
    """The letter as a Word document."""
    document = Document()
    for line in content.recipient_lines:
        document.add_paragraph(line)
    document.add_paragraph(content.date_line)
    document.add_heading(content.title, level=1)
    for paragraph in content.paragraphs:
        document.add_paragraph(paragraph)
    document.add_paragraph(content.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_document(title: str, blocks: list[tuple[str, str]]) -> bytes:
    """A simple A4 PDF: a title, then (kind, text) blocks where kind is 'h' (heading) or 'p' (paragraph)."""
    pdf = pdf_new(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, text in blocks:
        if kind == "h":
            pdf.set_font(FONT, "B", 12)
            pdf.ln(2)
        else:
            pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    return bytes(pdf.output())


def letter_pdf(content: LetterContent) -> bytes:
    """The letter as a PDF."""
    blocks = [("p", line) for line in content.recipient_lines]
    blocks.append(("p", content.date_line))
    blocks.extend(("p", paragraph) for paragraph in content.paragraphs)
    blocks.append(("p", content.signature))
    return pdf_document(content.title, blocks)
