"""Progress reporting shared by the CLI (tqdm on stderr) and web jobs (ImportJob fields)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressEvent:
    """`done` of `total` steps (files, usually) finished; `message` says which, without personal data."""

    done: int
    total: int
    message: str = ""


Progress = Callable[[ProgressEvent], None]


def progress_emit(progress: Progress | None, done: int, total: int, message: str = "") -> None:
    """Call the callback if there is one."""
    if progress is not None:
        progress(ProgressEvent(done=done, total=total, message=message))


def tqdm_progress(desc: str, *, unit: str = "file") -> tuple[Progress, Callable[[], None]]:
    """A Progress callback drawing a tqdm bar on stderr, and the function that closes the bar."""
    from tqdm import tqdm

    bar = tqdm(total=0, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=True)

    def update(event: ProgressEvent) -> None:
        if bar.total != event.total:
            bar.total = event.total
        bar.n = event.done
        if event.message:
            bar.set_postfix_str(event.message[:60], refresh=False)
        bar.refresh()

    return update, bar.close
