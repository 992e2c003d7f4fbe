"""Casework forms: parse and check input; the services do the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from safer.accounts.models import Organisation, Team, User
from safer.casework.choices import AsbCategory, CaseOutcome, HateStrand, PartyRole
from safer.casework.errors import CaseInputError
from safer.casework.inputs import (
    ACTION_MAX,
    DESCRIPTION_MAX,
    LOCATION_MAX,
    NOTES_MAX,
    REASON_MAX,
    SUMMARY_MAX,
    phone_checked,
)
from safer.casework.ladder import ladder_stages
from safer.casework.models import Incident, Intervention, Person
from safer.casework.questionnaire import Questionnaire
from safer.core.formfields import CharacterCountField, DateInputField, DateTimeInputField

_YES_NO = [("yes", "Yes"), ("no", "No")]


class IncidentForm(forms.Form):
    """Record an incident, and optionally the person who reported it."""

    occurred_at = DateTimeInputField(
        label="When did it happen?",
        subject="date of the incident",
        time_subject="time of the incident",
        error_messages={"required": "Enter when the incident happened"},
    )
    location_text = CharacterCountField(
        label="Where did it happen?",
        max_length=LOCATION_MAX,
        subject="where it happened",
        rows=2,
        help_text="An address or a description of the place",
        error_messages={"required": "Enter where the incident happened"},
    )
    latitude = forms.DecimalField(
        label="Latitude (optional)",
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text="Filled in when you click the map",
    )
    longitude = forms.DecimalField(label="Longitude (optional)", required=False, max_digits=9, decimal_places=6)
    asb_category = forms.ChoiceField(
        label="Category of ASB",
        choices=AsbCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the category of ASB"},
    )
    asb_type = forms.CharField(
        label="Type of ASB",
        max_length=100,
        help_text="For example noise, fly-tipping, intimidation",
        error_messages={"required": "Enter the type of ASB"},
    )
    description = CharacterCountField(
        label="What happened?",
        max_length=DESCRIPTION_MAX,
        subject="what happened",
        error_messages={"required": "Enter what happened"},
    )
    hate_motivated = forms.BooleanField(label="The reporter believes it was hate-motivated", required=False)
    hate_strand = forms.ChoiceField(label="Hate strand", choices=HateStrand.choices, required=False)
    area = forms.CharField(label="Area or ward (optional)", max_length=100, required=False)
    reporter_first_name = forms.CharField(label="Reporter's first name (optional)", max_length=100, required=False)
    reporter_last_name = forms.CharField(label="Reporter's last name (optional)", max_length=100, required=False)
    reporter_phone = forms.CharField(label="Reporter's phone number (optional)", max_length=40, required=False)

    def clean_reporter_phone(self) -> str:
        return _phone(self.cleaned_data["reporter_phone"])

    def clean(self) -> dict[str, Any]:
        """Checks across fields, all at once, so every problem shows on the first submit."""
        data = super().clean() or {}
        strand = data.get("hate_strand") or ""
        if data.get("hate_motivated") and not strand:
            self.add_error("hate_strand", "Choose the hate strand of a hate-motivated incident")
        if strand and not data.get("hate_motivated"):
            self.add_error("hate_motivated", "Tick this if the incident was hate-motivated, or choose no hate strand")
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", "Enter both latitude and longitude, or neither")
        if not self.has_error("reporter_first_name") and (
            (data.get("reporter_last_name") or data.get("reporter_phone")) and not data.get("reporter_first_name")
        ):
            self.add_error("reporter_first_name", "Enter the reporter's first name, or leave their details empty")
        return data


def _phone(phone: str) -> str:
    """A phone number that looks like one, as a form error otherwise."""
    try:
        return phone_checked(phone)
    except CaseInputError as error:
        raise forms.ValidationError(error.message, code="phone") from None


class CaseOpenForm(forms.Form):
    """Open a case from incidents not yet in a case."""

    incidents = forms.ModelMultipleChoiceField(
        label="Incidents in this case",
        queryset=Incident.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="reference",
        error_messages={"required": "Choose at least one incident"},
    )
    summary = CharacterCountField(
        label="Short summary",
        max_length=SUMMARY_MAX,
        subject="summary",
        rows=2,
        required=False,
        help_text="No names: for example 'Noise from flat above, Example Road'",
    )

    def __init__(self, *args: Any, incidents: QuerySet[Incident], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["incidents"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = incidents
        field.label_from_instance = lambda i: f"{i.reference}: {i.asb_type}, {i.occurred_at:%d %b %Y}"  # type: ignore[method-assign,assignment]


class VersionedForm(forms.Form):
    """A form that changes the case: carries the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CaseUpdateForm(VersionedForm):
    """Change a case's details."""

    summary = CharacterCountField(
        label="Short summary", max_length=SUMMARY_MAX, subject="summary", rows=2, required=False
    )
    officer = forms.ModelChoiceField(
        label="Case officer", queryset=User.objects.none(), required=False, empty_label="Not assigned"
    )
    area = forms.CharField(label="Area or ward", max_length=100, required=False)
    first_contact_at = DateTimeInputField(
        label="First contact with the victim",
        subject="date of first contact",
        time_subject="time of first contact",
        required=False,
    )

    def __init__(self, *args: Any, officers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = officers
        field.label_from_instance = lambda u: u.display_name  # type: ignore[method-assign,assignment]


class LinkIncidentForm(forms.Form):
    """Link an incident to the case by its reference."""

    reference = forms.CharField(
        label="Incident reference",
        max_length=20,
        help_text="For example INC-2026-00012",
        error_messages={"required": "Enter the incident reference"},
    )


class PartyForm(forms.Form):
    """Add a person to the case: someone already recorded, or a new person."""

    role = forms.ChoiceField(
        label="Role in the case",
        choices=PartyRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the person's role"},
    )
    person = forms.ModelChoiceField(
        label="Someone already recorded",
        queryset=Person.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label="Someone new (enter their details below)",
        help_text="Leave as 'someone new' to record a new person below",
    )
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = DateInputField(
        label="Date of birth (optional)",
        subject="date of birth",
        autocomplete="bday",
        help_text="For example, 31 3 1980",
        required=False,
    )
    address = forms.CharField(label="Address (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    phone = forms.CharField(label="Phone (optional)", max_length=40, required=False)
    vulnerability_notes = forms.CharField(
        label="Vulnerability notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people
        field.label_from_instance = lambda p: (  # type: ignore[method-assign,assignment]
            f"{p.full_name}" + (f", born {p.date_of_birth:%d %b %Y}" if p.date_of_birth else "")
        )

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not (data.get("first_name") or "").strip():
            self.add_error("first_name", "Choose someone already recorded or enter the new person's first name")
        return data


class RiskAssessmentForm(forms.Form):
    """The questionnaire as yes/no questions, plus which victim was assessed."""

    victim = forms.ModelChoiceField(
        label="Victim assessed",
        queryset=Person.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label="Not recorded",
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, victims: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["victim"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = victims
        field.label_from_instance = lambda p: p.full_name  # type: ignore[method-assign,assignment]
        for question in questionnaire.questions:
            self.fields[f"q_{question.code}"] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=_YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer: {question.text}"},
            )
        self.questionnaire = questionnaire

    def answers(self) -> dict[str, bool]:
        """Question code -> answer."""
        return {q.code: self.cleaned_data[f"q_{q.code}"] == "yes" for q in self.questionnaire.questions}


class TaskForm(forms.Form):
    """Set a task."""

    title = forms.CharField(
        label="What needs doing?", max_length=200, error_messages={"required": "Enter what needs doing"}
    )
    owner = forms.ModelChoiceField(
        label="Who will do it?", queryset=User.objects.none(), error_messages={"required": "Choose who will do it"}
    )
    due_on = DateInputField(label="Due by", subject="due date", error_messages={"required": "Enter the due date"})

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners
        field.label_from_instance = lambda u: (  # type: ignore[method-assign,assignment]
            f"{u.display_name} ({u.organisation.name if u.organisation else '-'})"
        )


class NoteForm(forms.Form):
    """Add a note."""

    text = CharacterCountField(
        label="Note", max_length=NOTES_MAX, subject="note", rows=6, error_messages={"required": "Enter the note"}
    )


class EscalateForm(VersionedForm):
    """Record an intervention at a stage of the ladder."""

    stage = forms.TypedChoiceField(
        label="Stage", coerce=int, choices=(), widget=forms.RadioSelect, error_messages={"required": "Choose the stage"}
    )
    action = CharacterCountField(
        label="What was done",
        max_length=ACTION_MAX,
        subject="what was done",
        rows=2,
        help_text="For example 'Warning letter sent' or 'Community Protection Warning served'",
        error_messages={"required": "Enter what was done"},
    )
    occurred_on = DateInputField(
        label="Date of the intervention",
        subject="date of the intervention",
        error_messages={"required": "Enter the date of the intervention"},
    )
    person = forms.ModelChoiceField(
        label="Alleged perpetrator",
        queryset=Person.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label="No one named",
    )
    skipped_reason = CharacterCountField(
        label="Reason for skipping a stage (only if you skip one)",
        max_length=REASON_MAX,
        subject="reason for skipping a stage",
        rows=3,
        required=False,
    )
    notes = CharacterCountField(label="Notes (optional)", max_length=NOTES_MAX, subject="notes", rows=3, required=False)

    def __init__(self, *args: Any, perpetrators: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.TypedChoiceField)
        stage.choices = [(s.number, f"{s.number}. {s.name}") for s in ladder_stages()]
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = perpetrators
        field.label_from_instance = lambda p: p.full_name  # type: ignore[method-assign,assignment]


class BreachForm(forms.Form):
    """Record a breach."""

    occurred_on = DateInputField(
        label="Date of the breach",
        subject="date of the breach",
        error_messages={"required": "Enter the date of the breach"},
    )
    description = CharacterCountField(
        label="What happened",
        max_length=NOTES_MAX,
        subject="description of the breach",
        rows=4,
        error_messages={"required": "Describe the breach"},
    )
    intervention = forms.ModelChoiceField(
        label="Of which intervention (optional)",
        queryset=Intervention.objects.none(),
        required=False,
        empty_label="Not linked to an intervention",
    )

    def __init__(self, *args: Any, interventions: QuerySet[Intervention], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intervention"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = interventions
        field.label_from_instance = lambda i: f"Stage {i.stage}: {i.action} ({i.occurred_on:%d %b %Y})"  # type: ignore[method-assign,assignment]


class CloseForm(VersionedForm):
    """Close the case."""

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[c for c in CaseOutcome.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome"},
    )


class ReopenForm(VersionedForm):
    """Reopen the case."""

    reason = forms.CharField(
        label="Why is the case being reopened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the case is being reopened"},
    )


class ShareForm(forms.Form):
    """Share with a partner organisation."""

    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Choose the organisation"},
    )
    reason = forms.CharField(label="Why are you sharing? (optional)", max_length=300, required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class PerformanceFilterForm(forms.Form):
    """Filters of the performance page."""

    start = DateInputField(label="From", subject="from date", required=False)
    end = DateInputField(label="To", subject="to date", required=False)
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.all(), required=False, empty_label="All organisations"
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.select_related("organisation"), required=False, empty_label="All teams"
    )
    area = forms.CharField(label="Area", max_length=100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end date must be on or after the start date")
        return data


class PersonSearchForm(forms.Form):
    """Find a person."""

    q = forms.CharField(label="Name or postcode", max_length=100, required=False)
