"""PDF documents (fpdf2) in a font that has every letter of English and Welsh.

fpdf2's core fonts (Helvetica) are Latin-1 only: ŵ and ŷ, used in Welsh, would print as "?". `pdf_new` registers
DejaVu Sans, shipped in `safer/core/fonts/` (from the npm package dejavu-fonts-ttf, see scripts/vendor-assets.sh;
its licence is beside it), as the family FONT in regular and bold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

FONT = "body"
FONTS_DIR = Path(__file__).resolve().parent / "fonts"

_REPLACEMENTS = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}


def pdf_new(**options: Any) -> FPDF:
    """A new fpdf2 document (`options` as FPDF takes them) with DejaVu Sans registered as FONT ("" and "B")."""
    pdf = FPDF(**options)
    pdf.add_font(FONT, "", str(FONTS_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS_DIR / "DejaVuSans-Bold.ttf"))
    return pdf


def latin1_text(text: str) -> str:
    """For documents still set in fpdf2's core fonts (Latin-1): typographic quotes and dashes made plain, anything
    else outside Latin-1 replaced rather than failing."""
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")
