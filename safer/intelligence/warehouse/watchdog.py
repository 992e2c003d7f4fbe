"""The time limit of warehouse queries: one watchdog thread per process interrupts a query that runs too long.

    token = watchdog.watch(seconds, con.interrupt)   # before the query
    try:
        con.execute(...)                             # raises duckdb.InterruptException when interrupted
    finally:
        watchdog.release(token)                      # after it, whatever happened

A dashboard request runs ten to twenty small queries; starting a `threading.Timer` (a new thread) for each cost
more than some of the queries. Here a query only registers its deadline; the one thread sleeps until the nearest
deadline (or until a query registers while it has nothing to watch) and calls the interrupt of every query past
its deadline. The interrupt is called while the lock is held and `release` takes the lock, so a query that has
been released is never interrupted afterwards.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Callable

# How late an interrupt may come at most (the thread also wakes this often while queries are watched, so a
# deadline is never missed by more than this).
GRANULARITY_SECONDS = 0.25


class Watchdog:
    """Deadlines of running queries, and the thread that enforces them."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._deadlines: dict[int, tuple[float, Callable[[], None]]] = {}
        self._tokens = itertools.count(1)
        self._thread: threading.Thread | None = None

    def watch(self, seconds: float, interrupt: Callable[[], None]) -> int:
        """Call `interrupt` if the query is still registered `seconds` from now; returns the token to release."""
        token = next(self._tokens)
        with self._lock:
            was_idle = not self._deadlines
            self._deadlines[token] = (time.monotonic() + seconds, interrupt)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="warehouse-query-watchdog", daemon=True)
                self._thread.start()
        if was_idle:
            self._wake.set()
        return token

    def release(self, token: int) -> None:
        """The query has ended: it will not be interrupted."""
        with self._lock:
            self._deadlines.pop(token, None)

    def _run(self) -> None:
        while True:
            with self._lock:
                now = time.monotonic()
                for token, (deadline, interrupt) in list(self._deadlines.items()):
                    if deadline <= now:
                        del self._deadlines[token]
                        interrupt()
                nearest = min((deadline for deadline, _ in self._deadlines.values()), default=None)
                if nearest is None:
                    self._wake.clear()
            if nearest is None:
                self._wake.wait()
            else:
                time.sleep(min(max(nearest - time.monotonic(), 0.0), GRANULARITY_SECONDS))


watchdog = Watchdog()

# A forked worker (gunicorn) inherits neither the thread nor a usable lock: it starts its own when needed.
os.register_at_fork(after_in_child=watchdog._reset)
