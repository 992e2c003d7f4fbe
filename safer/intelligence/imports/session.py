"""One writer connection reused across the files of a batch, released every few seconds for readers.

Opening the warehouse, ensuring the schema and closing it (a checkpoint) costs tens of milliseconds per file;
holding the writer for the whole batch would keep dashboards out for minutes. So a batch holds the writer for
up to `hold_seconds`, then closes it between two files (each file is its own transaction either way).
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from types import TracebackType

import duckdb

from safer.intelligence.warehouse import writer

HOLD_SECONDS = 5.0


class WriterSession:
    """`with WriterSession() as session:` then `con = session.connection()` per file, `session.pause_if_due()`."""

    def __init__(self, hold_seconds: float = HOLD_SECONDS) -> None:
        self.hold_seconds = hold_seconds
        self._manager: AbstractContextManager[duckdb.DuckDBPyConnection] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._since = 0.0

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._manager = writer()
            self._con = self._manager.__enter__()
            self._since = time.monotonic()
        return self._con

    def pause_if_due(self) -> None:
        """Close the connection if it has been held for hold_seconds (between two files)."""
        if self._con is not None and time.monotonic() - self._since >= self.hold_seconds:
            self.close()

    def close(
        self,
        exc_type: type[BaseException] | None = None,
        exc: BaseException | None = None,
        tb: TracebackType | None = None,
    ) -> None:
        manager, self._manager, self._con = self._manager, None, None
        if manager is not None:
            manager.__exit__(exc_type, exc, tb)

    def __enter__(self) -> WriterSession:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(exc_type, exc, tb)
