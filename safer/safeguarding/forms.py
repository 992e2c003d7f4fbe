"""Safeguarding forms: they parse input only; the services validate and save."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from safer.accounts.models import Organisation
from safer.core.formfields import DateInputField
from safer.safeguarding.choices import (
    ActionKind,
    ActionStatus,
    Intervention,
    LessonKind,
    ReviewDecision,
    RiskLevel,
)
from safer.safeguarding.models import ManagementReview, Meeting, ReviewAction

_TEXT = {"rows": 4}


class RankingCreateForm(forms.Form):
    """Produce a ranking for an area on a date with the current scheme."""

    as_of = DateInputField(label="Rank incidents up to", subject="ranking date")


class RankingFilterForm(forms.Form):
    """Filter the ranked list."""

    serial_only = forms.BooleanField(label="Only serial perpetrators (two or more victims)", required=False)


class ReferralForm(forms.Form):
    """A partner agency's referral, assessed on the same scale as police incidents."""

    perpetrator_ref = forms.CharField(
        label="Perpetrator's pseudonymous reference",
        max_length=64,
        help_text="The reference used in the police extract, or your agency's own",
    )
    latest_incident_on = DateInputField(label="Date of the latest incident", subject="date of the latest incident")
    incidents = forms.IntegerField(label="Incidents known to your agency in the last 3 years", min_value=1)
    crime = forms.BooleanField(label="The latest incident is a crime", required=False)
    offence_code = forms.CharField(label="Home Office offence code (crimes only)", max_length=10, required=False)
    victim_count = forms.IntegerField(label="Number of victims", min_value=0, initial=1)
    risk_level = forms.ChoiceField(label="DASH risk level", choices=RiskLevel.choices)
    evidence = forms.CharField(
        label="Evidence", widget=forms.Textarea(attrs=_TEXT), help_text="What your agency knows; no names of victims"
    )


class SchemeForm(forms.Form):
    """A new scheme version's settings, as JSON (the page shows the current ones to edit)."""

    settings = forms.CharField(label="Scoring settings (JSON)", widget=forms.Textarea(attrs={"rows": 24}))
    note = forms.CharField(label="What changed and why", max_length=300)

    def clean_settings(self) -> dict[str, Any]:
        try:
            value = json.loads(self.cleaned_data["settings"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"The settings are not valid JSON (line {error.lineno}).") from None
        if not isinstance(value, dict):
            raise forms.ValidationError("The settings must be a JSON object.")
        return value


class SelectForm(forms.Form):
    """Choose the planned meeting a ranked perpetrator goes to."""

    meeting = forms.ModelChoiceField(label="Meeting", queryset=Meeting.objects.none(), empty_label=None)

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings


class MeetingForm(forms.Form):
    """Plan a meeting."""

    held_on = DateInputField(label="Meeting date", subject="meeting date")
    chair = forms.CharField(label="Chair", max_length=200, required=False)


class MeetingHeldForm(forms.Form):
    """Record that the meeting took place."""

    notes = forms.CharField(label="Notes for the minutes", widget=forms.Textarea(attrs=_TEXT), required=False)


class DecisionForm(forms.Form):
    """The meeting's decision about one subject."""

    intervention = forms.ChoiceField(
        label="Intervention", choices=[("", "None (not adopted)"), *Intervention.choices], required=False
    )
    decision = forms.CharField(label="Decision", widget=forms.Textarea(attrs=_TEXT))


class ActionForm(forms.Form):
    """An action for an agency."""

    subject = forms.ChoiceField(label="Subject")
    kind = forms.ChoiceField(label="Kind of action", choices=ActionKind.choices)
    organisation = forms.ModelChoiceField(label="Agency", queryset=Organisation.objects.none())
    owner = forms.CharField(label="Owner", max_length=200)
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs=_TEXT))
    due_on = DateInputField(label="Due date", subject="due date")

    def __init__(self, *args: Any, subjects: list[tuple[str, str]], organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects  # type: ignore[attr-defined]
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class ActionUpdateForm(forms.Form):
    """Move an action on."""

    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)


