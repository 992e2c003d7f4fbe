"""Forms of the administrators' risk questionnaire pages: parse and check input; the services check the whole."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator

_CODE = RegexValidator(
    r"^[a-z0-9_-]{1,40}$", "Use up to 40 lower-case letters, digits, hyphens or underscores, for example night_noise"
)


class RiskThresholdsForm(forms.Form):
    """The questionnaire's name and the scores from which risk is medium and high."""

    name = forms.SlugField(
        label="Name of the questionnaire",
        max_length=40,
        help_text="Recorded with each assessment, with a version number. For example oxford-2027",
        error_messages={"required": "Enter a name", "invalid": "Use letters, digits, hyphens or underscores only"},
    )
    medium_from = forms.IntegerField(
        label="Medium risk from a score of",
        min_value=1,
        error_messages={"required": "Enter the score from which risk is medium", "min_value": "Enter 1 or more"},
    )
    high_from = forms.IntegerField(
        label="High risk from a score of",
        min_value=2,
        error_messages={"required": "Enter the score from which risk is high", "min_value": "Enter 2 or more"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        medium, high = data.get("medium_from"), data.get("high_from")
        if medium is not None and high is not None and high <= medium:
            self.add_error("high_from", f"High risk must start above medium risk (which starts at {medium})")
        return data


class RiskQuestionForm(forms.Form):
    """A question's wording, hint, weight and place; `with_code` for a new question, `with_active` to switch it."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        validators=[_CODE],
        help_text="A short name that never changes and is stored with the answers, for example night_noise",
        error_messages={"required": "Enter a code"},
    )
    text = forms.CharField(
        label="Question",
        max_length=300,
        help_text="A question answered yes or no. A 'yes' adds the weight to the score",
        error_messages={"required": "Enter the question"},
    )
    hint = forms.CharField(label="Hint (optional)", max_length=300, required=False)
    weight = forms.IntegerField(
        label="Weight",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the weight",
            "min_value": "Enter a weight of 1 or more",
            "max_value": "Enter a weight of 100 or less",
        },
    )
    order = forms.IntegerField(
        label="Order",
        min_value=0,
        max_value=32767,
        initial=100,
        help_text="Questions are asked from the lowest number to the highest",
        error_messages={"required": "Enter the order", "min_value": "Enter 0 or more"},
    )
    active = forms.BooleanField(label="Ask this question", required=False, initial=True)

    def __init__(self, *args: Any, with_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_code:
            del self.fields["active"]
        else:
            del self.fields["code"]
