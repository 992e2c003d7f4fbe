"""Staff forms of the case review: matching, the decision, the panel, accounts, meetings, recommendations, closing."""

from __future__ import annotations

from typing import Any

from django import forms

from safer.accounts.models import Organisation
from safer.core.formfields import DateInputField


class MatchingForm(forms.Form):
    """Which records are the applicant's, and records to leave out (with reasons)."""

    people = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="People in casework",
        help_text="Person ids (from the person's page address), one per line. People with the "
        "applicant's email or phone are matched automatically.",
    )
    pseudonyms = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reporter pseudonyms in partner extracts",
        help_text="One per line",
    )
    excluded = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Records to leave out",
        help_text="One per line: the record reference, a colon, and why. For example "
        "INC-2026-00012: a different problem",
    )

    def clean_excluded(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for line in self.cleaned_data["excluded"].splitlines():
            if not line.strip():
                continue
            ref, sep, reason = line.partition(":")
            if not sep or not reason.strip():
                raise forms.ValidationError(f"Give a reason after a colon for {ref.strip()[:30]!r}")
            result[ref.strip()] = reason.strip()
        return result


class DecisionForm(forms.Form):
    """The threshold decision."""

    met = forms.ChoiceField(
        label="Is the threshold met?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes: a review will take place"), ("no", "No")],
        error_messages={"required": "Select whether the threshold is met"},
    )
    reasons = forms.CharField(
        label="Reasons (the applicant is told these)",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={"required": "Enter the reasons for the decision"},
    )


class PanelForm(forms.Form):
    """An agency on the panel."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        label="Agency",
        error_messages={"required": "Select the agency"},
    )


class AccountForm(forms.Form):
    """An agency's account of its actions."""

    account = forms.CharField(
        label="Your agency's account",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text="What your agency did about each report, and when",
        error_messages={"required": "Enter your agency's account"},
    )


class MeetingForm(forms.Form):
    """A review meeting."""

    held_on = DateInputField(label="Date of the meeting", subject="date of the meeting")
    attendees = forms.CharField(label="Who attended", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    record = forms.CharField(
        label="What was discussed and agreed", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )


class RecommendationForm(forms.Form):
    """A recommendation."""

    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True), label="Agency responsible"
    )
    due_on = DateInputField(label="Deadline", subject="deadline")


class CompleteForm(forms.Form):
    """Completing a recommendation."""

    note = forms.CharField(label="What was done", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CloseForm(forms.Form):
    """Closing the review."""

    outcome_summary = forms.CharField(
        label="Outcome (the applicant is told this)", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    lessons_learned = forms.CharField(
        label="Lessons learned for the partnership",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class StatusFilterForm(forms.Form):
    """Filter applications by status."""

    status = forms.ChoiceField(required=False, label="Status")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from safer.casework.case_review.choices import ApplicationStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any status"), *ApplicationStatus.choices]  # type: ignore[attr-defined]


class SettingsForm(forms.Form):
    """The partnership's threshold and deadlines."""

    complaints_one_person = forms.IntegerField(min_value=1, max_value=50, label="Complaints from one person")
    complainants_community = forms.IntegerField(min_value=1, max_value=100, label="Different people complaining")
    hate_complaints = forms.IntegerField(min_value=1, max_value=50, label="Hate-motivated complaints from one person")
    window_months = forms.IntegerField(min_value=1, max_value=24, label="Within how many months")
    report_within_days = forms.IntegerField(
        min_value=1, max_value=365, label="Each reported within how many days of the incident"
    )
    acknowledge_working_days = forms.IntegerField(min_value=1, max_value=60, label="Acknowledge within (working days)")
    decision_working_days = forms.IntegerField(
        min_value=1, max_value=60, label="Threshold decision within (working days)"
    )
    review_working_days = forms.IntegerField(
        min_value=1, max_value=120, label="Review done within (working days of the decision)"
    )
    coordinating_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True), label="Coordinating organisation", required=False
    )
    pcc_review_contact = forms.CharField(
        label="How to ask the PCC's office (used in messages)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
