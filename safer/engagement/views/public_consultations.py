"""The public consultation: start, place (map or search), feeling, why, about you, check and send, comments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from safer.accounts.models import Organisation
from safer.engagement import crime
from safer.engagement.choices import AgeBand, Connection, Feeling, Sex
from safer.engagement.errors import EngagementError, EngagementInputError, PublicSpamError
from safer.engagement.forms import (
    AboutYouForm,
    CheckAnswersForm,
    FeelingForm,
    PlaceChooseForm,
    PlacePointForm,
    PlaceSearchForm,
    WhyForm,
)
from safer.engagement.models import Consultation, Contribution
from safer.engagement.selectors.consultations import consultation_get_public, published_comments
from safer.engagement.services.consultations import consultation_visit
from safer.engagement.services.contributions import (
    consultation_is_open,
    contribution_agree,
    contribution_submit,
    point_in_area,
    respondent_count,
)
from safer.engagement.services.public import public_submission_check
from safer.engagement.views.public_base import PublicView, draft_get, draft_update, places_find_kept

STEPS = ("place", "feeling", "why", "about", "check")


def _draft_key(consultation: Consultation) -> str:
    return f"engagement_contribution_{consultation.pk}"


def _url(name: str, consultation: Consultation) -> str:
    return reverse(f"engagement:public-consultation-{name}", args=[consultation.pk])


def map_settings() -> dict[str, str]:
    """Tile server settings for the map script (no tiles unless configured: the map still works)."""
    tiles = settings.SAFER_MAP_TILE_URL
    return {"tiles": "" if tiles in ("", "none") else tiles, "attribution": settings.SAFER_MAP_TILE_ATTRIBUTION}


class ConsultationPublicView(PublicView):
    """A page of one published consultation."""

    consultation: Consultation
    needs_open = True

    def get_organisation(self, **kwargs: Any) -> Organisation:
        self.consultation = consultation_get_public(pk=kwargs["pk"])
        return self.consultation.organisation

    def consultation_page(self, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
        c = self.consultation
        return self.page(
            template,
            {
                "consultation": c,
                "title": c.localised("title"),
                "is_open": consultation_is_open(c),
                "draft": draft_get(self.request, _draft_key(c)),
                **context,
            },
            status=status,
        )

    def closed(self) -> HttpResponse | None:
        """The closed page when the consultation no longer takes contributions."""
        if self.needs_open and not consultation_is_open(self.consultation):
            return self.consultation_page("engagement/public/consultation_closed.html", {}, status=410)
        return None

    def missing(self, *names: str) -> HttpResponse | None:
        """Send the resident back to the first question they have not answered."""
        draft = draft_get(self.request, _draft_key(self.consultation))
        for name in names:
            if name not in draft:
                step = "place" if name in ("latitude", "longitude") else name
                return HttpResponseRedirect(_url(step, self.consultation))
        return None


class ConsultationStartView(ConsultationPublicView):
    """The start page: what the consultation is about, its privacy notice, and Start now."""

    needs_open = False

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        counted = set(request.session.get("engagement_visited", []))
        if self.consultation.pk not in counted:
            consultation_visit(consultation=self.consultation)
            request.session["engagement_visited"] = sorted(counted | {self.consultation.pk})
        return self.consultation_page(
            "engagement/public/consultation_start.html",
            {
                "introduction": self.consultation.localised("introduction"),
                "privacy_notice": self.consultation.localised("privacy_notice"),
                "comment_count": len(published_comments(consultation=self.consultation, limit=1)),
            },
        )


class ConsultationPlaceView(ConsultationPublicView):
    """Where: a pin on the map (with a script), or a street, place or postcode chosen from a search."""

    def _bbox(self) -> crime.Bbox:
        c = self.consultation
        return crime.Bbox(c.south, c.west, c.north, c.east)

    def _render(
        self, *, search: PlaceSearchForm, choose: PlaceChooseForm | None, point: PlacePointForm, status: int = 200
    ) -> HttpResponse:
        c = self.consultation
        return self.consultation_page(
            "engagement/public/consultation_place.html",
            {
                "search_form": search,
                "choose_form": choose,
                "point_form": point,
                "map": {**map_settings(), "south": c.south, "west": c.west, "north": c.north, "east": c.east},
                "errors_forms": [f for f in (search, choose, point) if f is not None],
            },
            status=status,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if (closed := self.closed()) is not None:
            return closed
        draft = draft_get(request, _draft_key(self.consultation))
        matches = draft.get("matches") or []
        choose = PlaceChooseForm(matches=matches) if matches else None
        search = PlaceSearchForm(initial={"query": draft.get("query", "")})
        return self._render(search=search, choose=choose, point=PlacePointForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if (closed := self.closed()) is not None:
            return closed
        key = _draft_key(self.consultation)
        draft = draft_get(request, key)
        matches = draft.get("matches") or []
        action = request.POST.get("action")
        search = PlaceSearchForm()
        point = PlacePointForm()
        choose = PlaceChooseForm(matches=matches) if matches else None
        if action == "search":
            search = PlaceSearchForm(request.POST)
            if search.is_valid():
                query = search.cleaned_data["query"]
                problem = places_find_kept(request, key, organisation=self.organisation, query=query, bbox=self._bbox())
                if not problem:
                    return HttpResponseRedirect(_url("place", self.consultation) + "#choose")
                search.add_error("query", problem)
                choose = None
        elif action == "choose" and matches:
            choose = PlaceChooseForm(request.POST, matches=matches)
            if choose.is_valid():
                chosen = matches[int(choose.cleaned_data["place"])]
                return self._placed(chosen["latitude"], chosen["longitude"], chosen["label"])
        elif action == "point":
            point = PlacePointForm(request.POST)
            if point.is_valid():
                lat, lon = point.cleaned_data["latitude"], point.cleaned_data["longitude"]
                if point_in_area(self.consultation, latitude=lat, longitude=lon):
                    return self._placed(lat, lon, "")
                point.add_error(None, _("The pin is outside the consultation area. Put it inside the area."))
        else:
            search.add_error("query", _("Enter a street name, place or postcode"))
        return self._render(search=search, choose=choose, point=point, status=400)

    def _placed(self, latitude: float, longitude: float, label: str) -> HttpResponse:
        draft_update(
            self.request,
            _draft_key(self.consultation),
            {"latitude": latitude, "longitude": longitude, "place_label": label, "matches": []},
        )
        return HttpResponseRedirect(self._next("feeling"))

    def _next(self, step: str) -> str:
        return _url("check" if self.request.GET.get("return") == "check" else step, self.consultation)


class ConsultationQuestionView(ConsultationPublicView):
    """One question page: a form whose answers go into the draft, then the next page."""

    template = "engagement/public/consultation_question.html"
    step = ""
    next_step = ""
    needs: tuple[str, ...] = ()

    def make_form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if (stop := self.closed() or self.missing(*self.needs)) is not None:
            return stop
        return self._render(self.make_form(initial=draft_get(request, _draft_key(self.consultation))))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if (stop := self.closed() or self.missing(*self.needs)) is not None:
            return stop
        form = self.make_form(data=request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        draft_update(request, _draft_key(self.consultation), form.cleaned_data)
        step = "check" if request.GET.get("return") == "check" else self.next_step
        if step == "about" and not self.consultation.ask_demographics:
            step = "check"
        return HttpResponseRedirect(_url(step, self.consultation))

    def _render(self, form: Any, status: int = 200) -> HttpResponse:
        back = {"feeling": "place", "why": "feeling", "about": "why"}.get(self.step, "start")
        return self.consultation_page(
            self.template, {"form": form, "step": self.step, "back": _url(back, self.consultation)}, status=status
        )


class ConsultationFeelingView(ConsultationQuestionView):
    """How safe do you feel in this place?"""

    step, next_step, needs = "feeling", "why", ("latitude",)

    def make_form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        if initial and "feeling" in initial:
            initial = {"feeling": str(initial["feeling"])}
        return FeelingForm(data, initial=initial)


class ConsultationWhyView(ConsultationQuestionView):
    """Why do you feel like this? And a comment."""

    step, next_step, needs = "why", "about", ("latitude", "feeling")

    def make_form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        tags = [(t.code, str(t)) for t in self.consultation.tags.all()]
        return WhyForm(data, initial=initial, tags=tags)


class ConsultationAboutView(ConsultationQuestionView):
    """Optional questions about the resident."""

    step, next_step, needs = "about", "check", ("latitude", "feeling", "tags")

    def make_form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        if not self.consultation.ask_demographics:
            raise Http404
        return AboutYouForm(data, initial=initial)


class ConsultationCheckView(ConsultationPublicView):
    """Check your answers, then send (the honeypot and the rate limit are checked here)."""

    def _render(self, form: CheckAnswersForm, *, error: str = "", status: int = 200) -> HttpResponse:
        draft = draft_get(self.request, _draft_key(self.consultation))
        tags = {t.code: str(t) for t in self.consultation.tags.all()}
        answers = {
            "place": draft.get("place_label") or _("The pin you placed on the map"),
            "feeling": str(Feeling(int(draft["feeling"])).label),
            "tags": [tags[c] for c in draft.get("tags", []) if c in tags],
            "comment": draft.get("comment", ""),
            "age_band": str(AgeBand(draft.get("age_band", "")).label) if self.consultation.ask_demographics else "",
            "sex": str(Sex(draft.get("sex", "")).label) if self.consultation.ask_demographics else "",
            "connections": [str(Connection(c).label) for c in draft.get("connections", [])],
        }
        return self.consultation_page(
            "engagement/public/consultation_check.html",
            {"form": form, "answers": answers, "error": error},
            status=status,
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if (stop := self.closed() or self.missing("latitude", "feeling", "tags")) is not None:
            return stop
        return self._render(CheckAnswersForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if (stop := self.closed() or self.missing("latitude", "feeling", "tags")) is not None:
            return stop
        form = CheckAnswersForm(request.POST)
        form.is_valid()
        key = _draft_key(self.consultation)
        draft = draft_get(request, key)
        try:
            public_submission_check(
                kind="consultation",
                address=request.META.get("REMOTE_ADDR", ""),
                honeypot=form.cleaned_data.get("website", ""),
            )
            contribution_submit(
                consultation=self.consultation,
                latitude=float(draft["latitude"]),
                longitude=float(draft["longitude"]),
                place_label=draft.get("place_label", ""),
                feeling=int(draft["feeling"]),
                tag_codes=draft.get("tags", []),
                comment=draft.get("comment", ""),
                age_band=draft.get("age_band", ""),
                sex=draft.get("sex", ""),
                connections=draft.get("connections", []),
                language="cy" if self.language == "cy" else "en",
            )
        except PublicSpamError:
            # Spam gets the same thank-you page, so a script learns nothing.
            return HttpResponseRedirect(_url("done", self.consultation))
        except EngagementInputError as error:
            return self._render(form, error=error.message, status=400)
        except EngagementError as error:
            return self._render(form, error=error.message, status=429 if error.code == "rate_limited" else 400)
        sent = set(request.session.get("engagement_responded", []))
        if self.consultation.pk not in sent:
            respondent_count(consultation=self.consultation)
            request.session["engagement_responded"] = sorted(sent | {self.consultation.pk})
        request.session.pop(key, None)
        return HttpResponseRedirect(_url("done", self.consultation))


class ConsultationDoneView(ConsultationPublicView):
    """Thank you: add another place, or see others' comments."""

    needs_open = False

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.consultation_page("engagement/public/consultation_done.html", {})


