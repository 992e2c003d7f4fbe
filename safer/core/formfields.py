"""GOV.UK date input for web forms: Day, Month and Year boxes (and a Time box for date-times) in one field.

Browsers' own date pickers are hard to use with assistive technology and for dates far from today (a date of
birth), so the GOV.UK Design System asks for three text boxes instead. `DateInputField` and
`DateTimeInputField` clean those boxes into a `date` or an aware `datetime`, with GOV.UK's error messages, and
say which boxes were wrong so the page highlights only those and the error summary links to the first.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

DAY, MONTH, YEAR, TIME = 0, 1, 2, 3
PART_NAMES = ("day", "month", "year", "time")
DATE_HINT = "For example, 27 3 2026"
TIME_HINT = "For example, 14:30"

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.,h](\d{2}))?(am|pm)?$")
_COMPACT = re.compile(r"^(\d{1,2})(\d{2})$")


class DateInputWidget(forms.MultiWidget):
    """Day, Month and Year text boxes named `<name>_0`, `<name>_1`, `<name>_2` (rendered by `govuk_field`)."""

    has_time = False

    def __init__(self, attrs: dict[str, Any] | None = None, autocomplete: str = "") -> None:
        count = 4 if self.has_time else 3
        super().__init__([forms.TextInput() for _ in range(count)], attrs)
        # "bday" gives the browser's bday-day / bday-month / bday-year autofill for dates of birth.
        self.autocomplete = autocomplete

    def decompress(self, value: Any) -> list[str]:
        """A date, a date-time or an ISO string as the strings shown in the boxes."""
        if isinstance(value, str):
            value = _parse_iso(value, with_time=self.has_time)
        parts = ["", "", ""] + ([""] if self.has_time else [])
        if isinstance(value, datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            if self.has_time:
                parts[TIME] = f"{value:%H:%M}"
            value = value.date()
        if isinstance(value, date):
            parts[DAY], parts[MONTH], parts[YEAR] = str(value.day), str(value.month), str(value.year)
        return parts

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        """The boxes as typed; a single ISO value under the plain name (an old link or bookmark) is split up."""
        parts = super().value_from_datadict(data, files, name)
        if all(part is None for part in parts) and data.get(name):
            return self.decompress(data.get(name))
        return [part or "" for part in parts]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and name not in data


class DateTimeInputWidget(DateInputWidget):
    """Day, Month and Year boxes plus a Time box (`<name>_3`): GOV.UK has no time component."""

    has_time = True


class DateInputField(forms.Field):
    """A date typed into Day, Month and Year boxes, checked with GOV.UK's date input error messages.

    `subject` names the date in messages, lower case, as in "date of birth": "Date of birth must include a month".
    A translated form passes its own wording as `error_messages` for "incomplete", "year_digits" and "invalid".
    """

    widget = DateInputWidget

    def __init__(self, *, subject: str = "date", autocomplete: str = "", **kwargs: Any) -> None:
        self.subject = subject
        kwargs.setdefault("widget", self.widget(autocomplete=autocomplete))
        super().__init__(**kwargs)
        if self.error_messages["required"] == forms.Field.default_error_messages["required"]:
            self.error_messages["required"] = f"Enter the {subject}"

    def to_python(self, value: Any) -> Any:
        parts = _as_parts(value, 3)
        if not any(parts):
            return None
        return self._date(parts[:3])

    def _date(self, parts: list[str]) -> date:
        day, month, year = parts
        missing = [index for index, part in enumerate(parts) if not part]
        if missing:
            wanted = _join([PART_NAMES[index] for index in missing])
            message = self._message("incomplete", f"{_upper_first(self.subject)} must include a {wanted}")
            raise _error(message, "incomplete", missing)
        numbers = (_number(day, 1, 31), _month(month), _number(year, 1000, 9999))
        wrong = [index for index, number in enumerate(numbers) if number is None]
        if wrong == [YEAR] and not (year.isdigit() and len(year) == 4):
            raise _error(self._message("year_digits", "Year must include 4 numbers"), "year_digits", wrong)
        day_number, month_number, year_number = numbers
        invalid = self._message("invalid", f"{_upper_first(self.subject)} must be a real date")
        if day_number is None or month_number is None or year_number is None:
            raise _error(invalid, "invalid", wrong)
        try:
            return date(year_number, month_number, day_number)
        except ValueError:
            # 31 April or 29 February in a year that is not a leap year: the parts only fail together.
            raise _error(invalid, "invalid", [DAY, MONTH, YEAR]) from None

    def _message(self, code: str, default: str) -> str:
        """The form's own message for `code` when it gave one (a translated page), else the English default."""
        given = self.error_messages.get(code)
        return str(given) if given else default


