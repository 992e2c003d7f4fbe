"""The Welsh catalogue of the public pages: every message translated, and the shipped .mo matches the .po."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "cy" / "LC_MESSAGES"


def _entries() -> list[tuple[str, list[str]]]:
    """(msgid, msgstrs) of every entry of the .po but the header."""
    entries, msgid, strs, current = [], None, [], None
    for line in (LOCALE / "django.po").read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            msgid, strs, current = ast.literal_eval(line[6:]), [], "id"
        elif line.startswith("msgid_plural "):
            current = "plural"
        elif line.startswith("msgstr"):
            strs.append(ast.literal_eval(line.split(" ", 1)[1]))
            current = "str"
        elif line.startswith('"') and current == "id":
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and current == "str":
            strs[-1] += ast.literal_eval(line)
        elif not line.strip() and msgid is not None:
            if msgid:
                entries.append((msgid, strs))
            msgid, current = None, None
    return entries


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
