"""Forms of community messaging: the public sign-up and manage pages (translated) and the staff message form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from safer.engagement.messaging.areas import RADII
from safer.engagement.messaging.choices import Group, SubscriberChannel, Topic
from safer.geography.bng import bng_point, in_uk_bounds
from safer.geography.grid_reference import grid_reference_parse

AREA_FIELDS = ("districts", "places", "custom_areas", "kept_places", "place", "latitude")


def _checkboxes(choices: Any, label: Any, *, required: bool = False, error: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages={"required": error},
    )


def _distance(metres: int) -> Any:
    return _("%(n)s metres") % {"n": metres} if metres < 1000 else _("%(n)s km") % {"n": metres // 1000}


class SubscriptionChoicesForm(forms.Form):
    """Areas, topics and groups: shared by sign-up and manage.

    A place on the map is a pin (latitude and longitude, set by the map script) or, without the map, a street
    name, postcode or grid reference typed in `place`; a name that matches several places asks which one. The
    view finds the matches (`place_matches`, views.public_base.places_find) or what to say when there are none
    (`place_not_found`: an unknown postcode is told apart from an unknown name).
    `cleaned_data["place_at"]` is then (easting, northing, label) in BNG metres.
    """

    districts = _checkboxes([], _("Which districts do you want messages about?"))
    places = _checkboxes([], _("Or which neighbourhoods? (choose a place near you)"))
    custom_areas = _checkboxes([], _("Or which of these areas?"))
    kept_places = _checkboxes([], _("Your places on the map"))
    place = forms.CharField(
        label=_("Or a place on the map: street name, postcode or grid reference"),
        help_text=_("For example, Cowley Road, OX4 1AB or SP 513 061."),
        required=False,
        max_length=100,
    )
    place_choice = forms.ChoiceField(label=_("Which place did you mean?"), widget=forms.RadioSelect, required=False)
    radius = forms.TypedChoiceField(
        coerce=int,
        choices=[(r, _distance(r)) for r in RADII],
        initial=1000,
        label=_("How far from the place?"),
        widget=forms.RadioSelect,
        required=False,
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    topics = _checkboxes(
        Topic.choices, _("What do you want to hear about?"), required=True, error=_("Choose at least one topic.")
    )
    groups = _checkboxes(
        Group.choices,
        _("Do you belong to any of these groups? (optional)"),
    )

    def __init__(
        self,
        *args: Any,
        districts: list[str],
        places: list[tuple[str, str]],
        custom: list[tuple[str, str]] | None = None,
        kept: list[tuple[str, str]] | None = None,
        place_matches: list[dict[str, Any]] | None = None,
        place_not_found: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.place_matches = place_matches or []
        self.place_not_found = place_not_found
        if len(self.place_matches) > 1:
            cast(forms.ChoiceField, self.fields["place_choice"]).choices = [
                (str(i), m["label"]) for i, m in enumerate(self.place_matches)
            ]
        else:
            del self.fields["place_choice"]
        if kept:
            cast(forms.ChoiceField, self.fields["kept_places"]).choices = kept
        else:
            del self.fields["kept_places"]
        if custom:
            cast(forms.ChoiceField, self.fields["custom_areas"]).choices = custom
        else:
            del self.fields["custom_areas"]
        cast(forms.ChoiceField, self.fields["districts"]).choices = [(d, d) for d in districts]
        cast(forms.ChoiceField, self.fields["places"]).choices = places
        self.fields["groups"].help_text = _("Our staff check group membership before you get the group's messages.")
        if not places:
            del self.fields["places"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["place_at"] = self._place_at(cleaned)
        place_failed = "place" in self.errors or "place_choice" in self.errors
        if not any(cleaned.get(name) for name in AREA_FIELDS) and not place_failed:
            self.add_error("districts", _("Choose at least one area."))
        if cleaned["place_at"] and not cleaned.get("radius"):
            cleaned["radius"] = 1000
        return cleaned

    def _place_at(self, cleaned: dict[str, Any]) -> tuple[float, float, str] | None:
        """The place on the map as (easting, northing, label): the pin, else the grid reference or the match."""
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        text = " ".join((cleaned.get("place") or "").split())
        if latitude is not None and longitude is not None:
            if not in_uk_bounds(longitude, latitude):
                self.add_error("place", _("The place you chose is not in the UK."))
                return None
            return (*bng_point(longitude, latitude), text)
        if not text:
            return None
        if (grid := grid_reference_parse(text)) is not None:
            return (*grid, text)
        if len(text) < 3:
            self.add_error("place", _("Enter at least 3 letters of the street name, place or postcode"))
            return None
        if not self.place_matches:
            self.add_error(
                "place",
                self.place_not_found
                or _("No places found matching “%(query)s”. Try another spelling or a nearby street.")
                % {"query": text},
            )
            return None
        if len(self.place_matches) == 1:
            chosen = self.place_matches[0]
        elif cleaned.get("place_choice", "") != "":
            chosen = self.place_matches[int(cleaned["place_choice"])]
        else:
            self.add_error("place_choice", _("Choose which place you meant."))
            return None
        return (*bng_point(chosen["longitude"], chosen["latitude"]), chosen["label"])


class SignUpForm(SubscriptionChoicesForm):
    """Sign up: how to reach you, then areas, topics and groups, then consent. `website` is the honeypot."""

    channel = forms.ChoiceField(
        choices=SubscriberChannel.choices,
        label=_("How do you want to get messages?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to get messages.")},
    )
    email = forms.CharField(
        label=_("Email address"), required=False, help_text=_("We will send you a link to confirm it.")
    )
    phone = forms.CharField(label=_("UK mobile number"), required=False, help_text=_("For text messages."))
    consent = forms.BooleanField(error_messages={"required": _("You must agree before we can send you messages.")})
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    field_order = [
        "channel",
        "email",
        "phone",
        "districts",
        "places",
        "custom_areas",
        "place",
        "place_choice",
        "radius",
        "topics",
        "groups",
        "consent",
    ]

    def __init__(self, *args: Any, consent_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        channel = cleaned.get("channel")
        if channel == SubscriberChannel.EMAIL and not (cleaned.get("email") or "").strip():
            self.add_error("email", _("Enter your email address."))
        if channel == SubscriberChannel.SMS and not (cleaned.get("phone") or "").strip():
            self.add_error("phone", _("Enter your mobile number."))
        return cleaned


class RateForm(forms.Form):
    """How useful a message was."""

    score = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (5, _("Very useful")),
            (4, _("Useful")),
            (3, _("Neither useful nor not useful")),
            (2, _("Not very useful")),
            (1, _("Not useful at all")),
        ],
        label=_("How useful was this message?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how useful the message was.")},
    )


class ReplyForm(forms.Form):
    """A reply to a message."""

    text = forms.CharField(
        label=_("Reply to this message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Do not use this to report a crime. In an emergency call 999."),
        error_messages={"required": _("Enter your reply.")},
    )


# ---- Staff ------------------------------------------------------------------------------------------


class MessageForm(forms.Form):
    """Write a message: words (from a template), audience and channels."""

    template = forms.ChoiceField(label="Start from a template", required=False)
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}))
    topic = forms.ChoiceField(label="Topic", choices=Topic.choices, help_text="Only subscribers to this topic get it.")
    districts = forms.MultipleChoiceField(
        label="Districts", required=False, widget=forms.CheckboxSelectMultiple, help_text="None ticked: every area."
    )
    custom_areas = forms.MultipleChoiceField(label="Custom areas", required=False, widget=forms.CheckboxSelectMultiple)
    groups = forms.MultipleChoiceField(
        label="Groups",
        choices=Group.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: everyone; else only approved members of the groups ticked.",
    )
    channels = forms.MultipleChoiceField(
        label="Channels", choices=SubscriberChannel.choices, widget=forms.CheckboxSelectMultiple, initial=["email"]
    )

    def __init__(
        self,
        *args: Any,
        templates: list[tuple[str, str]],
        districts: list[str],
        custom: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["template"]).choices = [("", "No template"), *templates]
        cast(forms.ChoiceField, self.fields["districts"]).choices = [(d, d) for d in districts]
        cast(forms.ChoiceField, self.fields["custom_areas"]).choices = custom
        if not custom:
            del self.fields["custom_areas"]


class ScheduleForm(forms.Form):
    """When to send a message."""

    when = forms.DateTimeField(
        label="Send at (Europe/London, YYYY-MM-DD HH:MM)", input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
    )


class DigestForm(forms.Form):
    """Which month the digest describes (blank: the latest with data)."""

    month = forms.DateField(label="Month (YYYY-MM, blank for the latest)", required=False, input_formats=["%Y-%m"])


class GroupDecisionForm(forms.Form):
    """Approve or refuse a group membership."""

    membership = forms.IntegerField(widget=forms.HiddenInput)
    approved = forms.TypedChoiceField(coerce=lambda v: v == "yes", choices=[("yes", "Approve"), ("no", "Refuse")])
