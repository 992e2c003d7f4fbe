"""Template tags that render Django forms with GOV.UK Design System markup."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

from safer.core.formfields import (
    DATE_HINT,
    PART_NAMES,
    TIME,
    TIME_HINT,
    CharacterCountField,
    DateInputWidget,
    error_parts,
)

register = template.Library()

# Fixed words that reach field.html as data (formfields.py), listed so they are in the catalogue (safer/locale).
FIXED_WORDS = [
    gettext_noop("Day"),
    gettext_noop("Month"),
    gettext_noop("Year"),
    gettext_noop("Time"),
    gettext_noop(DATE_HINT),
    gettext_noop(TIME_HINT),
]


@register.filter
def translated(text: str) -> str:
    """Translate a fixed word that reached the template as data (the date boxes' Day, Month, Year and hint)."""
    return gettext(str(text))


@register.inclusion_tag("core/includes/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm) -> dict[str, object]:
    """GOV.UK error summary linking to each field with an error."""
    errors = []
    for form in forms_:
        if not isinstance(form, forms.BaseForm) or not form.is_bound:
            continue
        for message in form.non_field_errors():
            errors.append({"href": "#main-content", "text": message})
        for name, field_errors in form.errors.items():
            if name == "__all__":
                continue
            field_id = _first_error_id(form[name])
            for message in field_errors:
                errors.append({"href": f"#{field_id}", "text": message})
    return {"errors": errors}


def _first_error_id(field: forms.BoundField) -> str:
    """The control an error summary link moves to: for a date, the first box that is wrong; for options, the first."""
    if isinstance(field.field.widget, DateInputWidget):
        parts = error_parts(field) or [0]
        return f"{field.auto_id}_{parts[0]}"
    if isinstance(field.field.widget, forms.RadioSelect):  # radios and checkboxes: the first option's id
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id or f"id_{field.name}"


def _widget_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: asked first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


_CLASSES = {
    "input": "govuk-input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


@register.inclusion_tag("core/includes/field.html")
def govuk_field(field: forms.BoundField, width: str = "") -> dict[str, object]:
    """One form field as a GOV.UK form group: label, hint, error message, control."""
    kind = _widget_kind(field)
    if kind == "date":
        return _date_context(field)
    css = _CLASSES.get(kind, "")
    if field.errors and kind in {"input", "select", "textarea", "file"}:
        css += f" {css}--error"
    counted = isinstance(field.field, CharacterCountField)
    if counted:
        css += " govuk-js-character-count"
    if width and kind == "input":
        css += f" govuk-input--width-{width}" if width.isdigit() else f" govuk-!-width-{width}"
    attrs: dict[str, str | bool] = {"class": css.strip()}
    if kind in {"input", "textarea"}:
        attrs["maxlength"] = False  # too long is a shown error, not text the browser silently drops
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
    if counted:
        described.insert(0, f"{field.id_for_label}-info")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    control: SafeString | None = None
    options = []
    if kind in {"radios", "checkboxes"}:
        for sub in field.subwidgets:
            options.append(
                {
                    "id": sub.id_for_label,
                    "name": field.html_name,
                    "value": sub.data["value"],
                    "label": sub.choice_label,
                    "checked": sub.data["selected"],
                }
            )
    else:
        control = field.as_widget(attrs=attrs)
    max_length = getattr(field.field, "max_length", None) if counted else None
    return {"field": field, "kind": kind, "control": control, "options": options, "max_length": max_length}


_DATE_WIDTHS = (2, 2, 4)


def _date_context(field: forms.BoundField) -> dict[str, object]:
    """GOV.UK date input: Day, Month and Year boxes in a fieldset, and a Time box for date-times."""
    widget = field.field.widget
    assert isinstance(widget, DateInputWidget)
    wrong = set(error_parts(field))
    values = field.value()
    if not isinstance(values, list | tuple):
        values = widget.decompress(values)
    bday = widget.autocomplete
    parts = []
    for index, value in enumerate(values):
        parts.append(
            {
                "id": f"{field.auto_id}_{index}",
                "name": f"{field.html_name}_{index}",
                "label": PART_NAMES[index].capitalize(),
                "value": value or "",
                "width": _DATE_WIDTHS[index] if index < TIME else 5,
                "error": index in wrong,
                "autocomplete": f"{bday}-{PART_NAMES[index]}" if bday and index < TIME else "",
            }
        )
    return {
        "field": field,
        "kind": "date",
        "id": field.auto_id,
        "hint": field.help_text or DATE_HINT,
        "parts": parts[:TIME],
        "time": parts[TIME] if len(parts) > TIME else None,
        "time_hint": TIME_HINT,
    }
