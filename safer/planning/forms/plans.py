"""Forms for keeping the plan: plans, priorities, objectives, actions, duties, progress, indicators, versions."""

from __future__ import annotations

from typing import Any

from django import forms

from safer.accounts.models import Organisation, User
from safer.core.formfields import DateInputField
from safer.planning.choices import (
    CaseworkFigure,
    DashboardSource,
    Direction,
    IndicatorKind,
    MemberKind,
    Rag,
    StatutoryDuty,
    YouthFocus,
)
from safer.planning.models import Action, Indicator, Objective, Plan


class ProgressForm(forms.Form):
    """This quarter's progress on an action."""

    year = forms.IntegerField(
        label="Financial year",
        help_text="The year it starts in, for example 2026 for 2026-27",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Enter the financial year"},
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (1, "Q1 (April to June)"),
            (2, "Q2 (July to September)"),
            (3, "Q3 (October to December)"),
            (4, "Q4 (January to March)"),
        ],
        error_messages={"required": "Choose the quarter"},
    )
    rag = forms.ChoiceField(
        label="Progress",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber, green or complete"},
    )
    comment = forms.CharField(
        label="What has happened this quarter?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a comment saying what has happened this quarter"},
    )


class ActionForm(forms.Form):
    """An action in the plan's own layout."""

    what = forms.CharField(label="What", max_length=300, error_messages={"required": "Enter what the action is"})
    how = forms.CharField(
        label="How", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter how it will be done"}
    )
    who = forms.CharField(
        label="Who",
        help_text="Lead and partner agencies",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter who will do it"},
    )
    why = forms.CharField(
        label="Why", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter why it matters"}
    )
    youth_focused = forms.ChoiceField(
        label="Youth focused",
        choices=YouthFocus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the action is youth focused"},
    )
    lead_organisation = forms.ModelChoiceField(
        label="Lead agency (optional)",
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text="Its officers can record progress",
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label="Partner agencies (optional)",
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = forms.ModelChoiceField(
        label="Owner (optional)",
        queryset=User.objects.filter(is_active=True),
        required=False,
        help_text="Asked for updates",
    )
    objective = forms.ModelChoiceField(label="Objective (optional)", queryset=Objective.objects.none(), required=False)
    starts_on = DateInputField(label="Start (optional)", required=False, subject="start date")
    due_on = DateInputField(
        label="Timescale (optional)",
        required=False,
        subject="timescale",
        help_text="When it should be done by. For example, 31 3 2027",
    )
    outcome_measure = forms.CharField(
        label="Outcome measure (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicator = forms.ModelChoiceField(label="Indicator (optional)", queryset=Indicator.objects.none(), required=False)
    internal = forms.BooleanField(label="Internal: leave out of the published plan", required=False)

    def __init__(self, *args: Any, plan: Plan, priority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(priority_id=priority_id)  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = plan.indicators.all()  # type: ignore[attr-defined]


class IndicatorForm(forms.Form):
    """An indicator over a live figure, with its status rules."""

    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the indicator's name"})
    kind = forms.ChoiceField(
        label="Where do its figures come from?",
        choices=IndicatorKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where its figures come from"},
    )
    dashboard_source = forms.ChoiceField(
        label="Dashboard figure", choices=[("", "Not a dashboard figure"), *DashboardSource.choices], required=False
    )
    area = forms.CharField(
        label="Area", required=False, help_text="A district, county, force or LSOA, e.g. West Oxfordshire"
    )
    crime_type = forms.CharField(
        label="Crime type (optional)",
        required=False,
        help_text="A police.uk crime type, e.g. Violence and sexual offences",
    )
    casework_figure = forms.ChoiceField(
        label="Casework figure", choices=[("", "Not a casework figure"), *CaseworkFigure.choices], required=False
    )
    period = forms.CharField(
        label="Period",
        required=False,
        help_text='A calendar year ("2022"), financial year ("FY2022/23"), "rolling-12" or months ("2022-03..2022-04")',
    )
    unit = forms.CharField(label="Unit of entered values (optional)", required=False, max_length=40)
    entering_organisation = forms.ModelChoiceField(
        label="Agency that enters the values", required=False, queryset=Organisation.objects.filter(is_active=True)
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which way is better"},
    )
    target = forms.DecimalField(
        label="Target (optional)",
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text="Leave empty to compare with the same period a year earlier",
    )
    tolerance_pct = forms.DecimalField(
        label="Tolerance (%)",
        initial=5,
        max_digits=5,
        decimal_places=1,
        help_text="How far short of the target (or last year) is 'at risk' not 'off track'",
        error_messages={"required": "Enter the tolerance"},
    )
    use_significance = forms.BooleanField(
        label="Use the significance test for crime counts", required=False, initial=True
    )
    internal = forms.BooleanField(label="Internal: leave out of the published plan", required=False)


class IndicatorValueForm(forms.Form):
    """An agency's value for a quarter."""

    year = forms.IntegerField(
        label="Financial year",
        min_value=2000,
        max_value=2100,
        help_text="The year it starts in, for example 2026 for 2026-27",
        error_messages={"required": "Enter the financial year"},
    )
    quarter = ProgressForm.base_fields["quarter"]
    value = forms.DecimalField(
        label="Value",
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the value", "invalid": "Enter the value as a number"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)


class VersionForm(forms.Form):
    """Record that the board approved the plan as it is now."""

    approved_on = DateInputField(
        label="Date the board approved it",
        subject="date of approval",
        error_messages={"required": "Enter the date the board approved the plan"},
    )
    approved_by = forms.CharField(
        label="Meeting",
        max_length=200,
        help_text="For example, WOCSP board meeting",
        error_messages={"required": "Name the board meeting that approved the plan"},
    )


class PriorityForm(forms.Form):
    """A priority with the SIA evidence that chose it."""

    title = forms.CharField(label="Priority", max_length=200, error_messages={"required": "Enter the priority"})
    current_position = forms.CharField(
        label="Current position (the evidence)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    youth_focus = forms.CharField(
        label="A focus on youth (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    dashboard_query = forms.CharField(
        label="Dashboard link (optional)",
        required=False,
        max_length=300,
        help_text="The dashboard's filters, for example area=West Oxfordshire&period=2022",
    )
    internal = forms.BooleanField(label="Internal: leave out of the published plan", required=False)


class DutyForm(forms.Form):
    """How the partnership meets a statutory duty."""

    duty = forms.ChoiceField(
        label="Duty",
        choices=StatutoryDuty.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the duty"},
    )
    how_met = forms.CharField(
        label="How the partnership meets it",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say how the partnership meets this duty"},
    )


class UpdateRequestForm(forms.Form):
    """Choose the overdue or due actions whose owners to ask for a progress update."""

    actions = forms.ModelMultipleChoiceField(
        label="Ask the owners of these actions for an update",
        queryset=Action.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Each owner gets an e-mail with a link to the action's progress page. Select all that apply.",
        error_messages={"required": "Choose at least one action whose owner to ask"},
    )

    def __init__(self, *args: Any, overdue: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actions"]
        field.queryset = Action.objects.filter(pk__in=[item.action.pk for item in overdue])  # type: ignore[attr-defined]
        labels = {item.action.pk: f"{item.action.what} ({item.reason})" for item in overdue}
        field.label_from_instance = lambda action: labels.get(action.pk, action.what)  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    """A plan: who it is for, its period and introduction."""

    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the plan's title"})
    slug = forms.SlugField(
        label="Web address",
        max_length=80,
        help_text="Lower-case letters, numbers and hyphens, for example west-oxfordshire-2024-27",
        error_messages={
            "required": "Enter the web address",
            "invalid": "Use only lower-case letters, numbers and hyphens in the web address",
        },
    )
    partnership = forms.CharField(
        label="Partnership", max_length=200, error_messages={"required": "Enter the partnership's name"}
    )
    area_name = forms.CharField(
        label="Area",
        max_length=200,
        help_text="The district or area the plan covers",
        error_messages={"required": "Enter the area the plan covers"},
    )
    starts_on = DateInputField(
        label="Start", subject="start date", error_messages={"required": "Enter the date the plan starts"}
    )
    ends_on = DateInputField(
        label="End", subject="end date", error_messages={"required": "Enter the date the plan ends"}
    )
    introduction = forms.CharField(
        label="Introduction (optional)", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    bilingual = forms.BooleanField(label="Offer the published plan's page in Welsh as well as English", required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # the web address stays: links to the published plan must keep working
            del self.fields["slug"]


class ObjectiveForm(forms.Form):
    """An objective under a priority."""

    title = forms.CharField(label="Objective", max_length=300, error_messages={"required": "Enter the objective"})


class MemberForm(forms.Form):
    """A member of the partnership, named in the plan's "Partners" section."""

    name = forms.CharField(
        label="Partner",
        max_length=300,
        help_text="For example, Thames Valley Police",
        error_messages={"required": "Enter the partner's name"},
    )
    kind = forms.ChoiceField(
        label="Membership",
        choices=MemberKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the partner is a statutory or an invited member"},
    )


class GlossaryForm(forms.Form):
    """A term or acronym the plan explains."""

    term = forms.CharField(
        label="Term or acronym",
        max_length=50,
        help_text="For example, MATAC",
        error_messages={"required": "Enter the term or acronym"},
    )
    meaning = forms.CharField(
        label="What it means", max_length=300, error_messages={"required": "Enter what the term means"}
    )
