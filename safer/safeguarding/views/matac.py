"""MATAC pages: areas, the ranked list, producing a ranking, referrals, scoring schemes, subjects, programme."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safer.core.typing import AuthedRequest
from safer.safeguarding import forms as f
from safer.safeguarding.choices import MeetingStatus
from safer.safeguarding.models import MatacArea, RankingEntry, Subject
from safer.safeguarding.selectors import matac as sel
from safer.safeguarding.selectors.access import area_get_for_user, area_list_for_user, is_meeting_member
from safer.safeguarding.services import matac as svc
from safer.safeguarding.views.base import SafeguardingView, ServiceFormView

DEFAULTS_WARNING = (
    "The default points scheme is Safer Communities' own illustration. It is not the scheme of Thames Valley "
    "Police, Northumbria Police or any other force: agree your own with your force and record it as a new version."
)


class MatacHomeView(SafeguardingView):
    """The MATAC areas the user's organisation takes part in."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        areas = area_list_for_user(request.user)
        return render(request, "safeguarding/matac_home.html", {"areas": areas})


class RankingView(SafeguardingView):
    """An area's ranked list: pseudonymous references, score and each component."""

    def get(self, request: AuthedRequest, area_id: int, ranking_id: int | None = None) -> HttpResponse:
        ranking = sel.ranking_for_user(request.user, area_id=area_id, ranking_id=ranking_id)
        area = area_get_for_user(request.user, area_id=area_id)
        form = f.RankingFilterForm(request.GET or None)
        serial_only = bool(form.is_valid() and form.cleaned_data["serial_only"])
        context = {
            "area": area,
            "ranking": ranking,
            "entries": sel.ranking_entries(ranking, serial_only=serial_only) if ranking else [],
            "rankings": area.rankings.select_related("scheme").order_by("-as_of", "-pk")[:12],
            "form": form,
            "warning": DEFAULTS_WARNING,
            "can_score": request.user.has_capability("safeguarding.matac.score"),
            "can_manage": request.user.has_capability("safeguarding.matac.manage"),
        }
        return render(request, "safeguarding/ranking.html", context)


class EntryView(SafeguardingView):
    """The incidents and referrals behind one line of a ranking (pseudonymous references only)."""

    def get(self, request: AuthedRequest, entry_id: int) -> HttpResponse:
        entry, incidents, referrals = sel.entry_incidents_for_user(request.user, entry_id=entry_id)
        subject = Subject.objects.filter(area_id=entry.ranking.area_id, perpetrator_ref=entry.perpetrator_ref).first()
        context = {"entry": entry, "incidents": incidents, "referrals": referrals, "subject": subject}
        return render(request, "safeguarding/entry.html", context)


class RankingCreateView(ServiceFormView):
    """Produce a ranking for an area with the current scoring scheme."""

    capability = "safeguarding.matac.score"
    form_class = f.RankingCreateForm
    title = "Produce a ranking"
    button = "Produce ranking"
    area: MatacArea

    def load(self, **kwargs: Any) -> None:
        self.area = area_get_for_user(self.request.user, area_id=kwargs["area_id"])
        version = svc.scheme_current()
        self.intro = f"Scores incidents up to the date you give with scoring scheme version {version.version}."

    def context(self) -> dict[str, Any]:
        return {"caption": self.area.name, "back": reverse("safeguarding:ranking", args=[self.area.pk])}

    def perform(self, data: dict[str, Any]) -> str:
        ranking = svc.ranking_create(actor=self.request.user, area_id=self.area.pk, as_of=data["as_of"])
        return reverse("safeguarding:ranking-detail", args=[self.area.pk, ranking.pk])


class ReferralAddView(ServiceFormView):
    """A partner agency refers a perpetrator, assessed on the same scale."""

    capability = "safeguarding.matac.refer"
    form_class = f.ReferralForm
    title = "Refer a perpetrator"
    button = "Send referral"
    area: MatacArea

    def load(self, **kwargs: Any) -> None:
        self.area = area_get_for_user(self.request.user, area_id=kwargs["area_id"])

    def context(self) -> dict[str, Any]:
        return {"caption": self.area.name, "back": reverse("safeguarding:ranking", args=[self.area.pk])}

    def perform(self, data: dict[str, Any]) -> str:
        svc.referral_add(actor=self.request.user, area_id=self.area.pk, **data)
        return reverse("safeguarding:ranking", args=[self.area.pk])


