"""DHR deadlines: calendar months, moved past weekends and England and Wales bank holidays."""

from __future__ import annotations

from datetime import date

import pytest

from safer.safeguarding.deadlines import add_months_to_working_day, completion_due, decision_due


class TestAddMonthsToWorkingDay:
    def test_rejects_negative_months(self) -> None:
        with pytest.raises(ValueError, match="0 or more"):
            add_months_to_working_day(date(2026, 1, 1), -1)

    def test_plain_month(self) -> None:
        assert add_months_to_working_day(date(2026, 2, 10), 1) == date(2026, 3, 10)  # a Tuesday

    def test_clamps_to_month_end_then_skips_the_weekend(self) -> None:
        # 31 January + 1 month -> 28 February 2026 (a Saturday) -> Monday 2 March
        assert add_months_to_working_day(date(2026, 1, 31), 1) == date(2026, 3, 2)

    def test_skips_christmas_and_boxing_day_substitute(self) -> None:
        # 25 November 2026 + 1 month = Friday 25 December (Christmas), then Boxing Day's substitute Monday 28th
        assert add_months_to_working_day(date(2026, 11, 25), 1) == date(2026, 12, 29)

    def test_skips_easter_monday(self) -> None:
        # 6 March 2026 + 1 month = Monday 6 April 2026, Easter Monday (a bank holiday in England and Wales)
        assert add_months_to_working_day(date(2026, 3, 6), 1) == date(2026, 4, 7)


class TestStatutoryDefaults:
    def test_decision_one_month_and_completion_six_months(self) -> None:
        assert decision_due(date(2026, 3, 6)) == date(2026, 4, 7)
        assert completion_due(date(2026, 2, 27)) == date(2026, 8, 27)

    def test_configurable(self, settings: object) -> None:
        settings.SAFER_DHR_DEADLINES = {"completion_months": 12}  # type: ignore[attr-defined]
        assert completion_due(date(2026, 2, 27)) == date(2027, 3, 1)  # 27 Feb 2027 is a Saturday
        assert decision_due(date(2026, 2, 10)) == date(2026, 3, 10)
