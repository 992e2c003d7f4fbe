"""The dashboard's filter form: area, period, comparison and crime type, all in the query string."""

from __future__ import annotations

from django import forms


class DashboardFilterForm(forms.Form):
    """What to show; the view checks the values against the warehouse and adds errors to the fields."""

    area = forms.CharField(
        label="Area",
        max_length=120,
        required=False,
        help_text='District, county, force, LSOA or custom area, e.g. "Oxford" or "county:Oxfordshire"',
    )
    period = forms.CharField(
        label="Period",
        max_length=40,
        required=False,
        help_text='"2022", "FY2021/22", "rolling-12" or "2021-03..2022-03"',
    )
    compare = forms.CharField(
        label="Compare with",
        max_length=40,
        required=False,
        help_text="Leave empty for the same period a year earlier",
    )
    crime_type = forms.ChoiceField(label="Crime type", required=False, choices=[("", "All crime")])

    def __init__(self, *args: object, crime_types: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["crime_type"].choices = [("", "All crime"), *((t, t) for t in crime_types)]  # type: ignore[attr-defined]
