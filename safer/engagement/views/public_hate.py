"""The public hate report: question pages declared once and run by one view, then check, send and done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safer.engagement import crime
from safer.engagement.choices import ContactMethod, HateStrand, IncidentKind, PartnerKind, PoliceReported, ReporterRole
from safer.engagement.errors import EngagementError, PublicSpamError
from safer.engagement.forms import (
    CheckAnswersForm,
    ConsentForm,
    ContactForm,
    PlaceChooseForm,
    PlacePointForm,
    PlaceSearchForm,
    ReporterRoleForm,
    StrandsForm,
    WhatHappenedForm,
    WhenForm,
    WherePlaceNameForm,
)
from safer.engagement.services.hate_reports import hate_report_submit
from safer.engagement.services.partnership import engagement_settings_for
from safer.engagement.services.public import public_submission_check
from safer.engagement.views.public_base import PublicView, draft_get, draft_update, places_find_kept
from safer.engagement.views.public_consultations import map_settings


@dataclass(frozen=True)
class Step:
    """One question page of the report: its address, form and the answer it must follow."""

    slug: str
    form: type[forms.Form]
    title: Any
    after: str = ""


STEPS = [
    Step("who", ReporterRoleForm, gettext_lazy("Who are you in this report?")),
    Step("what", WhatHappenedForm, gettext_lazy("What happened?"), "reporter_role"),
    Step("why", StrandsForm, gettext_lazy("Why do you think it happened?"), "what_happened"),
    # "where" is its own view (map, search or words), between "why" and "when".
    Step("when", WhenForm, gettext_lazy("When did it happen?"), "place_label"),
    Step("sharing", ConsentForm, gettext_lazy("Sharing your report"), "occurred_on"),
    Step("contact", ContactForm, gettext_lazy("Contacting you"), "consent_to_share"),
]
_ORDER = ["who", "what", "why", "where", "when", "sharing", "contact", "check"]


def _key(organisation_id: int) -> str:
    return f"engagement_hate_{organisation_id}"


def _url(name: str, org: int) -> str:
    if name in ("start", "check", "done", "where"):
        return reverse(f"engagement:public-hate-{name}", args=[org])
    return reverse("engagement:public-hate-step", args=[org, name])


class HatePublicView(PublicView):
    """A page of the hate report."""

    def hate_page(self, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
        """Render a page of the report; never cached, since it can show what the reporter typed."""
        response = self.page(
            template, {"staff_reporting": _reporting_centre(self.request) is not None, **context}, status=status
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    def next_url(self, slug: str) -> str:
        if self.request.GET.get("return") == "check":
            return _url("check", self.organisation.pk)
        return _url(_ORDER[_ORDER.index(slug) + 1], self.organisation.pk)

    def back_url(self, slug: str) -> str:
        index = _ORDER.index(slug)
        return _url(_ORDER[index - 1] if index else "start", self.organisation.pk)


def _reporting_centre(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.has_capability("engagement.report"):
        return user
    return None


class HateStartView(HatePublicView):
    """Start page: what the service is, emergencies, privacy."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        return self.hate_page("engagement/public/hate_start.html", {"start": _url("who", org)})


class HateStepView(HatePublicView):
    """One declared question page."""

    def _step(self, slug: str) -> Step:
        for step in STEPS:
            if step.slug == slug:
                return step
        raise Http404

    def _form(self, step: Step, data: Any = None) -> forms.Form:
        initial = draft_get(self.request, _key(self.organisation.pk))
        if "occurred_on" in initial and isinstance(initial["occurred_on"], str):
            initial["occurred_on"] = dt.date.fromisoformat(initial["occurred_on"])
        return step.form(data, initial=initial)

    def _render(self, step: Step, form: forms.Form, status: int = 200) -> HttpResponse:
        return self.hate_page(
            "engagement/public/hate_question.html",
            {"form": form, "title": step.title, "back": self.back_url(step.slug), "step": step.slug},
            status=status,
        )

    def _unanswered(self, step: Step) -> HttpResponse | None:
        if step.after and step.after not in draft_get(self.request, _key(self.organisation.pk)):
            return HttpResponseRedirect(_url("who", self.organisation.pk))
        return None

    def get(self, request: HttpRequest, org: int, step: str) -> HttpResponse:
        found = self._step(step)
        return self._unanswered(found) or self._render(found, self._form(found))

    def post(self, request: HttpRequest, org: int, step: str) -> HttpResponse:
        found = self._step(step)
        if (stop := self._unanswered(found)) is not None:
            return stop
        form = self._form(found, request.POST)
        if not form.is_valid():
            return self._render(found, form, status=400)
        draft_update(request, _key(org), form.cleaned_data)
        return HttpResponseRedirect(self.next_url(found.slug))