class SchemeView(SafeguardingView):
    """The scoring scheme versions and their settings."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        versions = sel.scheme_versions_for_user(request.user)
        rows = [(v, json.dumps(v.rules, indent=2)) for v in versions]
        return render(
            request,
            "safeguarding/scheme.html",
            {
                "rows": rows,
                "warning": DEFAULTS_WARNING,
                "can_score": request.user.has_capability("safeguarding.matac.score"),
            },
        )


class SchemeEditView(ServiceFormView):
    """Save changed scoring rules as a new version."""

    capability = "safeguarding.matac.score"
    form_class = f.SchemeForm
    title = "Change the scoring scheme"
    button = "Save as a new version"
    intro = DEFAULTS_WARNING

    def form_kwargs(self) -> dict[str, Any]:
        if self.request.method == "GET":
            return {"initial": {"settings": json.dumps(svc.scheme_current().rules, indent=2)}}
        return {}

    def context(self) -> dict[str, Any]:
        return {"back": reverse("safeguarding:scheme")}

    def perform(self, data: dict[str, Any]) -> str:
        svc.scheme_version_create(actor=self.request.user, settings=data["settings"], note=data["note"])
        return reverse("safeguarding:scheme")


class EntrySelectView(ServiceFormView):
    """Select a ranked perpetrator for a planned meeting of the area."""

    capability = "safeguarding.matac.manage"
    form_class = f.SelectForm
    title = "Select for a meeting"
    button = "Add to the agenda"
    entry: RankingEntry

    def load(self, **kwargs: Any) -> None:
        self.entry = sel.entry_get_for_user(self.request.user, entry_id=kwargs["entry_id"])
        self.intro = f"{self.entry.perpetrator_ref}: score {self.entry.score:g}, rank {self.entry.rank}."

    def form_kwargs(self) -> dict[str, Any]:
        area = self.entry.ranking.area
        return {"meetings": area.meetings.filter(status=MeetingStatus.PLANNED).order_by("held_on")}

    def context(self) -> dict[str, Any]:
        ranking = self.entry.ranking
        return {"back": reverse("safeguarding:ranking-detail", args=[ranking.area_id, ranking.pk])}

    def perform(self, data: dict[str, Any]) -> str:
        item = svc.subject_select(actor=self.request.user, entry=self.entry, meeting=data["meeting"])
        return reverse("safeguarding:meeting", args=[item.meeting_id])


class SubjectView(SafeguardingView):
    """A subject's profile: history, score trend, actions; the name only for meeting members."""

    def get(self, request: AuthedRequest, subject_id: int) -> HttpResponse:
        profile = sel.subject_profile(request.user, subject_id=subject_id)
        return render(
            request,
            "safeguarding/subject.html",
            {"p": profile, "can_manage": request.user.has_capability("safeguarding.matac.manage")},
        )


class IdentityView(ServiceFormView):
    """Record a subject's name (meeting members only)."""

    capability = "safeguarding.matac.manage"
    form_class = f.IdentityForm
    title = "Record the subject's name"
    subject: Subject

    def load(self, **kwargs: Any) -> None:
        self.subject = sel.subject_get_for_user(self.request.user, subject_id=kwargs["subject_id"])
        if not is_meeting_member(self.request.user, self.subject.area):
            from safer.safeguarding.errors import SafeguardingPermissionError

            raise SafeguardingPermissionError("Only members of this area's meeting can see or record names.")

    def context(self) -> dict[str, Any]:
        return {
            "caption": self.subject.perpetrator_ref,
            "back": reverse("safeguarding:subject", args=[self.subject.pk]),
        }

    def perform(self, data: dict[str, Any]) -> str:
        svc.subject_identify(actor=self.request.user, subject=self.subject, **data)
        return reverse("safeguarding:subject", args=[self.subject.pk])


class DischargeView(ServiceFormView):
    """Discharge a subject from the programme."""

    capability = "safeguarding.matac.manage"
    form_class = f.DischargeForm
    title = "Discharge from the programme"
    button = "Discharge"
    subject: Subject

    def load(self, **kwargs: Any) -> None:
        self.subject = sel.subject_get_for_user(self.request.user, subject_id=kwargs["subject_id"])
        score = svc.subject_current_score(self.subject)
        self.intro = f"{self.subject.perpetrator_ref}: current score {score:g}."

    def context(self) -> dict[str, Any]:
        return {"back": reverse("safeguarding:subject", args=[self.subject.pk])}

    def perform(self, data: dict[str, Any]) -> str:
        svc.subject_discharge(actor=self.request.user, subject=self.subject, **data)
        return reverse("safeguarding:subject", args=[self.subject.pk])


class ProgrammeView(SafeguardingView):
    """The programme table: started, discharged, re-entered, reoffending after discharge; score before/after."""

    def get(self, request: AuthedRequest, area_id: int) -> HttpResponse:
        area, rows, summary = sel.programme_for_user(request.user, area_id=area_id, today=timezone.localdate())
        return render(request, "safeguarding/programme.html", {"area": area, "rows": rows, "summary": summary})
