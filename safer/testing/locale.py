"""Reading a gettext .po catalogue in tests: every entry's msgid and msgstrs, to check all are translated."""

from __future__ import annotations

import ast
from pathlib import Path


def po_entries(po: Path) -> list[tuple[str, list[str]]]:
    """(msgid, msgstrs) of every entry of the .po but the header."""
    entries: list[tuple[str, list[str]]] = []
    msgid: str | None = None
    strs: list[str] = []
    current = None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            msgid, strs, current = ast.literal_eval(line[6:]), [], "id"
        elif line.startswith("msgid_plural "):
            current = "plural"
        elif line.startswith("msgstr"):
            strs.append(ast.literal_eval(line.split(" ", 1)[1]))
            current = "str"
        elif line.startswith('"') and current == "id" and msgid is not None:
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and current == "str":
            strs[-1] += ast.literal_eval(line)
        elif not line.strip() and msgid is not None:
            if msgid:
                entries.append((msgid, strs))
            msgid, current = None, None
    return entries
