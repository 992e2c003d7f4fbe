"""Engagement forms: the public question pages (translated) and staff forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safer.core.formfields import DateInputField
from safer.engagement.choices import (
    AgeBand,
    AreaKind,
    Connection,
    ContactMethod,
    Feeling,
    HateStrand,
    IncidentKind,
    ModerationReason,
    ModerationStatus,
    PartnerKind,
    PoliceReported,
    PublicLanguages,
    ReferralStatus,
    ReporterRole,
    SafePlaceOffer,
    Sex,
)

_REQUIRED = "required"


def _set_choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PublicDateField(DateInputField):
    """The GOV.UK date input with its messages translated (the core field's messages are English only)."""

    messages = {
        "required": _("Enter the date it happened"),
        "incomplete": _("The date must include a day, month and year"),
        "year_digits": _("Year must include 4 numbers"),
        "invalid": _("The date must be a real date"),
    }

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            code = getattr(error, "code", None) or "invalid"
            raise forms.ValidationError(
                self.messages.get(code, self.messages["invalid"]), code=code, params=getattr(error, "params", None)
            ) from None


def _radios(choices: Any, label: Any, error: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices, label=label, widget=forms.RadioSelect, error_messages={_REQUIRED: error}, **kwargs
    )


def _checkboxes(
    choices: Any, label: Any, error: Any, required: bool = True, **kwargs: Any
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages={_REQUIRED: error},
        **kwargs,
    )


# ---- Public: placing a point ------------------------------------------------------------------


class PlaceSearchForm(forms.Form):
    """Find a place by street name, place name or postcode (the way to take part without the map)."""

    query = forms.CharField(
        label=_("Street name, place or postcode"),
        help_text=_("For example, Cowley Road or Gloucester Green"),
        max_length=100,
        error_messages={_REQUIRED: _("Enter a street name, place or postcode")},
    )

    def clean_query(self) -> str:
        value = " ".join(self.cleaned_data["query"].split())
        if len(value) < 3:
            raise forms.ValidationError(_("Enter at least 3 letters of the street name, place or postcode"))
        return value


class PlaceChooseForm(forms.Form):
    """Choose one of the places the search found."""

    place = forms.ChoiceField(
        label=_("Choose the place"), widget=forms.RadioSelect, error_messages={_REQUIRED: _("Choose a place")}
    )

    def __init__(self, *args: Any, matches: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "place", [(str(i), m["label"]) for i, m in enumerate(matches)])


class PlacePointForm(forms.Form):
    """A point placed on the map (the hidden fields the map script fills)."""

    latitude = forms.FloatField(widget=forms.HiddenInput, min_value=-90, max_value=90)
    longitude = forms.FloatField(widget=forms.HiddenInput, min_value=-180, max_value=180)


# ---- Public: consultation questions ---------------------------------------------------------------


class FeelingForm(forms.Form):
    """How safe the resident feels at the place."""

    feeling = forms.TypedChoiceField(
        choices=[(str(v), label) for v, label in Feeling.choices],
        coerce=int,
        label=_("How safe do you feel in this place?"),
        widget=forms.RadioSelect,
        error_messages={_REQUIRED: _("Choose how safe you feel in this place")},
    )


class WhyForm(forms.Form):
    """Why the resident feels that way, and a comment."""

    tags = _checkboxes([], _("Why do you feel like this?"), "", required=False, help_text=_("Select all that apply"))
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=_(
            "Do not include names or other details that could identify anyone. "
            "Comments are checked before they are published."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Your comment must be 2,000 characters or fewer")},
    )

    def __init__(self, *args: Any, tags: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "tags", tags)


class AboutYouForm(forms.Form):
    """Optional demographics."""

    age_band = forms.ChoiceField(
        choices=AgeBand.choices, label=_("Your age (optional)"), required=False, widget=forms.RadioSelect
    )
    sex = forms.ChoiceField(
        choices=Sex.choices, label=_("Your sex (optional)"), required=False, widget=forms.RadioSelect
    )
    connections = _checkboxes(Connection.choices, _("How do you know this area? (optional)"), "", required=False)


class CheckAnswersForm(forms.Form):
    """The final submit: only the honeypot, which people never see."""

    website = forms.CharField(required=False, label=_("Leave this field empty"))


# ---- Public: hate report ----------------------------------------------------------------------


class ReporterRoleForm(forms.Form):
    """Who is reporting."""

    reporter_role = _radios(
        ReporterRole.choices, _("Who are you in this report?"), _("Choose who you are in this report")
    )


class WhatHappenedForm(forms.Form):
    """What happened."""

    incident_kinds = _checkboxes(
        IncidentKind.choices, _("What happened?"), _("Choose what happened"), help_text=_("Select all that apply")
    )
    what_happened = forms.CharField(
        label=_("Tell us what happened"),
        help_text=_("Include what was said or done. You can leave out anything you do not want to share."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={_REQUIRED: _("Tell us what happened")},
    )


class StrandsForm(forms.Form):
    """Why the reporter thinks it happened."""

    strands = _checkboxes(
        HateStrand.choices,
        _("Why do you think it happened?"),
        _("Choose why you think it happened"),
        help_text=_("Because of someone's… Select all that apply"),
    )
    strand_other = forms.CharField(label=_("If something else, tell us what"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if HateStrand.OTHER in data.get("strands", []) and not data.get("strand_other", "").strip():
            self.add_error("strand_other", _("Tell us what else you think it was about"))
        return data


class WhenForm(forms.Form):
    """When it happened, and whether the police know."""

    occurred_on = PublicDateField(label=_("When did it happen?"))
    reported_to_police = _radios(
        PoliceReported.choices,
        _("Has it been reported to the police?"),
        _("Say whether it has been reported to the police"),
    )


class ConsentForm(forms.Form):
    """Consent to share and with whom."""

    consent_to_share = _radios(
        [("yes", _("Yes, you can share it")), ("no", _("No, keep it for your statistics only"))],
        _("Can we share your report with organisations that can help?"),
        _("Say whether we can share your report"),
    )
    share_with = _checkboxes(
        PartnerKind.choices, _("Who can we share it with?"), "", required=False, help_text=_("Select all that apply")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_to_share") == "yes" and not data.get("share_with"):
            self.add_error("share_with", _("Choose who we can share your report with"))
        return data


class ContactForm(forms.Form):
    """How to contact the reporter, if at all."""

    contact_method = _radios(
        ContactMethod.choices,
        _("Can we contact you about your report?"),
        _("Choose how we can contact you, or that we should not"),
    )
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.com")},
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method = data.get("contact_method")
        if method == ContactMethod.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter your email address"))
        if method == ContactMethod.PHONE and not data.get("phone"):
            self.add_error("phone", _("Enter your phone number"))
        return data


class WherePlaceNameForm(forms.Form):
    """Where it happened, in words (when it cannot be placed on a map, or was online)."""

    place_label = forms.CharField(
        label=_("Where did it happen?"),
        help_text=_("For example, the bus stop on Cowley Road, or the name of a website"),
        max_length=200,
        error_messages={_REQUIRED: _("Tell us where it happened")},
    )


# ---- Staff ----------------------------------------------------------------------------------------


class ConsultationForm(forms.Form):
    """Create a consultation."""

    title = forms.CharField(max_length=200)
    title_cy = forms.CharField(label="Title in Welsh (optional)", max_length=200, required=False)
    introduction = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    introduction_cy = forms.CharField(
        label="Introduction in Welsh (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    area_kind = forms.ChoiceField(choices=AreaKind.choices, widget=forms.RadioSelect, label="Area")
    area_name = forms.ChoiceField(label="District", required=False, choices=[])
    custom_area_id = forms.TypedChoiceField(
        label="Custom area", required=False, choices=[], coerce=int, empty_value=None
    )
    opens_on = DateInputField(label="Opens on")
    closes_on = DateInputField(label="Closes on")
    ask_demographics = forms.BooleanField(
        label="Ask the optional questions about the resident", required=False, initial=True
    )
    extra_tags = forms.CharField(
        label="Your own reasons (optional)",
        help_text="One per line; added to poor lighting, drug dealing, groups gathering, harassment, traffic",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    privacy_notice = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}))
    privacy_notice_cy = forms.CharField(
        label="Privacy notice in Welsh (optional)", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, districts: list[str], custom_areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "area_name", [("", "Choose a district")] + [(d, d) for d in districts])
        _set_choices(self, "custom_area_id", [("", "Choose a custom area")] + [(str(i), n) for i, n in custom_areas])


class ModerationForm(forms.Form):
    """A moderator's decision."""

    outcome = forms.ChoiceField(
        choices=[c for c in ModerationStatus.choices if c[0] != ModerationStatus.PENDING],
        widget=forms.RadioSelect,
        label="Decision",
    )
    reason = forms.ChoiceField(choices=ModerationReason.choices, label="Reason")
    note = forms.CharField(label="Note (optional; required for Other)", required=False, max_length=500)
    redacted_comment = forms.CharField(
        label="Comment with personal data removed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only for 'Published with personal data removed'",
    )


class SafePlaceForm(forms.Form):
    """Add or change a Safe Place."""

    name = forms.CharField(max_length=200)
    address = forms.CharField(max_length=300)
    postcode = forms.CharField(max_length=10, required=False)
    latitude = forms.FloatField(help_text="Degrees, for example 51.7520")
    longitude = forms.FloatField(help_text="Degrees, for example -1.2577")
    opening_hours = forms.CharField(max_length=300, help_text="For example, Friday and Saturday 9pm to 3am")
    opening_hours_cy = forms.CharField(label="Opening hours in Welsh (optional)", max_length=300, required=False)
    offers = forms.MultipleChoiceField(
        choices=SafePlaceOffer.choices, widget=forms.CheckboxSelectMultiple, label="What it offers"
    )
    accessibility = forms.CharField(max_length=500, required=False, help_text="Step-free access, hearing loop, ...")
    accessibility_cy = forms.CharField(label="Accessibility in Welsh (optional)", max_length=500, required=False)
    review_on = DateInputField(label="Review by")
    is_published = forms.BooleanField(label="Show on the public map and in the open data", required=False, initial=True)


class SettingsForm(forms.Form):
    """Partnership engagement settings."""

    languages = forms.ChoiceField(
        choices=PublicLanguages.choices, widget=forms.RadioSelect, label="Languages of the public pages"
    )
    district = forms.CharField(label="District for police-recorded hate crime", required=False, max_length=100)
    reply_to = forms.EmailField(label="Reply-to address for residents (optional)", required=False)


class NamedPlaceForm(forms.Form):
    """Add a named place."""

    name = forms.CharField(max_length=200)
    postcode = forms.CharField(max_length=10, required=False)
    latitude = forms.FloatField()
    longitude = forms.FloatField()


class ReferralUpdateForm(forms.Form):
    """Record a partner's response to a referral."""

    status = forms.ChoiceField(choices=ReferralStatus.choices)
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reporter_told_by_phone = forms.BooleanField(label="I have told the reporter by phone", required=False)


class PartnerForm(forms.Form):
    """Add a partner agency."""

    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=PartnerKind.choices)
    email = forms.EmailField()
    response_days = forms.IntegerField(min_value=1, max_value=90, initial=5, label="Days to respond")


class RoutingRuleForm(forms.Form):
    """Add a routing rule."""

    name = forms.CharField(max_length=200)
    partner = forms.TypedChoiceField(coerce=int, choices=[])
    strands = forms.MultipleChoiceField(
        choices=HateStrand.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: any strand",
    )
    incident_kinds = forms.MultipleChoiceField(
        choices=IncidentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: any kind",
    )
    place_contains = forms.CharField(
        required=False, max_length=100, help_text="Words the place or district must contain; empty: anywhere"
    )

    def __init__(self, *args: Any, partners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "partner", [(str(pk), name) for pk, name in partners])


class HateStatisticsForm(forms.Form):
    """The period of the statistics."""

    month_from = forms.DateField(
        label="From (first day of the month)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    month_to = forms.DateField(
        label="To (first day of the month)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
