"""The Welsh catalogue of the public pages: every message translated, and the shipped .mo matches the .po."""

from __future__ import annotations

import gettext
from pathlib import Path

from safer.testing.locale import po_entries

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "cy" / "LC_MESSAGES"


def _entries() -> list[tuple[str, list[str]]]:
    return po_entries(LOCALE / "django.po")


def test_every_message_is_translated() -> None:
    entries = _entries()
    assert len(entries) > 200
    untranslated = [msgid for msgid, strs in entries if not all(s.strip() for s in strs)]
    assert untranslated == []
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text(encoding="utf-8")


def test_compiled_catalogue_matches() -> None:
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, strs in _entries():
        if len(strs) == 1:
            assert catalogue.gettext(msgid) == strs[0], msgid
    assert catalogue.gettext("Start now") == "Dechrau nawr"
