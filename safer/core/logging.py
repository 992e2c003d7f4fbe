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
        return True