class IdentityForm(forms.Form):
    """A subject's name (members of the area's meeting only)."""

    full_name = forms.CharField(label="Full name", max_length=200)
    date_of_birth = DateInputField(label="Date of birth", subject="date of birth", required=False)


class DischargeForm(forms.Form):
    """Discharge a subject from the programme."""

    discharged_on = DateInputField(label="Discharged on", subject="discharge date")
    reason = forms.CharField(label="Reason", max_length=300)


class NotifyForm(forms.Form):
    """A notification of a death that may need a Domestic Homicide Review."""

    title = forms.CharField(label="Pseudonymous title", max_length=200, help_text="For example, Adult A")
    notified_on = DateInputField(label="Date notified", subject="date notified")
    notified_by = forms.CharField(label="Notified by (agency)", max_length=200, required=False)
    circumstances = forms.CharField(label="Circumstances", widget=forms.Textarea(attrs=_TEXT), required=False)


class DecideForm(forms.Form):
    """The decision whether to commission a review."""

    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            (ReviewDecision.COMMISSIONED.value, ReviewDecision.COMMISSIONED.label),
            (ReviewDecision.NOT_COMMISSIONED.value, ReviewDecision.NOT_COMMISSIONED.label),
        ],
    )
    decision_on = DateInputField(label="Date of the decision", subject="date of the decision")
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs=_TEXT))


class ChairForm(forms.Form):
    """The independent chair."""

    chair_name = forms.CharField(label="Independent chair", max_length=200)
    appointed_on = DateInputField(label="Appointed on", subject="appointment date")


class PanelForm(forms.Form):
    """A panel member."""

    name = forms.CharField(label="Name", max_length=200)
    agency = forms.CharField(label="Agency", max_length=200)
    role = forms.CharField(label="Role on the panel", max_length=200, required=False)


class ImrRequestForm(forms.Form):
    """An individual management review requested."""

    agency = forms.CharField(label="Agency", max_length=200)
    requested_on = DateInputField(label="Requested on", subject="request date")


class ImrReceivedForm(forms.Form):
    """An individual management review received."""

    imr = forms.ModelChoiceField(label="Management review", queryset=ManagementReview.objects.none())
    received_on = DateInputField(label="Received on", subject="date received")

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["imr"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = review.management_reviews.filter(received_on__isnull=True)


class DraftForm(forms.Form):
    """A draft overview report circulated."""

    circulated_on = DateInputField(label="Circulated on", subject="circulation date")
    note = forms.CharField(label="Note", max_length=300, required=False)


class DatedForm(forms.Form):
    """One date (submission, publication)."""

    on = DateInputField(label="Date", subject="date")


class FeedbackForm(forms.Form):
    """The Quality Assurance Panel's feedback."""

    feedback_on = DateInputField(label="Feedback received on", subject="feedback date")
    feedback = forms.CharField(label="Summary of the feedback", widget=forms.Textarea(attrs=_TEXT))


class ReviewActionForm(forms.Form):
    """A line of the action plan."""

    description = forms.CharField(label="Action", widget=forms.Textarea(attrs=_TEXT))
    agency = forms.CharField(label="Agency", max_length=200)
    owner = forms.CharField(label="Owner", max_length=200)
    due_on = DateInputField(label="Due date", subject="due date")


class ReviewActionUpdateForm(forms.Form):
    """Progress on an action plan line."""

    action = forms.ModelChoiceField(label="Action", queryset=ReviewAction.objects.none())
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    progress = forms.CharField(label="Progress", widget=forms.Textarea(attrs=_TEXT), required=False)

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = review.actions.all()


class LessonForm(forms.Form):
    """A lesson or recommendation."""

    kind = forms.ChoiceField(label="Kind", choices=LessonKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Text", widget=forms.Textarea(attrs=_TEXT))


class LessonSearchForm(forms.Form):
    """Search lessons and recommendations."""

    q = forms.CharField(label="Words to find", max_length=200, required=False)
