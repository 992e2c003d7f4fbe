"""Public pages of community messaging: sign up, confirm, manage or delete, unsubscribe (one click), rate and reply.

Pages reached from a message carry the subscriber's opaque token in the path (never an address); they are never
cached and send no referrer to other sites, so the token does not leak.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt

from safer.accounts.models import Organisation
from safer.engagement import crime
from safer.engagement.errors import EngagementError, EngagementNotFoundError, PlaceNotFoundError, PublicSpamError
from safer.engagement.messaging.areas import (
    ChosenArea,
    area_for_custom,
    area_for_district,
    area_for_place,
    area_for_point,
    custom_area_options,
)
from safer.engagement.messaging.forms import RateForm, ReplyForm, SignUpForm, SubscriptionChoicesForm
from safer.engagement.messaging.subscribers import (
    consent_wording,
    message_rate,
    message_reply,
    subscriber_by_token,
    subscriber_confirm,
    subscriber_delete,
    subscriber_sign_up,
    subscriber_unsubscribe,
    subscriber_update,
)
from safer.engagement.models import CommunityMessage, NamedPlace, Subscriber
from safer.engagement.services.partnership import engagement_settings_for
from safer.engagement.services.public import public_submission_check
from safer.engagement.views.public_base import PublicView, places_find
from safer.engagement.views.public_consultations import map_settings
from safer.engagement.views.staff_base import form_error
from safer.geography.grid_reference import grid_reference_parse

DONE_KEY = "engagement_alerts_done"


def area_options(organisation: Organisation) -> dict[str, Any]:
    """The districts (from the warehouse, else the partnership's district), named places and custom areas."""
    try:
        districts = crime.district_names()
    except Exception:  # noqa: BLE001 - no warehouse yet: offer the partnership's own district
        districts = []
    own = engagement_settings_for(organisation).district
    if own and own not in districts:
        districts = [own, *districts]
    places = [(str(p.pk), p.name) for p in NamedPlace.objects.filter(organisation=organisation)]
    return {"districts": districts, "places": places, "custom": custom_area_options()}


def _district_box(organisation: Organisation) -> crime.Bbox | None:
    """The partnership's district as a box (where the map opens and street names are searched), if known."""
    district = engagement_settings_for(organisation).district
    try:
        return crime.district_bbox(district) if district else None
    except Exception:  # noqa: BLE001 - no warehouse yet: named places and grid references still work
        return None


def map_options(organisation: Organisation) -> dict[str, Any] | None:
    """What the map script needs: the box it opens on and the tile server (no map without a known district)."""
    box = _district_box(organisation)
    if box is None:
        return None
    return {**map_settings(), "south": box.south, "west": box.west, "north": box.north, "east": box.east}


def place_search_for(organisation: Organisation, data: Any) -> dict[str, Any]:
    """The form's `place_matches` for the typed place (when there is no pin and it is not a grid reference), and
    `place_not_found`, what to tell the resident when nothing matches."""
    if data is None or data.get("latitude") or data.get("longitude"):
        return {}
    text = " ".join(str(data.get("place", "")).split())
    if len(text) < 3 or grid_reference_parse(text) is not None:
        return {}
    try:
        return {"place_matches": places_find(organisation=organisation, query=text, bbox=_district_box(organisation))}
    except PlaceNotFoundError as error:
        return {"place_not_found": error.message}


def chosen_areas(
    organisation: Organisation, cleaned: dict[str, Any], kept: list[ChosenArea] | None = None
) -> list[ChosenArea]:
    """The areas chosen on the form: whole districts, the neighbourhood (LSOA) of each named place, custom areas,
    the subscriber's places on the map still ticked (`kept`), and a new place on the map with its radius."""
    areas = [area_for_district(name) for name in cleaned.get("districts", [])]
    ticked = set(cleaned.get("kept_places", []))
    areas += [a for a in kept or [] if a.code in ticked]
    if place := cleaned.get("place_at"):
        easting, northing, label = place
        areas.append(area_for_place(easting=easting, northing=northing, radius=cleaned["radius"], label=label))
    ids = [int(pk) for pk in cleaned.get("places", [])]
    for place in NamedPlace.objects.filter(organisation=organisation, pk__in=ids):
        found = area_for_point(latitude=place.latitude, longitude=place.longitude)
        areas.append(replace(found, name=f"{place.name} ({found.name})"))
    names = dict(custom_area_options())
    areas += [area_for_custom(area_id=int(pk), name=names.get(pk, pk)) for pk in cleaned.get("custom_areas", [])]
    return areas


def _private(response: HttpResponse) -> HttpResponse:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"  # no referrer to other sites; ours keep Origin for CSRF
    return response


class AlertsSignUpView(PublicView):
    """Sign up for community messages: e-mail (confirmed by a link) or mobile; areas, topics, groups; consent."""

    def _form(self, data: Any = None) -> SignUpForm:
        return SignUpForm(
            data,
            **area_options(self.organisation),
            **place_search_for(self.organisation, data),
            consent_label=consent_wording(self.organisation),
        )

    def _render(self, form: SignUpForm, status: int = 200, error: str = "") -> HttpResponse:
        context = {"form": form, "error": error, "map": map_options(self.organisation)}
        return _private(self.page("engagement/public/alerts_signup.html", context, status=status))

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        return self._render(self._form())

    def post(self, request: HttpRequest, org: int) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        data = form.cleaned_data
        try:
            public_submission_check(
                kind="alerts", address=request.META.get("REMOTE_ADDR", ""), honeypot=data.get("website", "")
            )
            subscriber_sign_up(
                organisation=self.organisation,
                channel=data["channel"],
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                areas=chosen_areas(self.organisation, data),
                topics=data["topics"],
                groups=data.get("groups", []),
                consent=data["consent"],
                language="cy" if self.language == "cy" else "en",
            )
        except PublicSpamError:
            request.session[DONE_KEY] = "email"
            return HttpResponseRedirect(reverse("engagement:public-alerts-done", args=[org]))
        except EngagementError as error:
            if error.code == "rate_limited":
                return self._render(form, status=429, error=error.message)
            form_error(form, error)
            return self._render(form, status=400)
        request.session[DONE_KEY] = data["channel"]
        return HttpResponseRedirect(reverse("engagement:public-alerts-done", args=[org]))


class AlertsDoneView(PublicView):
    """Signed up: check your e-mail (or: you will get texts)."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        channel = request.session.get(DONE_KEY)
        if channel is None:
            return HttpResponseRedirect(reverse("engagement:public-alerts", args=[org]))
        return self.page("engagement/public/alerts_done.html", {"channel": channel})


class TokenView(PublicView):
    """A page reached through the link in a message: the token names the subscription (and its partnership)."""

    subscriber: Subscriber

    def get_organisation(self, **kwargs: Any) -> Organisation:
        self.subscriber = subscriber_by_token(kwargs["token"])
        return self.subscriber.organisation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _private(super().dispatch(request, *args, **kwargs))


class AlertsConfirmView(TokenView):
    """Confirm an e-mail address: a button, so mail scanners that open links do not confirm for people."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page("engagement/public/alerts_confirm.html", {"confirmed": self.subscriber.confirmed_at})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber_confirm(token=token)
        return HttpResponseRedirect(reverse("engagement:public-alerts-manage", args=[token]) + "?confirmed=1")


class AlertsManageView(TokenView):
    """Change areas, topics and groups, or delete the subscription."""

    def _kept(self) -> list[ChosenArea]:
        """The subscriber's places on the map, as they were chosen."""
        return [
            ChosenArea(a.kind, a.code, a.name, a.district, easting=a.easting, northing=a.northing, radius=a.radius)
            for a in self.subscriber.areas.all()
            if a.kind == "point"
        ]

    def _form(self, data: Any = None) -> SubscriptionChoicesForm:
        mine = self.subscriber.areas.all()
        kept = self._kept()
        initial = {
            "districts": [a.code for a in mine if a.kind == "district"],
            "custom_areas": [a.code for a in mine if a.kind == "custom"],
            "kept_places": [a.code for a in kept],
            "topics": list(self.subscriber.topics.values_list("topic", flat=True)),
            "groups": list(self.subscriber.groups.values_list("group", flat=True)),
        }
        return SubscriptionChoicesForm(
            data,
            **area_options(self.organisation),
            kept=[(a.code, a.name) for a in kept],
            **place_search_for(self.organisation, data),
            initial=initial,
        )

    def _render(self, form: SubscriptionChoicesForm, status: int = 200, saved: bool = False) -> HttpResponse:
        return self.page(
            "engagement/public/alerts_manage.html",
            {
                "form": form,
                "subscriber": self.subscriber,
                "areas": list(self.subscriber.areas.all()),
                "groups": list(self.subscriber.groups.all()),
                "saved": saved,
                "confirmed": self.request.GET.get("confirmed") == "1",
                "map": map_options(self.organisation),
            },
            status=status,
        )

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self._render(self._form())

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        if request.POST.get("action") == "delete":
            subscriber_delete(token=token)
            request.session[DONE_KEY] = "deleted"
            return HttpResponseRedirect(reverse("engagement:public-alerts-left", args=[self.organisation.pk]))
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            subscriber_update(
                token=token,
                areas=chosen_areas(self.organisation, form.cleaned_data, kept=self._kept()),
                topics=form.cleaned_data["topics"],
                groups=form.cleaned_data.get("groups", []),
            )
        except EngagementError as error:
            form_error(form, error)
            return self._render(form, status=400)
        self.subscriber.refresh_from_db()
        return self._render(self._form(), saved=True)


@method_decorator(csrf_exempt, name="dispatch")
class AlertsUnsubscribeView(PublicView):
    """Unsubscribe: a page with one button, and the RFC 8058 one-click POST mail clients make (no CSRF token)."""

    def get_organisation(self, **kwargs: Any) -> Organisation:
        found = Subscriber.objects.select_related("organisation").filter(token=kwargs["token"]).first()
        if found is None:
            raise EngagementNotFoundError("Already unsubscribed.")
        return found.organisation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return _private(super().dispatch(request, *args, **kwargs))
        except Http404:
            # Unknown or already used: the outcome the person wants; say so (a one-click POST gets 200 too).
            if request.method == "POST":
                return HttpResponse(status=200)
            raise

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page("engagement/public/alerts_unsubscribe.html", {})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber_unsubscribe(token=token)
        request.session[DONE_KEY] = "unsubscribed"
        return HttpResponseRedirect(reverse("engagement:public-alerts-left", args=[self.organisation.pk]))


class AlertsLeftView(PublicView):
    """Unsubscribed or deleted: nothing more will be sent."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        return self.page("engagement/public/alerts_left.html", {})


class AlertsMessageView(TokenView):
    """Rate a message and reply to it (from the link at the foot of the message)."""

    def _message(self, message_id: Any) -> CommunityMessage:
        found = CommunityMessage.objects.filter(public_id=message_id, deliveries__subscriber=self.subscriber).first()
        if found is None:
            raise Http404
        return found

    def _render(
        self, message: CommunityMessage, rate: RateForm, reply: ReplyForm, status: int = 200, done: str = ""
    ) -> HttpResponse:
        return self.page(
            "engagement/public/alerts_message.html",
            {"message": message, "rate_form": rate, "reply_form": reply, "errors_forms": [rate, reply], "done": done},
            status=status,
        )

    def get(self, request: HttpRequest, token: str, message_id: Any) -> HttpResponse:
        return self._render(self._message(message_id), RateForm(), ReplyForm())

    def post(self, request: HttpRequest, token: str, message_id: Any) -> HttpResponse:
        message = self._message(message_id)
        rate, reply = RateForm(), ReplyForm()
        try:
            if request.POST.get("action") == "reply":
                reply = ReplyForm(request.POST)
                if reply.is_valid():
                    public_submission_check(
                        kind="alerts_reply",
                        address=request.META.get("REMOTE_ADDR", ""),
                        honeypot=request.POST.get("website", ""),
                    )
                    message_reply(token=token, message_id=str(message.public_id), text=reply.cleaned_data["text"])
                    return self._render(message, RateForm(), ReplyForm(), done="reply")
            else:
                rate = RateForm(request.POST)
                if rate.is_valid():
                    message_rate(token=token, message_id=str(message.public_id), score=rate.cleaned_data["score"])
                    return self._render(message, RateForm(), ReplyForm(), done="rate")
        except PublicSpamError:
            return self._render(message, RateForm(), ReplyForm(), done="reply")
        except EngagementError as error:
            form = reply if request.POST.get("action") == "reply" else rate
            if error.code == "rate_limited":
                form.add_error(None, error.message)
            else:
                form_error(form, error)
        return self._render(message, rate, reply, status=400)