class HateWhereView(HatePublicView):
    """Where it happened: a pin on the map, a street or place from a search, or words."""

    def _bbox(self) -> crime.Bbox | None:
        district = engagement_settings_for(self.organisation).district
        return crime.district_bbox(district) if district else None

    def _render(self, *, search: Any, choose: Any, point: Any, words: Any, status: int = 200) -> HttpResponse:
        box = self._bbox()
        map_context = {**map_settings(), **(box.__dict__ if box else {})} if box else None
        return self.hate_page(
            "engagement/public/hate_where.html",
            {
                "search_form": search,
                "choose_form": choose,
                "point_form": point,
                "words_form": words,
                "map": map_context,
                "errors_forms": [f for f in (search, choose, point, words) if f is not None],
                "back": self.back_url("where"),
            },
            status=status,
        )

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        draft = draft_get(request, _key(org))
        if "what_happened" not in draft:
            return HttpResponseRedirect(_url("who", org))
        matches = draft.get("matches") or []
        return self._render(
            search=PlaceSearchForm(initial={"query": draft.get("query", "")}),
            choose=PlaceChooseForm(matches=matches) if matches else None,
            point=PlacePointForm(),
            words=WherePlaceNameForm(initial={"place_label": draft.get("place_label", "")}),
        )

    def post(self, request: HttpRequest, org: int) -> HttpResponse:
        key = _key(org)
        draft = draft_get(request, key)
        if "what_happened" not in draft:
            return HttpResponseRedirect(_url("who", org))
        matches = draft.get("matches") or []
        search, point, words = PlaceSearchForm(), PlacePointForm(), WherePlaceNameForm()
        choose = PlaceChooseForm(matches=matches) if matches else None
        action = request.POST.get("action")
        if action == "search":
            search = PlaceSearchForm(request.POST)
            if search.is_valid():
                query = search.cleaned_data["query"]
                problem = places_find_kept(request, key, organisation=self.organisation, query=query, bbox=self._bbox())
                if not problem:
                    return HttpResponseRedirect(_url("where", org) + "#choose")
                search.add_error("query", problem)
                choose = None
        elif action == "choose" and matches:
            choose = PlaceChooseForm(request.POST, matches=matches)
            if choose.is_valid():
                chosen = matches[int(choose.cleaned_data["place"])]
                return self._placed(chosen["label"], chosen["latitude"], chosen["longitude"])
        elif action == "point":
            point = PlacePointForm(request.POST)
            if point.is_valid():
                return self._placed(
                    _("A point on the map"), point.cleaned_data["latitude"], point.cleaned_data["longitude"]
                )
        else:
            words = WherePlaceNameForm(request.POST)
            if words.is_valid():
                return self._placed(words.cleaned_data["place_label"], None, None)
        return self._render(search=search, choose=choose, point=point, words=words, status=400)

    def _placed(self, label: str, latitude: float | None, longitude: float | None) -> HttpResponse:
        draft_update(
            self.request,
            _key(self.organisation.pk),
            {"place_label": label, "latitude": latitude, "longitude": longitude, "matches": []},
        )
        return HttpResponseRedirect(self.next_url("where"))


def _labels(choices: Any, values: list[str]) -> list[str]:
    names = dict(choices)
    return [str(names[v]) for v in values if v in names]