class ConsultationCommentsView(ConsultationPublicView):
    """Published comments, as a list (and on the map with a script); residents may agree with them."""

    needs_open = False

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        comments = published_comments(consultation=self.consultation)
        agreed = set(request.session.get("engagement_agreed", []))
        c = self.consultation
        points = [
            {"lat": x.latitude, "lon": x.longitude, "feeling": str(Feeling(x.feeling).label), "comment": x.comment}
            for x in comments
        ]
        return self.consultation_page(
            "engagement/public/consultation_comments.html",
            {
                "comments": comments,
                "agreed": agreed,
                "points": points,
                "map": {**map_settings(), "south": c.south, "west": c.west, "north": c.north, "east": c.east},
            },
        )


class ConsultationAgreeView(ConsultationPublicView):
    """Agree with a published comment (once per browser session)."""

    def post(self, request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
        found = Contribution.objects.filter(pk=contribution, consultation=self.consultation).first()
        if found is None:
            raise Http404
        agreed = set(request.session.get("engagement_agreed", []))
        if found.pk not in agreed:
            try:
                contribution_agree(contribution=found)
            except EngagementError:
                raise Http404 from None
            request.session["engagement_agreed"] = sorted(agreed | {found.pk})
        return HttpResponseRedirect(_url("comments", self.consultation) + f"#comment-{found.pk}")
