"""The public pages (no sign-in): the application's question pages, check your answers, the acknowledgement, and
the applicant's own view of their application through the link sent to them. Work without JavaScript; English or
Welsh (?lang=cy) through Django's translation machinery.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from safer.casework.case_review import forms_public as f
from safer.casework.case_review.choices import ApplyingAs, CaseReviewAuditAction, ContactBy
from safer.casework.case_review.errors import CaseReviewInputError, CaseReviewStateError, CaseReviewTokenError
from safer.casework.case_review.models import CaseReviewApplication
from safer.casework.case_review.services import (
    ApplicationInput,
    ReportInput,
    application_from_token,
    application_submit,
)
from safer.core.i18n import django_language, public_language
from safer.core.services.audit import audit_record

SESSION = "case_review_apply"
DONE = "case_review_done"
APPLICANT = "case_review_applicant"
LANG = "case_review_lang"
RATE_LIMIT_PER_ADDRESS = 5  # applications per network address per hour
RATE_LIMIT_PER_EMAIL = 3  # applications per email address per day


@dataclass(frozen=True)
class Step:
    """One question page."""

    slug: str
    form: type[forms.Form]
    title: Any
    applies: Callable[[dict[str, Any]], bool] = lambda data: True


STEPS = [
    Step("who", f.WhoForm, gettext_lazy("Who are you applying for?")),
    Step(
        "on-behalf",
        f.OnBehalfForm,
        gettext_lazy("About the person you are applying for"),
        lambda d: d.get("applying_as") == ApplyingAs.ON_BEHALF,
    ),
    Step(
        "organisation",
        f.OrganisationForm,
        gettext_lazy("About the business or group"),
        lambda d: d.get("applying_as") in {ApplyingAs.BUSINESS, ApplyingAs.GROUP},
    ),
    Step("name", f.NameForm, gettext_lazy("What is your name?")),
    Step("contact", f.ContactForm, gettext_lazy("How should we contact you?")),
    Step("address", f.AddressForm, gettext_lazy("What is your address?")),
    Step("problem", f.ProblemForm, gettext_lazy("What is the problem?")),
    Step("location", f.LocationForm, gettext_lazy("Where does it happen?")),
    Step("hate", f.HateForm, gettext_lazy("Is it because of who you are?")),
    Step("reports", f.ReportForm, gettext_lazy("Which reports have you made?")),
    Step("outcome", f.OutcomeForm, gettext_lazy("What would you like to happen?")),
]
BY_SLUG = {step.slug: step for step in STEPS}


def _data(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(SESSION, {}))


def _save(request: HttpRequest, data: dict[str, Any]) -> None:
    request.session[SESSION] = data


def _next_url(current: str, data: dict[str, Any], *, to_check: bool) -> str:
    if to_check:
        return reverse("case_review:apply-check")
    index = [s.slug for s in STEPS].index(current)
    for step in STEPS[index + 1 :]:
        if step.applies(data):
            return reverse("case_review:apply-step", args=[step.slug])
    return reverse("case_review:apply-check")


def _no_store(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "no-store"
    return response


def _day(iso: str) -> str:
    """A date the application keeps as 2026-11-28, as the page's language writes it: 28 November 2026 or 28
    Tachwedd 2026."""
    return date_format(date.fromisoformat(iso), "j F Y")


class PublicView(View):
    """Public pages in English or Welsh: ?lang=cy / ?lang=en, remembered for the visit, else the browser's choice.

    Every partnership offers the case review in both languages (`public_language` with bilingual=True).
    """

    language: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.language = public_language(request, bilingual=True, session_key=LANG)
        with translation.override(self.language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        response["Content-Language"] = "cy" if self.language == "cy" else "en-GB"
        return _no_store(response)

    @property
    def applicant_language(self) -> str:
        """The language code kept with an application: "cy" or "en"."""
        return "cy" if self.language == "cy" else "en"

    def page(self, request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
        lang = self.applicant_language
        context = {
            **context,
            "lang": lang,
            "html_lang": "cy" if lang == "cy" else "en-GB",
            "other_lang": "en" if lang == "cy" else "cy",
        }
        return render(request, template, context, status=status)


class StartView(PublicView):
    """The start page: who can apply, what happens, and a Start now button."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, "case_review/public/start.html", {})


