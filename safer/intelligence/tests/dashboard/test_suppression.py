"""Small-number suppression: primary cells, secondary cells, and that no hidden cell can be worked out."""

from __future__ import annotations

import numpy as np
import pytest

from safer.intelligence.dashboard.suppression import SECONDARY, rows_suppress


def _recoverable(rows, hidden, count_keys, total_keys):
    """Hidden cells whose value follows from the published sums, by linear algebra (independent of the product).

    The reader knows every shown cell, each column's total and each row's total column. Those sums are linear
    equations in the hidden cells; a hidden cell is determined exactly when its unit vector lies in the row
    space of the equations (adding it does not raise the rank).
    """
    cells = sorted(hidden)
    index = {cell: j for j, cell in enumerate(cells)}
    equations = []
    for key in [*count_keys, *total_keys]:
        equations.append([0.0] * len(cells))
        for i in range(len(rows)):
            if (i, key) in index:
                equations[-1][index[(i, key)]] = 1.0
    for i in range(len(rows)):
        for total in total_keys:
            equation = [0.0] * len(cells)
            for key in count_keys:
                if (i, key) in index:
                    equation[index[(i, key)]] = 1.0
            if (i, total) in index:
                equation[index[(i, total)]] = -1.0
            equations.append(equation)
    matrix = np.array(equations)
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for cell, j in index.items():
        unit = np.zeros(len(cells))
        unit[j] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(cell)
    return found


class TestRowsSuppress:
    def test_threshold_zero_changes_nothing(self):
        rows = [{"n": 1}, {"n": 2}]
        assert rows_suppress(rows, count_keys=["n"], threshold=0).rows == rows

    def test_primary_cells_show_below_threshold(self):
        rows = [{"sex": "female", "n": 3}, {"sex": "male", "n": 12}, {"sex": "unknown", "n": 0}, {"sex": "x", "n": 9}]
        result = rows_suppress(rows, count_keys=["n"])
        assert result.rows[0]["n"] == "<5"
        assert result.rows[2]["n"] == 0  # zero is not a small number: nobody is counted
        assert (0, "n") in result.primary
        # One hidden cell in the column would be the column total minus the others: the smallest other
        # non-zero cell (9) is hidden too.
        assert result.rows[3]["n"] == SECONDARY and result.rows[1]["n"] == 12
        assert result.note and "<5" in result.note

    def test_threshold_setting(self):
        rows = [{"n": 7}, {"n": 12}, {"n": 40}]
        result = rows_suppress(rows, count_keys=["n"], threshold=10)
        assert result.rows[0]["n"] == "<10"

    def test_row_totals_and_columns_cannot_give_a_cell_away(self):
        rows = [
            {"band": "0-15", "g1": 2, "g2": 14, "total": 16, "share": 10.0},
            {"band": "16-17", "g1": 11, "g2": 6, "total": 17, "share": 11.0},
            {"band": "18-24", "g1": 25, "g2": 31, "total": 56, "share": 36.0},
            {"band": "25-49", "g1": 30, "g2": 37, "total": 67, "share": 43.0},
        ]
        result = rows_suppress(rows, count_keys=["g1", "g2"], total_keys=["total"], derived_keys=["share"])
        hidden = result.primary | result.secondary
        assert (0, "g1") in result.primary
        assert result.secondary, "a lone small cell needs partners in its row and column"
        assert _recoverable(rows, hidden, ["g1", "g2"], ["total"]) == []
        assert result.rows[0]["share"] == SECONDARY
        # Every line with a hidden cell has at least two.
        for key in ("g1", "g2", "total"):
            assert sum((i, key) in hidden for i in range(len(rows))) in (0, 2, 3, 4)

    @pytest.mark.parametrize("seed", range(6))
    def test_random_tables_never_recoverable(self, seed):
        import random

        rng = random.Random(seed)
        rows = []
        for _ in range(3):
            a, b = rng.choice([0, 1, 2, 3, 4, 6, 9]), rng.choice([0, 1, 3, 5, 8, 12])
            rows.append({"a": a, "b": b, "total": a + b})
        result = rows_suppress(rows, count_keys=["a", "b"], total_keys=["total"])
        hidden = result.primary | result.secondary
        small = {(i, k) for i, r in enumerate(rows) for k in ("a", "b", "total") if 0 < r[k] < 5}
        assert small <= result.primary
        assert _recoverable(rows, hidden, ["a", "b"], ["total"]) == []
