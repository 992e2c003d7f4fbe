"""safer.core.ordering: short lists sorted in Python as an ORDER BY on PostgreSQL sorts them."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from safer.core.ordering import sorted_by


def _rows(*values: tuple[date | None, int]) -> list[SimpleNamespace]:
    return [SimpleNamespace(due_on=due_on, id=pk) for due_on, pk in values]


class TestSortedBy:
    def test_several_keys_ascending_and_descending(self):
        rows = _rows((date(2026, 1, 2), 1), (date(2026, 1, 1), 2), (date(2026, 1, 2), 3), (date(2026, 1, 1), 4))
        assert [r.id for r in sorted_by(rows, ("due_on", "id"))] == [2, 4, 1, 3]
        assert [r.id for r in sorted_by(rows, ("-due_on", "-id"))] == [3, 1, 4, 2]
        assert [r.id for r in sorted_by(rows, ("-due_on", "id"))] == [1, 3, 2, 4]

    def test_none_sorts_last_ascending_and_first_descending_as_postgresql_does(self):
        rows = _rows((None, 1), (date(2026, 1, 1), 2), (None, 3))
        assert [r.id for r in sorted_by(rows, ("due_on", "id"))] == [2, 1, 3]
        assert [r.id for r in sorted_by(rows, ("-due_on", "-id"))] == [3, 1, 2]

    @pytest.mark.parametrize("name", ["case__opened_at", "?", "-", ""])
    def test_only_field_names_of_the_rows(self, name):
        with pytest.raises(ValueError, match="Cannot sort in Python"):
            sorted_by(_rows((None, 1)), (name,))
