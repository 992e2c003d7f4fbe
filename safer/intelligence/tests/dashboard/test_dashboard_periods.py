"""Periods: parsing, labels and the default comparison."""

from __future__ import annotations

from datetime import date

import pytest

from safer.intelligence.dashboard.periods import (
    PeriodInvalidError,
    period_compare_parse,
    period_parse,
    period_year_earlier,
)


class TestPeriodParse:
    @pytest.mark.parametrize(
        "text,message",
        [
            ("", "No period given"),
            ("20x1", "is not a period"),
            ("2021-13..2022-01", '"2021-13" is not a month'),
            ("2022-03..2021-03", "ends before it starts"),
            ("FY2021/23", "second year must follow the first"),
            ("rolling-0", "1 to 120 months"),
            ("1850", "out of range"),
        ],
    )
    def test_bad_input_says_what_was_wrong(self, text, message):
        with pytest.raises(PeriodInvalidError, match=message):
            period_parse(text, latest_month=date(2022, 3, 1))

    def test_rolling_needs_data(self):
        with pytest.raises(PeriodInvalidError, match="holds no months yet"):
            period_parse("rolling-12", latest_month=None)

    def test_calendar_year(self):
        period = period_parse("2021")
        assert (period.start, period.end, period.months, period.label) == (
            date(2021, 1, 1),
            date(2021, 12, 1),
            12,
            "2021",
        )

    @pytest.mark.parametrize("text", ["FY2021/22", "2021/22", "fy2021/2022"])
    def test_financial_year_runs_april_to_march(self, text):
        period = period_parse(text)
        assert (period.start, period.end, period.label) == (date(2021, 4, 1), date(2022, 3, 1), "FY2021/22")

    def test_rolling_twelve_ends_at_latest_month(self):
        period = period_parse("rolling-12", latest_month=date(2022, 3, 1))
        assert (period.start, period.end, period.months) == (date(2021, 4, 1), date(2022, 3, 1), 12)
        assert period.label == "12 months to Mar 2022"

    def test_month_range_is_inclusive(self):
        period = period_parse("2021-03..2022-03")
        assert period.months == 13
        assert period.month_list()[0] == date(2021, 3, 1) and period.month_list()[-1] == date(2022, 3, 1)
        assert period_parse(period.text) == period


class TestPeriodYearEarlier:
    @pytest.mark.parametrize(
        "text,label,start",
        [
            ("2022", "2021", date(2021, 1, 1)),
            ("FY2021/22", "FY2020/21", date(2020, 4, 1)),
            ("2021-03..2022-03", "Mar 2020 to Mar 2021", date(2020, 3, 1)),
        ],
    )
    def test_same_period_a_year_earlier(self, text, label, start):
        earlier = period_year_earlier(period_parse(text))
        assert (earlier.label, earlier.start) == (label, start)
        assert earlier.months == period_parse(text).months

    def test_rolling(self):
        earlier = period_year_earlier(period_parse("rolling-12", latest_month=date(2022, 3, 1)))
        assert earlier.label == "12 months to Mar 2021" and earlier.start == date(2020, 4, 1)


class TestPeriodCompareParse:
    @pytest.mark.parametrize("text", ["", "year-earlier", " Year-Earlier "])
    def test_default_is_the_same_months_a_year_earlier(self, text):
        period = period_parse("2022-01..2022-03")
        compare = period_compare_parse(text, period=period)
        assert (compare.start, compare.end) == (date(2021, 1, 1), date(2021, 3, 1))

    @pytest.mark.parametrize(
        "text,start,end,label",
        [
            ("2022-01..2022-03", date(2021, 10, 1), date(2021, 12, 1), "Oct 2021 to Dec 2021"),
            ("2022-05", date(2022, 4, 1), date(2022, 4, 1), "Apr 2022"),
            ("2021-03..2022-03", date(2020, 2, 1), date(2021, 2, 1), "Feb 2020 to Feb 2021"),  # 13 months
            ("2022", date(2021, 1, 1), date(2021, 12, 1), "2021"),  # a year: the year before, named so
            ("FY2021/22", date(2020, 4, 1), date(2021, 3, 1), "FY2020/21"),
        ],
    )
    def test_previous_is_the_months_just_before_as_many(self, text, start, end, label):
        period = period_parse(text)
        compare = period_compare_parse("previous", period=period)
        assert (compare.start, compare.end, compare.label) == (start, end, label)
        assert compare.months == period.months

    def test_any_period_text_still_works_and_errors_say_what_to_do(self):
        period = period_parse("2022")
        assert period_compare_parse("2019", period=period).label == "2019"
        with pytest.raises(PeriodInvalidError, match="is not a period"):
            period_compare_parse("last time", period=period)
