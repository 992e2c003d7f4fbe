"""Small-number suppression for tables built from person-level data (pure: rows in, rows out; no Django).

Primary suppression hides every count from 1 to threshold - 1 (shown "<5" at the default threshold of 5).
Secondary suppression then hides further cells (shown "*") so that no hidden cell can be worked out by
subtraction: every column's total is treated as known (a reader can find it elsewhere, e.g. the
all-groups table), and each row's total is known when the row carries one (`total_keys`). A line (a row
with its total, or a column) with exactly one hidden cell would give that cell away, so the smallest
other non-zero cell of the line is hidden too, repeatedly, until no line has exactly one hidden cell.
Figures derived from a row's counts (shares, rates, differences) are hidden in any row with a hidden cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_THRESHOLD = 5
SECONDARY = "*"


@dataclass(frozen=True)
class Suppressed:
    """The rows with hidden cells replaced by text, and which cells were hidden (row index, key)."""

    rows: list[dict[str, Any]]
    primary: frozenset[tuple[int, str]]
    secondary: frozenset[tuple[int, str]]
    threshold: int = DEFAULT_THRESHOLD

    @property
    def note(self) -> str | None:
        """The sentence a report prints under a table with hidden cells, else None."""
        if not self.primary and not self.secondary:
            return None
        return (
            "Small numbers are hidden to protect the people counted: counts below the threshold are shown as "
            f'"<{self.threshold}", and "{SECONDARY}" marks further cells hidden so the small ones cannot be worked out '
            "from totals."
        )


def _lines(
    rows: Sequence[dict[str, Any]], count_keys: Sequence[str], total_keys: Sequence[str]
) -> list[list[tuple[int, str]]]:
    """Every group of cells whose sum a reader knows: each column (with the totals column), each row with a total."""
    keys = [*count_keys, *total_keys]
    lines = [[(i, key) for i in range(len(rows)) if rows[i].get(key) is not None] for key in keys]
    for i, row in enumerate(rows):
        for total in total_keys:
            if row.get(total) is not None:
                lines.append([(i, key) for key in (*count_keys, total) if row.get(key) is not None])
    return [line for line in lines if len(line) > 1]


def rows_suppress(
    rows: Sequence[dict[str, Any]],
    *,
    count_keys: Sequence[str],
    total_keys: Sequence[str] = (),
    derived_keys: Sequence[str] = (),
    threshold: int = DEFAULT_THRESHOLD,
) -> Suppressed:
    """Hide small counts (1 to threshold - 1) and enough other cells that none can be recovered from totals."""
    if threshold < 1:
        return Suppressed([dict(r) for r in rows], frozenset(), frozenset(), threshold)
    keys = [*count_keys, *total_keys]
    primary = {
        (i, key)
        for i, row in enumerate(rows)
        for key in keys
        if isinstance(row.get(key), int | float) and 0 < row[key] < threshold
    }
    hidden = set(primary)
    lines = _lines(rows, count_keys, total_keys)
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [cell for cell in line if cell in hidden]
            if len(inside) != 1:
                continue
            others = [cell for cell in line if cell not in hidden]
            if not others:
                continue
            # The smallest non-zero cell costs the least information; a zero only when nothing else is left.
            others.sort(key=lambda cell: (not rows[cell[0]][cell[1]], rows[cell[0]][cell[1]], cell))
            hidden.add(others[0])
            changed = True
    secondary = hidden - primary
    result = []
    for i, row in enumerate(rows):
        out = dict(row)
        touched = False
        for key in keys:
            if (i, key) in primary:
                out[key], touched = f"<{threshold}", True
            elif (i, key) in secondary:
                out[key], touched = SECONDARY, True
        if touched:
            for key in derived_keys:
                if out.get(key) is not None:
                    out[key] = SECONDARY
        result.append(out)
    return Suppressed(result, frozenset(primary), frozenset(secondary), threshold)
