"""Errors raised by imports; each carries one line a user can act on."""

from __future__ import annotations


class ImportFileError(Exception):
    """A file cannot be imported as a whole (encoding, header, truncation, archive safety, unreadable).

    Nothing of the file is loaded: imports raise this before or inside their transaction, which rolls back.
    `str(error)` is the message to show: what was wrong, where (file name, line), what to do.
    """

    def __init__(self, message: str, *, source_name: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source_name = source_name
        self.line = line

    def __str__(self) -> str:
        return self.message