class HateCheckView(HatePublicView):
    """Check your answers and send; the report is kept even if its acknowledgement cannot be sent."""

    def _answers(self, draft: dict[str, Any]) -> list[tuple[str, str, str]]:
        org = self.organisation.pk
        contact = str(dict(ContactMethod.choices)[draft["contact_method"]])
        if draft.get("email") and draft["contact_method"] == ContactMethod.EMAIL:
            contact += f": {draft['email']}"
        if draft.get("phone") and draft["contact_method"] == ContactMethod.PHONE:
            contact += f": {draft['phone']}"
        strands = _labels(HateStrand.choices, draft["strands"])
        if draft.get("strand_other"):
            strands.append(draft["strand_other"])
        sharing = (
            ", ".join(_labels(PartnerKind.choices, draft.get("share_with", [])))
            if draft["consent_to_share"] == "yes"
            else _("Do not share")
        )
        return [
            (_("Who you are"), str(dict(ReporterRole.choices)[draft["reporter_role"]]), _url("who", org)),
            (_("What happened"), ", ".join(_labels(IncidentKind.choices, draft["incident_kinds"])), _url("what", org)),
            (_("Description"), draft["what_happened"], _url("what", org)),
            (_("Why you think it happened"), ", ".join(strands), _url("why", org)),
            (_("Where"), draft.get("place_label", ""), _url("where", org)),
            (_("When"), dt.date.fromisoformat(draft["occurred_on"]).strftime("%d/%m/%Y"), _url("when", org)),
            (
                _("Reported to the police"),
                str(dict(PoliceReported.choices)[draft["reported_to_police"]]),
                _url("when", org),
            ),
            (_("Sharing"), sharing, _url("sharing", org)),
            (_("Contact"), contact, _url("contact", org)),
        ]

    def _render(self, form: CheckAnswersForm, error: str = "", status: int = 200) -> HttpResponse:
        draft = draft_get(self.request, _key(self.organisation.pk))
        return self.hate_page(
            "engagement/public/hate_check.html",
            {"form": form, "answers": self._answers(draft), "error": error, "back": self.back_url("check")},
            status=status,
        )

    def _incomplete(self) -> HttpResponse | None:
        if "contact_method" not in draft_get(self.request, _key(self.organisation.pk)):
            return HttpResponseRedirect(_url("who", self.organisation.pk))
        return None

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        return self._incomplete() or self._render(CheckAnswersForm())

    def post(self, request: HttpRequest, org: int) -> HttpResponse:
        if (stop := self._incomplete()) is not None:
            return stop
        form = CheckAnswersForm(request.POST)
        form.is_valid()
        draft = draft_get(request, _key(org))
        try:
            public_submission_check(
                kind="hate_report",
                address=request.META.get("REMOTE_ADDR", ""),
                honeypot=form.cleaned_data.get("website", ""),
            )
            report = hate_report_submit(
                organisation=self.organisation,
                reporter_role=draft["reporter_role"],
                what_happened=draft["what_happened"],
                incident_kinds=draft["incident_kinds"],
                strands=draft["strands"],
                strand_other=draft.get("strand_other", ""),
                occurred_on=dt.date.fromisoformat(draft["occurred_on"]),
                reported_to_police=draft["reported_to_police"],
                consent_to_share=draft["consent_to_share"] == "yes",
                share_with=draft.get("share_with", []),
                contact_method=draft["contact_method"],
                name=draft.get("name", ""),
                email=draft.get("email", ""),
                phone=draft.get("phone", ""),
                place_label=draft.get("place_label", ""),
                latitude=draft.get("latitude"),
                longitude=draft.get("longitude"),
                language="cy" if self.language == "cy" else "en",
                actor=_reporting_centre(request),
            )
        except PublicSpamError:
            request.session.pop(_key(org), None)
            request.session["engagement_hate_done"] = ""
            return HttpResponseRedirect(_url("done", org))
        except EngagementError as error:
            status = 429 if error.code == "rate_limited" else 400
            return self._render(form, error=error.message, status=status)
        request.session.pop(_key(org), None)
        # The reference is shown once on the next page; it never goes into a URL.
        request.session["engagement_hate_done"] = report.reference
        return HttpResponseRedirect(_url("done", org))


class HateDoneView(HatePublicView):
    """Report sent: the reference, and what happens next."""

    def get(self, request: HttpRequest, org: int) -> HttpResponse:
        reference = request.session.get("engagement_hate_done")
        if reference is None:
            return HttpResponseRedirect(_url("start", org))
        return self.hate_page("engagement/public/hate_done.html", {"reference": reference})
