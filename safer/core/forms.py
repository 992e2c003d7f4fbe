"""Forms for the core app."""

from __future__ import annotations

from typing import Any

from django import forms

from safer.core.formfields import DateInputField


class AuditFilterForm(forms.Form):
    """Filters for the audit log page."""

    actor = forms.CharField(required=False, label="User", max_length=150)
    action = forms.ChoiceField(required=False, label="Action")
    target_type = forms.ChoiceField(required=False, label="Done to")
    target_id = forms.CharField(
        required=False, label="Record number (optional)", max_length=64, help_text="For example a user's number"
    )
    date_from = DateInputField(required=False, label="From date", subject="from date")
    date_to = DateInputField(required=False, label="To date", subject="to date")

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from safer.core.models import AuditEvent
        from safer.core.selectors import AUDIT_TARGET_KINDS

        labelled = sorted((AuditEvent(action=a).action_label, a) for a in actions)
        self.fields["action"].choices = [("", "Any action"), *[(a, label) for label, a in labelled]]  # type: ignore[attr-defined]
        kinds = sorted(AUDIT_TARGET_KINDS.items(), key=lambda item: item[1])
        self.fields["target_type"].choices = [("", "Anything"), *kinds]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return data
