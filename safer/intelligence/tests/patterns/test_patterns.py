"""Time patterns: week-by-hour counts, month-of-year seasonality with gaps, the night-time-economy window."""

import numpy as np
import pytest

from safer.intelligence.patterns.errors import PatternTimesMissingError, PatternWindowInvalidError
from safer.intelligence.patterns.nte import NTE_PRESET, NightWindow, pattern_in_window
from safer.intelligence.patterns.seasonality import pattern_month_of_year
from safer.intelligence.patterns.week_hour import pattern_week_hour


class TestPatternWeekHour:
    def test_no_times_is_an_error(self):
        with pytest.raises(PatternTimesMissingError, match="offence-level extract"):
            pattern_week_hour(times=np.array(["NaT"], dtype="datetime64[m]"))

    def test_days_and_hours(self):
        # 2026-12-04 is a Friday; 2026-12-07 a Monday.
        times = np.array(
            ["2026-12-04T23:30", "2026-12-04T23:59", "2026-12-07T00:05", "2026-12-06T13:00"], dtype="datetime64[m]"
        )
        table = pattern_week_hour(times=times)
        assert table.shape == (7, 24)
        assert table[4, 23] == 2 and table[0, 0] == 1 and table[6, 13] == 1
        assert table.sum() == 4


class TestPatternMonthOfYear:
    def test_empty_is_an_error(self):
        with pytest.raises(PatternTimesMissingError):
            pattern_month_of_year(months=np.array([], dtype="datetime64[M]"), counts=[])

    def test_gaps_are_averaged_over_observed_months(self):
        months = np.array(["2021-03", "2021-04", "2022-03", "2022-11"], dtype="datetime64[M]")
        result = pattern_month_of_year(months=months, counts=[100, 80, 120, 90])
        assert result.total[2] == 220 and result.months_observed[2] == 2 and result.mean[2] == 110
        assert result.mean[3] == 80 and result.mean[10] == 90
        assert np.isnan(result.mean[0]) and result.months_observed[0] == 0
        assert result.index[2] == pytest.approx(110 / np.mean([110, 80, 90]))


class TestPatternInWindow:
    def test_invalid_hours_are_an_error(self):
        with pytest.raises(PatternWindowInvalidError, match="0 to 23"):
            pattern_in_window(times=[], window=NightWindow(nights=(4,), start_hour=25, end_hour=3, label="x"))

    def test_friday_saturday_nights_preset(self):
        times = np.array(
            [
                "2026-12-04T19:00",  # Friday 19:00: in
                "2026-12-04T18:59",  # Friday before the window: out
                "2026-12-05T02:59",  # small hours of Saturday belong to Friday night: in
                "2026-12-05T03:00",  # window ends: out
                "2026-12-05T22:00",  # Saturday night: in
                "2026-12-06T01:00",  # Sunday small hours = Saturday night: in
                "2026-12-06T22:00",  # Sunday night: out
                "2026-12-04T01:00",  # Friday 01:00 is Thursday night: out
                "NaT",
            ],
            dtype="datetime64[m]",
        )
        assert pattern_in_window(times=times, window=NTE_PRESET).tolist() == [
            True,
            False,
            True,
            False,
            True,
            True,
            False,
            False,
            False,
        ]

    def test_same_day_window(self):
        window = NightWindow(nights=(0,), start_hour=15, end_hour=18, label="Monday after school")
        times = np.array(
            ["2026-12-07T15:00", "2026-12-07T17:59", "2026-12-07T18:00", "2026-12-08T16:00"], dtype="datetime64[m]"
        )
        assert pattern_in_window(times=times, window=window).tolist() == [True, True, False, False]
