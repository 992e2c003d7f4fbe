"""The public application's question pages: one form per page (GOV.UK question pages), Welsh-ready (gettext)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safer.casework.case_review.choices import ApplyingAs, ContactBy
from safer.core.formfields import DateInputField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _required(message: Any) -> dict[str, Any]:
    return {"required": message}


class WhoForm(forms.Form):
    """Who the application is for."""

    applying_as = forms.ChoiceField(
        label=_("Who are you applying for?"),
        choices=ApplyingAs.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select who you are applying for")),
    )


class OnBehalfForm(forms.Form):
    """The person applied for, and their consent."""

    victim_name = forms.CharField(
        label=_("Their full name"),
        max_length=200,
        error_messages=_required(_("Enter the full name of the person you are applying for")),
    )
    consent_confirmed = forms.BooleanField(
        label=_("They have agreed to me applying for them"),
        error_messages=_required(_("Confirm that they have agreed to you applying for them")),
    )


class OrganisationForm(forms.Form):
    """The business or group."""

    organisation_name = forms.CharField(
        label=_("Name of the business or group"),
        max_length=200,
        error_messages=_required(_("Enter the name of the business or group")),
    )


class NameForm(forms.Form):
    """The applicant's name."""

    applicant_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages=_required(_("Enter your full name")),
    )


class ContactForm(forms.Form):
    """How to contact the applicant."""

    contact_by = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactBy.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select how we should contact you")),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("We will only use this to write to you about your application"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact_by") == ContactBy.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter your email address"))
        return data


class AddressForm(forms.Form):
    """The applicant's address."""

    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=500,
        help_text=_("Needed if you want letters; the street and town are enough otherwise"),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages=_required(_("Enter your postcode")),
    )

    def __init__(self, *args: Any, needs_address: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_address = needs_address

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.needs_address and not (data.get("address") or "").strip():
            self.add_error("address", _("Enter your address, so we can send you letters"))
        return data


class ProblemForm(forms.Form):
    """The anti-social behaviour."""

    problem_description = forms.CharField(
        label=_("Describe the anti-social behaviour"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens, how often, and how it affects you"),
        error_messages=_required(_("Describe the anti-social behaviour")),
    )


class LocationForm(forms.Form):
    """Where it happens."""

    problem_location = forms.CharField(
        label=_("Where does it happen?"),
        max_length=300,
        help_text=_("For example, the street or the name of the park"),
        error_messages=_required(_("Enter where the anti-social behaviour happens")),
    )


class HateForm(forms.Form):
    """Hate motivation."""

    hate_motivated = forms.ChoiceField(
        label=_("Do you think it is because of who you are?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("For example your race, religion, disability, sexual orientation or transgender identity"),
        error_messages=_required(_("Select yes if you think it is because of who you are")),
    )


class ReportForm(forms.Form):
    """One report the applicant made."""

    reported_on = DateInputField(
        label=_("When did you report it?"),
        subject="date you reported it",
        required=False,
        error_messages={
            "incomplete": _("The date you reported it must include a day, month and year"),
            "year_digits": _("Year must include 4 numbers"),
            "invalid": _("The date you reported it must be a real date"),
        },
    )
    agency = forms.CharField(
        label=_("Who did you report it to?"),
        max_length=200,
        required=False,
        help_text=_("For example, the council, the police or your housing provider"),
    )
    agency_reference = forms.CharField(label=_("Reference number (if you know it)"), max_length=60, required=False)
    summary = forms.CharField(label=_("What did you report? (optional)"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            if not data.get("reported_on"):
                self.add_error("reported_on", _("Enter the date you reported it"))
            if not (data.get("agency") or "").strip():
                self.add_error("agency", _("Enter who you reported it to"))
        return data


class OutcomeForm(forms.Form):
    """What the applicant wants."""

    outcome_wanted = forms.CharField(
        label=_("What would you like to happen?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required(_("Enter what you would like to happen")),
    )


class ConfirmForm(forms.Form):
    """The check-your-answers page: a honeypot field people never see (bots fill it in)."""

    website = forms.CharField(required=False, label=_("Leave this empty"))
