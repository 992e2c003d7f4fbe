"""Funding forms: funders, funds, allocations and sub-lines, carry-forwards, spend, six-monthly returns."""

from __future__ import annotations

from typing import Any

from django import forms

from safer.accounts.models import Organisation
from safer.planning.models import Allocation, Fund, FunderObjective, FundingReturn

HALVES = [(1, "April to September"), (2, "October to March")]


class AllocationForm(forms.Form):
    """Allocate money from a fund."""

    line = forms.CharField(
        label="Line of the funding table",
        max_length=120,
        error_messages={"required": "Enter the line, for example Community Safety Partnerships"},
    )
    recipient = forms.CharField(label="Recipient", max_length=200, error_messages={"required": "Enter the recipient"})
    project = forms.CharField(label="Project (optional)", required=False, max_length=300)
    amount = forms.CharField(
        label="Amount (£)",
        help_text="For example 47969 or 1250.50",
        error_messages={"required": "Enter the amount in pounds"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    parent = forms.ModelChoiceField(
        label="Sub-line of (optional)",
        queryset=Allocation.objects.none(),
        required=False,
        empty_label="Not a sub-line",
        help_text="A sub-line sits inside its line's amount, for example one project of a partnership's allocation",
    )
    recipient_organisation = forms.ModelChoiceField(
        label="Recipient agency (optional)",
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text="Its officers can record spend and outcomes",
    )
    up_to = forms.BooleanField(label='The amount is a ceiling ("up to")', required=False)
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, fund: Fund, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # an allocation stays under its line
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = fund.allocations.filter(parent__isnull=True)  # type: ignore[attr-defined]


class SpendForm(forms.Form):
    """Spend and outcomes in a half-year."""

    half = forms.TypedChoiceField(
        label="Half-year",
        coerce=int,
        widget=forms.RadioSelect,
        choices=HALVES,
        error_messages={"required": "Choose the half-year"},
    )
    amount = AllocationForm.base_fields["amount"]
    outcomes = forms.CharField(label="What did it achieve?", required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the audit record with what the amount was before",
        error_messages={"required": "Give the reason"},
    )


class ReasonForm(forms.Form):
    """Removing money: the reason is required."""

    reason = _reason_field()


class SpendChangeForm(SpendForm):
    """Change recorded spend: the reason is required."""

    reason = _reason_field()


class ReturnLineForm(forms.Form):
    """The outcome and progress of a row of the return."""

    outcome = forms.CharField(label="Outcome", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    progress = forms.CharField(
        label="Progress update",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the progress made in the half-year"},
    )


def _year_field(
    label: str, help_text: str = "The year it starts in, for example 2016 for 2016-17"
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the financial year",
            "invalid": "Enter the financial year as a number, like 2016",
            "min_value": "Enter a financial year from 2000 to 2100",
            "max_value": "Enter a financial year from 2000 to 2100",
        },
    )


class FunderForm(forms.Form):
    """A funder and its strategic objectives."""

    name = forms.CharField(label="Funder", max_length=200, error_messages={"required": "Enter the funder's name"})
    objectives = forms.CharField(
        label="Strategic objectives",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One a line, in the funder's order. Six-monthly returns report against them.",
        error_messages={"required": "Enter at least one strategic objective"},
    )

    def clean_objectives(self) -> list[str]:
        """One objective a line, blank lines dropped."""
        return [line.strip() for line in self.cleaned_data["objectives"].splitlines() if line.strip()]


class FundForm(forms.Form):
    """A funder's money for one financial year."""

    name = forms.CharField(
        label="Fund",
        max_length=200,
        help_text="For example, Community Safety Fund",
        error_messages={"required": "Enter the fund's name"},
    )
    year = _year_field("Financial year")
    amount = AllocationForm.base_fields["amount"]
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CarryForwardForm(forms.Form):
    """Carry part of an allocation into a later year."""

    to_year = _year_field("Carried into financial year")
    amount = AllocationForm.base_fields["amount"]
    purpose = forms.CharField(
        label="What it is for",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what the money carried forward is for"},
    )


class CarryForwardChangeForm(CarryForwardForm):
    """Change a carry-forward: the reason is required."""

    reason = _reason_field()


class ReturnForm(forms.Form):
    """Start the six-monthly return on a fund."""

    half = forms.TypedChoiceField(
        label="Half-year",
        coerce=int,
        widget=forms.RadioSelect,
        choices=HALVES,
        error_messages={"required": "Choose the half-year"},
    )


class ReturnLineAddForm(forms.Form):
    """A row of the return's objectives table: objective, joint priority, lead agency."""

    objective = forms.ModelChoiceField(
        label="Funder's objective",
        queryset=FunderObjective.objects.none(),
        error_messages={"required": "Choose the funder's objective"},
    )
    joint_priority = forms.CharField(
        label="Joint priority", max_length=300, error_messages={"required": "Enter the joint priority"}
    )
    lead_agency = forms.CharField(
        label="Lead agency", max_length=200, error_messages={"required": "Enter the lead agency"}
    )
    lead_organisation = forms.ModelChoiceField(
        label="Lead agency's account (optional)",
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text="Its officers can write the row's outcome and progress",
    )
    outcome = forms.CharField(label="Outcome (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, funding_return: FundingReturn, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = funding_return.fund.funder.objectives.all()  # type: ignore[attr-defined]
