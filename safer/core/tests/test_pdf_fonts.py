"""PDFs are set in the shipped DejaVu Sans, so Welsh letters (ŵ, ŷ) and typographic punctuation print as written."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from safer.core.notifications.letters import letter_pdf_render

WELSH = "Annwyl breswylydd, mae’r ŵyl yn y dŷ “newydd” – diolch."


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_welsh_letter_keeps_every_letter() -> None:
    pdf = letter_pdf_render(
        address="Gwyneth Ŵyn (ffuglen)\n1 Heol y Dŵr\nCaerdydd\nCF10 1AA",
        subject="Adolygiad achos ymddygiad gwrthgymdeithasol",
        body=WELSH,
        sender="Cyngor (prawf)",
        on=date(2026, 3, 5),
    )
    text = _text(pdf)
    assert "ŵyl" in text and "dŷ" in text and "Ŵyn" in text and "Dŵr" in text
    assert "“newydd”" in text and "mae’r" in text
    assert "?" not in text


def test_the_font_is_embedded_not_a_core_font() -> None:
    pdf = letter_pdf_render(address="A\nB\nOX1 1AA", subject="S", body="B", sender="S", on=date(2026, 1, 1))
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts) and not any("Helvetica" in name for name in fonts)
