"""deadlines.py: working days exclude weekends and England bank holidays (dates checked by hand)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from safer.casework.deadlines import LONDON, add_working_days, is_working_day, response_due


class TestAddWorkingDays:
    def test_naive_datetime_is_refused(self):
        with pytest.raises(ValueError, match="aware"):
            add_working_days(datetime(2026, 1, 5, 9, 0), 1)

    def test_negative_days_are_refused(self):
        with pytest.raises(ValueError, match="-1"):
            add_working_days(datetime(2026, 1, 5, 9, tzinfo=LONDON), -1)

    def test_skips_weekend(self):
        friday = datetime(2026, 3, 13, 15, 30, tzinfo=LONDON)
        assert add_working_days(friday, 1) == datetime(2026, 3, 16, 15, 30, tzinfo=LONDON)

    def test_skips_christmas_and_substitute_boxing_day_2026(self):
        # 25 Dec 2026 is a Friday; Boxing Day falls on Saturday so Monday 28 Dec is the substitute holiday.
        christmas_eve = datetime(2026, 12, 24, 10, 0, tzinfo=LONDON)
        assert add_working_days(christmas_eve, 3) == datetime(2026, 12, 31, 10, 0, tzinfo=LONDON)
        # ...and New Year's Day 2027 (Friday) is a holiday too.
        assert add_working_days(christmas_eve, 5) == datetime(2027, 1, 5, 10, 0, tzinfo=LONDON)

    def test_skips_good_friday_and_easter_monday_2026(self):
        assert not is_working_day(date(2026, 4, 3)) and not is_working_day(date(2026, 4, 6))
        assert add_working_days(datetime(2026, 4, 2, 9, tzinfo=LONDON), 3) == datetime(2026, 4, 9, 9, tzinfo=LONDON)

    def test_scottish_only_holiday_is_a_working_day_in_england(self):
        # 2 January is a bank holiday in Scotland only.
        assert is_working_day(date(2026, 1, 2))


class TestResponseDue:
    def test_unknown_level_is_refused(self):
        with pytest.raises(ValueError, match="'urgent'"):
            response_due(start=datetime(2026, 1, 5, 9, tzinfo=LONDON), level="urgent")

    def test_high_is_24_calendar_hours_even_over_a_weekend(self):
        saturday = datetime(2026, 3, 14, 12, tzinfo=LONDON)
        assert response_due(start=saturday, level="high") == saturday + timedelta(hours=24)

    def test_medium_three_and_standard_five_working_days(self):
        monday = datetime(2026, 5, 18, 9, tzinfo=LONDON)
        assert response_due(start=monday, level="medium") == datetime(2026, 5, 21, 9, tzinfo=LONDON)
        # Five working days from Monday 18 May 2026 pass the late May bank holiday (Monday 25 May).
        assert response_due(start=monday, level="standard") == datetime(2026, 5, 26, 9, tzinfo=LONDON)
