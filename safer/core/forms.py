"""Forms for the core app."""

from __future__ import annotations

from typing import Any

from django import forms


class AuditFilterForm(forms.Form):
    """Filters for the audit log page."""

    actor = forms.CharField(required=False, label="User", max_length=150)
    action = forms.ChoiceField(required=False, label="Action")
    target_type = forms.CharField(
        required=False, label="Target type", max_length=80, help_text="For example casework.case"
    )
    target_id = forms.CharField(required=False, label="Target id", max_length=64)
    date_from = forms.DateField(
        required=False,
        label="From date",
        help_text="For example 2026-11-01",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(required=False, label="To date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Any action"), *[(a, a) for a in actions]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data