class ApplyStepView(PublicView):
    """One question page of the application."""

    def _form(self, step: Step, data: dict[str, Any], post: Any = None) -> forms.Form:
        kwargs: dict[str, Any] = {}
        if step.slug == "address":
            kwargs["needs_address"] = data.get("contact_by") == ContactBy.LETTER
        if step.slug == "reports":
            return step.form(post, **kwargs) if post is not None else step.form(**kwargs)
        initial = {name: data[name] for name in step.form.base_fields if name in data}
        return step.form(post, **kwargs) if post is not None else step.form(initial=initial, **kwargs)

    def _render(
        self,
        request: HttpRequest,
        step: Step,
        form: forms.Form,
        data: dict[str, Any],
        status: int = 200,
        reports_error: str = "",
    ) -> HttpResponse:
        return self.page(
            request,
            "case_review/public/question.html",
            {
                "step": step,
                "form": form,
                "title": step.title,
                "reports": [{**r, "reported_on": _day(r["reported_on"])} for r in data.get("reports", [])],
                "reports_error": reports_error,
                "change": request.GET.get("change") == "1",
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        step = BY_SLUG.get(slug)
        data = _data(request)
        if step is None or (slug != "who" and "applying_as" not in data):
            return HttpResponseRedirect(reverse("case_review:apply-step", args=["who"]))
        return self._render(request, step, self._form(step, data), data)

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        step = BY_SLUG.get(slug)
        data = _data(request)
        if step is None or (slug != "who" and "applying_as" not in data):
            return HttpResponseRedirect(reverse("case_review:apply-step", args=["who"]))
        to_check = request.GET.get("change") == "1"
        if slug == "reports":
            return self._reports(request, step, data, to_check)
        form = self._form(step, data, request.POST)
        if not form.is_valid():
            return self._render(request, step, form, data, status=400)
        for name, value in form.cleaned_data.items():
            data[name] = value.isoformat() if isinstance(value, date) else value
        _save(request, data)
        return HttpResponseRedirect(_next_url(slug, data, to_check=to_check and slug not in {"who", "contact"}))

    def _reports(self, request: HttpRequest, step: Step, data: dict[str, Any], to_check: bool) -> HttpResponse:
        reports = list(data.get("reports", []))
        action = request.POST.get("action", "")
        if action.startswith("remove-") and action[7:].isdigit() and int(action[7:]) < len(reports):
            reports.pop(int(action[7:]))
            data["reports"] = reports
            _save(request, data)
            return HttpResponseRedirect(request.get_full_path())
        if action == "add":
            form = self._form(step, data, request.POST)
            if not form.is_valid():
                return self._render(request, step, form, data, status=400)
            clean = form.cleaned_data
            if clean["reported_on"] > timezone.localdate():
                form.add_error("reported_on", _("The date you reported it must be today or in the past"))
                return self._render(request, step, form, data, status=400)
            reports.append(
                {
                    "reported_on": clean["reported_on"].isoformat(),
                    "agency": clean["agency"].strip(),
                    "agency_reference": clean["agency_reference"].strip(),
                    "summary": clean["summary"].strip(),
                }
            )
            data["reports"] = reports
            _save(request, data)
            return HttpResponseRedirect(request.get_full_path())
        if not reports:
            return self._render(
                request,
                step,
                self._form(step, data),
                data,
                status=400,
                reports_error=_("Add at least one report you made about the problem"),
            )
        return HttpResponseRedirect(_next_url(step.slug, data, to_check=to_check))


def _summary(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the check-your-answers page, each with the page to change it on."""
    rows = [(_("Applying for"), str(ApplyingAs(data["applying_as"]).label), "who")]
    if data.get("applying_as") == ApplyingAs.ON_BEHALF:
        rows.append((_("Person applied for"), data.get("victim_name", ""), "on-behalf"))
    if data.get("applying_as") in {ApplyingAs.BUSINESS, ApplyingAs.GROUP}:
        rows.append((_("Business or group"), data.get("organisation_name", ""), "organisation"))
    rows += [
        (_("Your name"), data.get("applicant_name", ""), "name"),
        (_("Contact by"), str(ContactBy(data["contact_by"]).label) if data.get("contact_by") else "", "contact"),
        (_("Email address"), data.get("email", ""), "contact"),
        (_("Address"), "\n".join(x for x in [data.get("address", ""), data.get("postcode", "")] if x), "address"),
        (_("The problem"), data.get("problem_description", ""), "problem"),
        (_("Where"), data.get("problem_location", ""), "location"),
        (_("Because of who you are"), _("Yes") if data.get("hate_motivated") == "yes" else _("No"), "hate"),
        (
            _("Reports you made"),
            "\n".join(
                f"{_day(r['reported_on'])}: {r['agency']} {r['agency_reference']}".strip()
                for r in data.get("reports", [])
            ),
            "reports",
        ),
        (_("What you would like to happen"), data.get("outcome_wanted", ""), "outcome"),
    ]
    return [
        {"key": k, "value": v, "href": reverse("case_review:apply-step", args=[s]) + "?change=1"} for k, v, s in rows
    ]


def _rate_limited(key: str, limit: int, seconds: int) -> bool:
    """Count an attempt under `key` (hashed: no address in the cache keys); True when over the limit."""
    cache_key = "case-review-rate:" + hashlib.sha256(key.encode()).hexdigest()
    cache.add(cache_key, 0, seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, seconds)
        count = 1
    return count > limit


class ApplyCheckView(PublicView):
    """Check your answers, then send the application (honeypot and rate limits here)."""

    def _incomplete(self, data: dict[str, Any]) -> str | None:
        for step in STEPS:
            if not step.applies(data):
                continue
            if step.slug == "reports":
                if not data.get("reports"):
                    return step.slug
                continue
            required = [n for n, fld in step.form.base_fields.items() if fld.required]
            if any(n not in data for n in required):
                return step.slug
        return None

    def get(self, request: HttpRequest) -> HttpResponse:
        data = _data(request)
        missing = self._incomplete(data) if data else "who"
        if missing:
            return HttpResponseRedirect(reverse("case_review:apply-step", args=[missing]))
        return self.page(request, "case_review/public/check.html", {"rows": _summary(data), "form": f.ConfirmForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        data = _data(request)
        missing = self._incomplete(data) if data else "who"
        if missing:
            return HttpResponseRedirect(reverse("case_review:apply-step", args=[missing]))
        form = f.ConfirmForm(request.POST)
        if not form.is_valid() or form.cleaned_data["website"]:
            return self.page(
                request,
                "case_review/public/refused.html",
                {"message": _("We could not accept this form. Please try again.")},
                status=400,
            )
        address = request.META.get("REMOTE_ADDR", "")
        if _rate_limited(f"ip:{address}", RATE_LIMIT_PER_ADDRESS, 3600) or (
            data.get("email") and _rate_limited(f"email:{data['email'].lower()}", RATE_LIMIT_PER_EMAIL, 86400)
        ):
            return self.page(
                request,
                "case_review/public/refused.html",
                {
                    "message": _(
                        "You have sent several applications in a short time. Please wait an "
                        "hour and try again, or contact us by phone."
                    )
                },
                status=429,
            )
        try:
            application = application_submit(data=_input(data), language=self.applicant_language)
        except (CaseReviewInputError, CaseReviewStateError) as error:
            form.add_error(None, error.message)
            return self.page(
                request, "case_review/public/check.html", {"rows": _summary(data), "form": form}, status=400
            )
        request.session.pop(SESSION, None)
        request.session[DONE] = {
            "reference": application.reference,
            "decision_due": timezone.localtime(application.decision_due).date().isoformat(),
            "contact_by": application.contact_by,
        }
        return HttpResponseRedirect(reverse("case_review:apply-done"))


def _input(data: dict[str, Any]) -> ApplicationInput:
    return ApplicationInput(
        applying_as=data["applying_as"],
        applicant_name=data.get("applicant_name", ""),
        contact_by=data.get("contact_by", ""),
        postcode=data.get("postcode", ""),
        problem_description=data.get("problem_description", ""),
        problem_location=data.get("problem_location", ""),
        outcome_wanted=data.get("outcome_wanted", ""),
        victim_name=data.get("victim_name", ""),
        organisation_name=data.get("organisation_name", ""),
        consent_confirmed=bool(data.get("consent_confirmed")),
        email=data.get("email", "") or "",
        phone=data.get("phone", "") or "",
        address=data.get("address", "") or "",
        hate_motivated=data.get("hate_motivated") == "yes",
        reports=[
            ReportInput(
                reported_on=date.fromisoformat(r["reported_on"]),
                agency=r["agency"],
                agency_reference=r.get("agency_reference", ""),
                summary=r.get("summary", ""),
            )
            for r in data.get("reports", [])
        ],
    )


class ApplyDoneView(PublicView):
    """The acknowledgement: the reference and the date of the threshold decision."""

    def get(self, request: HttpRequest) -> HttpResponse:
        done = request.session.get(DONE)
        if not done:
            return HttpResponseRedirect(reverse("case_review:start"))
        return self.page(
            request,
            "case_review/public/done.html",
            {"done": {**done, "decision_due": date.fromisoformat(done["decision_due"])}},
        )


class ApplicantOpenView(PublicView):
    """The link sent to the applicant: the token is checked, kept in the session, and dropped from the address."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            application = application_from_token(request.GET.get("token", ""))
        except CaseReviewTokenError as error:
            return self.page(request, "case_review/public/refused.html", {"message": error.message}, status=400)
        request.session[APPLICANT] = str(application.public_id)
        if request.GET.get("lang") not in {"cy", "en"}:  # the link in a Welsh message opens the page in Welsh
            request.session[LANG] = django_language(application.language)
        request.session.cycle_key()
        return HttpResponseRedirect(reverse("case_review:applicant-status"))


class ApplicantStatusView(PublicView):
    """The applicant's own application: where it is, the decision and reasons, the outcome and recommendations."""

    def get(self, request: HttpRequest) -> HttpResponse:
        public_id = request.session.get(APPLICANT)
        application = CaseReviewApplication.objects.filter(public_id=public_id).first() if public_id else None
        if application is None:
            return self.page(
                request,
                "case_review/public/refused.html",
                {"message": _("Open this page with the link in the latest email or letter we sent you.")},
                status=403,
            )
        audit_record(actor=None, action=CaseReviewAuditAction.APPLICANT_VIEWED, target=application)
        from safer.casework.case_review.services import case_review_settings

        return self.page(
            request,
            "case_review/public/status.html",
            {
                "application": application,
                "recommendations": application.recommendations.select_related("owner_organisation"),
                "pcc_contact": case_review_settings().pcc_review_contact,
            },
        )