class DateTimeInputField(DateInputField):
    """A date in Day, Month and Year boxes and a time in a Time box, cleaned to an aware datetime (UK time).

    `time_subject` names the time in messages, as in "time of the incident".
    """

    widget = DateTimeInputWidget

    def __init__(self, *, subject: str = "date", time_subject: str = "time", **kwargs: Any) -> None:
        self.time_subject = time_subject
        super().__init__(subject=subject, **kwargs)

    def to_python(self, value: Any) -> Any:
        parts = _as_parts(value, 4)
        if not any(parts):
            return None
        # The date and the time are checked separately and their problems reported together, not one per submit.
        problems: list[ValidationError] = []
        day: date | None = None
        if not any(parts[:3]):
            problems.append(_error(f"Enter the {self.subject}", "required_date", [DAY, MONTH, YEAR]))
        else:
            try:
                day = self._date(parts[:3])
            except ValidationError as problem:
                problems.append(problem)
        clock = _time(parts[TIME]) if parts[TIME] else None
        if not parts[TIME]:
            problems.append(_error(f"Enter the {self.time_subject}", "required_time", [TIME]))
        elif clock is None:
            message = f"{_upper_first(self.time_subject)} must be a real time, for example 14:30"
            problems.append(_error(message, "invalid_time", [TIME]))
        if problems or day is None or clock is None:
            raise ValidationError(problems)
        try:
            return from_current_timezone(datetime.combine(day, clock))
        except ValidationError:
            message = (
                f"{_upper_first(self.time_subject)} is not clear because the clocks changed that night:"
                " enter a time before 1am or from 2am"
            )
            raise _error(message, "clock_change", [TIME]) from None


class CharacterCountField(forms.CharField):
    """Free text with a limit, drawn as a GOV.UK character count: too long is an error, never silently cut off.

    The browser's own `maxlength` is left out on purpose: it drops whatever is pasted past the limit without a word.
    """

    def __init__(self, *, max_length: int, subject: str, rows: int = 5, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(max_length=max_length, **kwargs)
        self.error_messages["max_length"] = f"{_upper_first(subject)} must be {max_length:,} characters or fewer"

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


def error_parts(field: forms.BoundField) -> list[int]:
    """Which boxes of a date field to mark as wrong: those its errors name, or all of them."""
    widget = field.field.widget
    count = 4 if isinstance(widget, DateTimeInputWidget) else 3
    if not field.errors:
        return []
    parts: set[int] = set()
    for error in field.form.errors.as_data().get(field.name, []):
        named = error.params.get("parts") if isinstance(error.params, dict) else None
        if not named:
            return list(range(count))
        parts.update(named)
    return sorted(parts)


def _error(message: str, code: str, parts: list[int]) -> ValidationError:
    return ValidationError(message, code=code, params={"parts": tuple(parts)})


def _as_parts(value: Any, count: int) -> list[str]:
    if not isinstance(value, list | tuple):
        value = []
    parts = [str(part).strip() if part is not None else "" for part in value][:count]
    return parts + [""] * (count - len(parts))


def _number(text: str, low: int, high: int) -> int | None:
    return int(text) if text.isdigit() and low <= int(text) <= high else None


def _month(text: str) -> int | None:
    # GOV.UK: accept month names and abbreviations as well as numbers.
    return _number(text, 1, 12) if text.isdigit() else _MONTHS.get(text.lower().rstrip("."))


def _time(text: str) -> time | None:
    """14:30, 14.30, 1430, 9:05, 2pm, 2:30pm, midday, midnight -> a time; anything else None."""
    text = re.sub(r"\s+", "", text.lower()).replace("a.m.", "am").replace("p.m.", "pm")
    if text in {"midday", "noon", "12noon"}:
        return time(12, 0)
    if text == "midnight":
        return time(0, 0)
    compact = _COMPACT.match(text)
    match = _CLOCK.match(text) if compact is None else None
    if compact is not None:
        hour, minute, half = int(compact[1]), int(compact[2]), None
    elif match is not None:
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    else:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _parse_iso(text: str, *, with_time: bool) -> date | datetime | None:
    try:
        return (parse_datetime(text) if with_time else None) or parse_date(text[:10])
    except ValueError:
        return None


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
