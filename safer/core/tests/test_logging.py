"""The logging filter keeps query strings (tokens, personal data) out of log lines."""

from __future__ import annotations

import logging

from safer.core.logging import PersonalDataFilter


def _record(msg: str, args: tuple[object, ...]) -> logging.LogRecord:
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)


def test_a_request_line_argument_loses_its_query_string():
    record = _record('"%s" %s %s', ("GET /case-review/your-application/open/?token=SECRET HTTP/1.1", 302, 0))
    assert PersonalDataFilter().filter(record)
    line = record.getMessage()
    assert "SECRET" not in line and line == '"GET /case-review/your-application/open/ HTTP/1.1" 302 0'


def test_a_message_without_a_query_is_unchanged():
    record = _record('"%s" %s %s', ("GET /case-review/ HTTP/1.1", 200, 10))
    PersonalDataFilter().filter(record)
    assert record.getMessage() == '"GET /case-review/ HTTP/1.1" 200 10'
