"""Forms of the notifications pages: the state filter and the template editor."""

from __future__ import annotations

from django import forms

from safer.core.notifications.choices import NotificationState


class NotificationFilterForm(forms.Form):
    """Filter the messages list by delivery state."""

    state = forms.ChoiceField(required=False, label="State", choices=[("", "Any state"), *NotificationState.choices])


class MessageTemplateForm(forms.Form):
    """The wording of one message; placeholders in {braces} are filled in when it is sent."""

    subject = forms.CharField(required=False, max_length=300, label="Subject")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), label="Message", max_length=10000)
