"""Logging filter that keeps request bodies and query strings (which may hold personal data) out of logs."""

from __future__ import annotations

import logging


class PersonalDataFilter(logging.Filter):
    """Strips the request object and query strings from log records before they are written."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            request = record.request
            path = getattr(request, "path", "")
            record.request = None  # type: ignore[attr-defined]
            record.msg = f"{record.levelname} on {path}"
            record.args = ()
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = record.msg.split("?", 1)[0]
        if isinstance(record.args, tuple) and any(isinstance(a, str) and "?" in a for a in record.args):
            # The development server logs the request line as an argument: "GET /path?token=... HTTP/1.1".
            record.args = tuple(_without_query(a) if isinstance(a, str) else a for a in record.args)
        return True


def _without_query(text: str) -> str:
    """A request line or URL without its query string (which may carry a token or personal data)."""
    head, sep, rest = text.partition("?")
    if not sep:
        return text
    tail = rest.split(" ", 1)
    return head + (" " + tail[1] if len(tail) > 1 else "")
