"""GOV.UK date input fields: parsing the boxes, GOV.UK error messages, which boxes are marked, rendering."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template

from safer.core.formfields import DateInputField, DateInputWidget, DateTimeInputField, error_parts

LONDON = ZoneInfo("Europe/London")


class _DateForm(forms.Form):
    due_on = DateInputField(label="Due by", subject="due date", error_messages={"required": "Enter the due date"})
    born_on = DateInputField(label="Date of birth", subject="date of birth", autocomplete="bday", required=False)


class _DateTimeForm(forms.Form):
    occurred_at = DateTimeInputField(
        label="When did it happen?", subject="date of the incident", time_subject="time of the incident"
    )


def _date_form(day: str = "", month: str = "", year: str = "", **extra: str) -> _DateForm:
    return _DateForm({"due_on_0": day, "due_on_1": month, "due_on_2": year, **extra})


def _datetime_form(day: str = "", month: str = "", year: str = "", clock: str = "") -> _DateTimeForm:
    return _DateTimeForm({"occurred_at_0": day, "occurred_at_1": month, "occurred_at_2": year, "occurred_at_3": clock})


def _render(template: str, form: forms.Form) -> str:
    return Template("{% load govuk %}" + template).render(Context({"form": form}))


class TestDateInputField:
    def test_nothing_entered_uses_the_required_message_and_marks_every_box(self):
        form = _date_form()
        assert not form.is_valid()
        assert form.errors["due_on"] == ["Enter the due date"]
        assert error_parts(form["due_on"]) == [0, 1, 2]

    def test_default_required_message_names_the_subject(self):
        class Form(forms.Form):
            when = DateInputField(label="Date")

        assert Form({}).errors["when"] == ["Enter the date"]

    @pytest.mark.parametrize(
        "parts,message,marked",
        [
            (("3", "", "2026"), "Due date must include a month", [1]),
            (("", "3", "2026"), "Due date must include a day", [0]),
            (("3", "3", ""), "Due date must include a year", [2]),
            (("", "", "2026"), "Due date must include a day and month", [0, 1]),
            (("3", "", ""), "Due date must include a month and year", [1, 2]),
        ],
    )
    def test_missing_parts_are_named_and_only_they_are_marked(self, parts, message, marked):
        form = _date_form(*parts)
        assert form.errors["due_on"] == [message]
        assert error_parts(form["due_on"]) == marked

    @pytest.mark.parametrize(
        "parts,message,marked",
        [
            (("32", "3", "2026"), "Due date must be a real date", [0]),
            (("3", "13", "2026"), "Due date must be a real date", [1]),
            (("x", "3", "2026"), "Due date must be a real date", [0]),
            (("3", "Marchember", "2026"), "Due date must be a real date", [1]),
            (("3", "13", "20"), "Due date must be a real date", [1, 2]),
            (("31", "4", "2026"), "Due date must be a real date", [0, 1, 2]),
            (("29", "2", "2025"), "Due date must be a real date", [0, 1, 2]),
            (("3", "3", "26"), "Year must include 4 numbers", [2]),
            (("3", "3", "20266"), "Year must include 4 numbers", [2]),
        ],
    )
    def test_impossible_dates_are_refused(self, parts, message, marked):
        form = _date_form(*parts)
        assert form.errors["due_on"] == [message]
        assert error_parts(form["due_on"]) == marked

    @pytest.mark.parametrize(
        "parts,expected",
        [
            (("27", "3", "2026"), date(2026, 3, 27)),
            ((" 07 ", "03", "2026"), date(2026, 3, 7)),
            (("27", "Mar", "2026"), date(2026, 3, 27)),
            (("27", "march", "2026"), date(2026, 3, 27)),
            (("29", "2", "2028"), date(2028, 2, 29)),
        ],
    )
    def test_real_dates_are_cleaned_to_a_date(self, parts, expected):
        form = _date_form(*parts)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["due_on"] == expected

    def test_optional_date_left_empty_is_none_but_partly_filled_is_an_error(self):
        form = _date_form("1", "1", "2026")
        assert form.is_valid() and form.cleaned_data["born_on"] is None
        form = _date_form("1", "1", "2026", born_on_2="1980")
        assert form.errors["born_on"] == ["Date of birth must include a day and month"]

    def test_a_form_gives_its_own_wording_for_a_translated_page(self):
        class Form(forms.Form):
            when = DateInputField(
                label="Dyddiad",
                error_messages={
                    "incomplete": "Rhaid i'r dyddiad gynnwys diwrnod, mis a blwyddyn",
                    "year_digits": "Rhaid i'r flwyddyn gynnwys 4 rhif",
                    "invalid": "Rhaid i'r dyddiad fod yn ddyddiad go iawn",
                },
            )

        def errors(day: str, month: str, year: str) -> list[str]:
            form = Form({"when_0": day, "when_1": month, "when_2": year})
            return [*form.errors["when"]]

        assert errors("3", "", "2026") == ["Rhaid i'r dyddiad gynnwys diwrnod, mis a blwyddyn"]
        assert errors("3", "3", "26") == ["Rhaid i'r flwyddyn gynnwys 4 rhif"]
        assert errors("31", "4", "2026") == ["Rhaid i'r dyddiad fod yn ddyddiad go iawn"]
        marked = Form({"when_0": "3", "when_1": "", "when_2": "2026"})
        assert not marked.is_valid() and error_parts(marked["when"]) == [1]  # only the missing box, as in English

    def test_a_single_iso_value_from_an_old_link_is_still_understood(self):
        form = _DateForm({"due_on": "2026-03-27"})
        assert form.is_valid() and form.cleaned_data["due_on"] == date(2026, 3, 27)
        assert _DateForm({"due_on": "not a date"}).errors["due_on"] == ["Enter the due date"]


class TestDateTimeInputField:
    def test_cleans_to_an_aware_datetime_in_uk_time(self):
        form = _datetime_form("10", "7", "2026", "22:15")
        assert form.is_valid(), form.errors
        assert form.cleaned_data["occurred_at"] == datetime(2026, 7, 10, 22, 15, tzinfo=LONDON)

    @pytest.mark.parametrize(
        "typed,expected",
        [("14:30", (14, 30)), ("14.30", (14, 30)), ("1430", (14, 30)), ("9:05", (9, 5)), ("930", (9, 30))]
        + [("2pm", (14, 0)), ("2:30 PM", (14, 30)), ("12am", (0, 0)), ("12pm", (12, 0)), ("midday", (12, 0))]
        + [("midnight", (0, 0)), ("14", (14, 0))],
    )
    def test_times_as_people_write_them(self, typed, expected):
        form = _datetime_form("10", "1", "2026", typed)
        assert form.is_valid(), form.errors
        assert (form.cleaned_data["occurred_at"].hour, form.cleaned_data["occurred_at"].minute) == expected

    @pytest.mark.parametrize("typed", ["25:00", "14:60", "13pm", "0am", "half two", "14:3", "1430pm"])
    def test_impossible_times_mark_only_the_time_box(self, typed):
        form = _datetime_form("10", "1", "2026", typed)
        assert form.errors["occurred_at"] == ["Time of the incident must be a real time, for example 14:30"]
        assert error_parts(form["occurred_at"]) == [3]

    def test_date_without_time_and_time_without_date(self):
        form = _datetime_form("10", "1", "2026")
        assert form.errors["occurred_at"] == ["Enter the time of the incident"]
        assert error_parts(form["occurred_at"]) == [3]
        form = _datetime_form(clock="14:30")
        assert form.errors["occurred_at"] == ["Enter the date of the incident"]
        assert error_parts(form["occurred_at"]) == [0, 1, 2]

    def test_date_and_time_errors_come_together(self):
        form = _datetime_form("10", "", "2026", "99:99")
        assert form.errors["occurred_at"] == [
            "Date of the incident must include a month",
            "Time of the incident must be a real time, for example 14:30",
        ]
        assert error_parts(form["occurred_at"]) == [1, 3]

    def test_missing_date_and_bad_time_come_together(self):
        form = _datetime_form(clock="lunch")
        assert form.errors["occurred_at"] == [
            "Enter the date of the incident",
            "Time of the incident must be a real time, for example 14:30",
        ]
        assert error_parts(form["occurred_at"]) == [0, 1, 2, 3]

    @pytest.mark.parametrize("day,month", [("29", "3"), ("25", "10")])
    def test_times_the_clock_change_makes_unclear_are_refused(self, day, month):
        form = _datetime_form(day, month, "2026", "01:30")
        message = form.errors["occurred_at"][0]
        assert message.startswith("Time of the incident is not clear because the clocks changed that night")
        assert error_parts(form["occurred_at"]) == [3]


class TestDateInputWidget:
    def test_initial_values_are_split_into_the_boxes(self):
        assert DateInputWidget().decompress(date(2026, 3, 7)) == ["7", "3", "2026"]
        assert DateInputWidget().decompress(None) == ["", "", ""]
        at = datetime(2026, 7, 10, 21, 15, tzinfo=ZoneInfo("UTC"))
        assert _DateTimeForm.base_fields["occurred_at"].widget.decompress(at) == ["10", "7", "2026", "22:15"]

    def test_value_omitted_only_when_neither_the_boxes_nor_the_plain_name_are_sent(self):
        widget = DateInputWidget()
        assert widget.value_omitted_from_data({}, {}, "due_on")
        assert not widget.value_omitted_from_data({"due_on_1": "3"}, {}, "due_on")
        assert not widget.value_omitted_from_data({"due_on": "2026-03-27"}, {}, "due_on")


class TestGovukFieldDate:
    def test_renders_the_govuk_date_input_with_initial_values(self):
        form = _DateForm(initial={"due_on": date(2026, 3, 7)})
        html = _render("{% govuk_field form.due_on %}{% govuk_field form.born_on %}", form)
        assert 'class="govuk-date-input" id="id_due_on"' in html
        assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Due by</legend>' in html
        assert '<div id="id_due_on-hint" class="govuk-hint">For example, 27 3 2026</div>' in html
        assert 'id="id_due_on_0" name="due_on_0" type="text" inputmode="numeric" value="7"' in html
        assert 'id="id_due_on_2" name="due_on_2" type="text" inputmode="numeric" value="2026"' in html
        assert 'for="id_due_on_1">Month</label>' in html
        assert 'autocomplete="bday-month"' in html and 'type="date"' not in html

    def test_posted_values_are_shown_again_and_only_wrong_boxes_are_marked(self):
        html = _render("{% govuk_field form.due_on %}", _date_form("3", "Marchember", "2026"))
        assert "govuk-form-group--error" in html
        assert 'aria-describedby="id_due_on-hint id_due_on-error"' in html
        assert "Error:</span> Due date must be a real date</p>" in html
        assert 'govuk-input--width-2 govuk-input--error" id="id_due_on_1" name="due_on_1"' in html
        assert 'value="Marchember"' in html and html.count("govuk-input--error") == 1

    def test_date_time_has_a_time_box(self):
        html = _render("{% govuk_field form.occurred_at %}", _datetime_form("10", "1", "2026", "25:00"))
        assert '<label class="govuk-label" for="id_occurred_at_3">Time</label>' in html
        assert 'govuk-input--width-5 govuk-input--error" id="id_occurred_at_3"' in html
        assert 'inputmode="decimal"' in html and 'value="25:00"' in html and html.count("govuk-input--error") == 1


class TestGovukErrorSummaryDate:
    def test_links_to_the_first_wrong_box(self):
        html = _render("{% govuk_error_summary form %}", _date_form("3", "", ""))
        assert '<a href="#id_due_on_1">Due date must include a month and year</a>' in html
        html = _render("{% govuk_error_summary form %}", _date_form())
        assert '<a href="#id_due_on_0">Enter the due date</a>' in html
        html = _render("{% govuk_error_summary form %}", _datetime_form("10", "1", "2026"))
        assert '<a href="#id_occurred_at_3">Enter the time of the incident</a>' in html

    def test_an_error_added_by_the_form_or_a_service_links_to_the_day(self):
        form = _date_form("3", "3", "2026")
        assert form.is_valid()
        form.add_error("due_on", "The due date cannot be before the case was opened")
        assert error_parts(form["due_on"]) == [0, 1, 2]
        html = _render("{% govuk_error_summary form %}", form)
        assert '<a href="#id_due_on_0">The due date cannot be before the case was opened</a>' in html
