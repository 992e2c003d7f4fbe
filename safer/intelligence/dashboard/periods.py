"""Dashboard periods: calendar years, financial years, rolling 12 months and month ranges (no Django)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PERIOD_HELP = (
    'Use a calendar year ("2021"), a financial year ("FY2021/22" or "2021/22"), "rolling-12" '
    '(the 12 months to the latest month with data) or a month range ("2021-03..2022-03").'
)


class PeriodInvalidError(ValueError):
    """The period text could not be read."""


@dataclass(frozen=True)
class Period:
    """A run of whole months, first and last month inclusive (each the first day of its month)."""

    start: date
    end: date
    label: str
    text: str  # the canonical text that parses back to this period

    @property
    def months(self) -> int:
        """How many months the period covers."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def month_list(self) -> list[date]:
        """Every month of the period, in order."""
        return [month_add(self.start, i) for i in range(self.months)]


def month_add(month: date, count: int) -> date:
    """The first day of the month `count` months after `month` (negative goes back)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_label(month: date) -> str:
    """'Mar 2021'."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def _month(text: str, whole: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PeriodInvalidError(f'"{whole}" is not a period: "{text}" is not a month like 2021-03. {PERIOD_HELP}')
    return date(int(match.group(1)), int(match.group(2)), 1)


def _check_year(year: int, whole: str) -> None:
    if not 1990 <= year <= 2100:
        raise PeriodInvalidError(f'"{whole}" is not a period: year {year} is out of range. {PERIOD_HELP}')


def period_range(start: date, end: date) -> Period:
    """A month range period (canonical text 'YYYY-MM..YYYY-MM')."""
    text = f"{start:%Y-%m}..{end:%Y-%m}"
    label = month_label(start) if start == end else f"{month_label(start)} to {month_label(end)}"
    return Period(start, end, label, text)


def period_parse(text: str, *, latest_month: date | None = None) -> Period:
    """Read a period; `latest_month` (the latest month with data) is needed for "rolling-12"."""
    raw = (text or "").strip()
    lowered = raw.lower().replace(" ", "")
    if not lowered:
        raise PeriodInvalidError(f"No period given. {PERIOD_HELP}")
    if re.fullmatch(r"\d{4}", lowered):
        year = int(lowered)
        _check_year(year, raw)
        return Period(date(year, 1, 1), date(year, 12, 1), str(year), str(year))
    match = re.fullmatch(r"(?:fy)?(\d{4})/(\d{2}|\d{4})", lowered)
    if match:
        year = int(match.group(1))
        _check_year(year, raw)
        second = int(match.group(2))
        if second % 100 != (year + 1) % 100 or (second >= 100 and second != year + 1):
            raise PeriodInvalidError(
                f'"{raw}" is not a financial year: the second year must follow the first, '
                f"e.g. FY{year}/{(year + 1) % 100:02d}."
            )
        label = f"FY{year}/{(year + 1) % 100:02d}"
        return Period(date(year, 4, 1), date(year + 1, 3, 1), label, label)
    match = re.fullmatch(r"rolling-?(\d{1,3})", lowered)
    if match:
        count = int(match.group(1))
        if not 1 <= count <= 120:
            raise PeriodInvalidError(f'"{raw}": a rolling period must be 1 to 120 months. {PERIOD_HELP}')
        if latest_month is None:
            raise PeriodInvalidError(f'"{raw}" needs data: the warehouse holds no months yet. Import data first.')
        end = date(latest_month.year, latest_month.month, 1)
        start = month_add(end, -(count - 1))
        return Period(start, end, f"{count} months to {month_label(end)}", f"{start:%Y-%m}..{end:%Y-%m}")
    if ".." in lowered:
        first, _, last = lowered.partition("..")
        start, end = _month(first, raw), _month(last, raw)
        _check_year(start.year, raw)
        _check_year(end.year, raw)
        if end < start:
            raise PeriodInvalidError(
                f'"{raw}" ends before it starts. Put the earlier month first, e.g. 2021-03..2022-03.'
            )
        return period_range(start, end)
    if re.fullmatch(r"\d{4}-\d{1,2}", lowered):
        month = _month(lowered, raw)
        _check_year(month.year, raw)
        return period_range(month, month)
    raise PeriodInvalidError(f'"{raw}" is not a period. {PERIOD_HELP}')


COMPARE_YEAR_EARLIER = "year-earlier"
COMPARE_PREVIOUS = "previous"


def period_previous(period: Period) -> Period:
    """The months just before the period, as many as it has (Jan-Mar 2022 -> Oct-Dec 2021)."""
    if period.months == 12:
        return period_year_earlier(period)  # the same months, named as the year before ("2021", "FY2020/21")
    end = month_add(period.start, -1)
    return period_range(month_add(end, -(period.months - 1)), end)


def period_compare_parse(text: str, *, period: Period, latest_month: date | None = None) -> Period:
    """The comparison period: "" or "year-earlier" (the same months a year earlier, the default), "previous"
    (the months just before, as many) or any period `period_parse` reads."""
    raw = (text or "").strip()
    lowered = raw.lower()
    if lowered in ("", COMPARE_YEAR_EARLIER):
        return period_year_earlier(period)
    if lowered == COMPARE_PREVIOUS:
        return period_previous(period)
    return period_parse(raw, latest_month=latest_month)


def period_year_earlier(period: Period) -> Period:
    """The default comparison: the same months a year earlier."""
    start, end = month_add(period.start, -12), month_add(period.end, -12)
    if re.fullmatch(r"\d{4}", period.text):
        return Period(start, end, str(start.year), str(start.year))
    if period.text.startswith("FY"):
        label = f"FY{start.year}/{(start.year + 1) % 100:02d}"
        return Period(start, end, label, label)
    shifted = period_range(start, end)
    if period.label.startswith(f"{period.months} months to "):
        return Period(start, end, f"{period.months} months to {month_label(end)}", shifted.text)
    return shifted
