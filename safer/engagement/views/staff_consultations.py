"""Staff consultation pages: list, create, detail (publish, close, tags), results, exports, moderation."""

from __future__ import annotations

import csv
import io
import json

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from safer.engagement import crime
from safer.engagement.choices import AreaKind, ModerationStatus
from safer.engagement.errors import EngagementError
from safer.engagement.forms import ConsultationForm, ModerationForm
from safer.engagement.selectors.consultations import (
    consultation_detail_for_user,
    consultation_export_rows,
    consultation_fear_crime,
    consultation_get_for_user,
    consultation_list_for_user,
    consultation_results,
    contribution_get_for_user,
    contributions_for_moderation,
)
from safer.engagement.services.consultations import (
    consultation_close,
    consultation_create,
    consultation_publish,
    consultation_tag_add,
    contribution_moderate,
)
from safer.engagement.views.public_consultations import map_settings
from safer.engagement.views.staff_base import EngagementView, form_error, render_form


class EngagementHomeView(EngagementView):
    """The engagement home page: consultations, and links to Safe Places, hate reports and settings."""

    def get(self, request: object) -> HttpResponse:
        user = self.request.user
        return render(
            self.request,
            "engagement/staff/home.html",
            {"consultations": consultation_list_for_user(user=user), "organisation": user.organisation},
        )


class ConsultationCreateView(EngagementView):
    """Create a consultation (a draft until published)."""

    capability = "engagement.manage"

    def _form(self, data: object = None) -> ConsultationForm:
        return ConsultationForm(
            data,
            districts=crime.district_names(),
            custom_areas=crime.custom_area_choices(),
            initial={"area_kind": AreaKind.DISTRICT},
        )

    def get(self, request: object) -> HttpResponse:
        return render_form(
            self.request, form=self._form(), title="Create a consultation", back=reverse("engagement:home")
        )

    def post(self, request: object) -> HttpResponse:
        form = self._form(self.request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                consultation = consultation_create(
                    actor=self.request.user,
                    title=d["title"],
                    title_cy=d["title_cy"],
                    introduction=d["introduction"],
                    introduction_cy=d["introduction_cy"],
                    area_kind=d["area_kind"],
                    area_name=d["area_name"],
                    custom_area_id=d["custom_area_id"],
                    opens_on=d["opens_on"],
                    closes_on=d["closes_on"],
                    privacy_notice=d["privacy_notice"],
                    privacy_notice_cy=d["privacy_notice_cy"],
                    ask_demographics=d["ask_demographics"],
                    extra_tags=[line for line in d["extra_tags"].splitlines() if line.strip()],
                )
            except EngagementError as error:
                form_error(form, error)
            else:
                messages.success(self.request, "Consultation created as a draft. Check it, then publish it.")
                return HttpResponseRedirect(reverse("engagement:consultation", args=[consultation.pk]))
        return render_form(
            self.request, form=form, title="Create a consultation", back=reverse("engagement:home"), status=400
        )


class ConsultationDetailView(EngagementView):
    """One consultation: its settings, state, tags and links; publish, close and add tags."""

    def get(self, request: object, pk: int) -> HttpResponse:
        consultation = consultation_detail_for_user(user=self.request.user, pk=pk)
        public_url = self.request.build_absolute_uri(reverse("engagement:public-consultation-start", args=[pk]))
        return render(
            self.request,
            "engagement/staff/consultation_detail.html",
            {"consultation": consultation, "tags": consultation.tags.all(), "public_url": public_url},
        )

    def post(self, request: object, pk: int) -> HttpResponse:
        consultation = consultation_get_for_user(user=self.request.user, pk=pk)
        action = self.request.POST.get("action")
        try:
            if action == "publish":
                consultation_publish(actor=self.request.user, consultation=consultation)
                messages.success(self.request, "Consultation published: residents can now take part.")
            elif action == "close":
                consultation_close(actor=self.request.user, consultation=consultation)
                messages.success(self.request, "Consultation closed.")
            elif action == "tag":
                consultation_tag_add(
                    actor=self.request.user,
                    consultation=consultation,
                    label=self.request.POST.get("label", ""),
                    label_cy=self.request.POST.get("label_cy", ""),
                )
                messages.success(self.request, "Reason added.")
        except EngagementError as error:
            messages.error(self.request, error.message)
        return HttpResponseRedirect(reverse("engagement:consultation", args=[pk]))


class ConsultationResultsView(EngagementView):
    """Results: by feeling, by reason, by place (map and table), visitors and completion, fear versus crime."""

    def get(self, request: object, pk: int) -> HttpResponse:
        user = self.request.user
        consultation = consultation_get_for_user(user=user, pk=pk)
        results = consultation_results(user=user, consultation=consultation)
        try:
            fear = consultation_fear_crime(user=user, consultation=consultation)
            fear_error = ""
        except Exception as error:  # noqa: BLE001 - the warehouse may be busy; results still show
            fear, fear_error = (
                None,
                str(error)
                if isinstance(error, EngagementError)
                else (
                    "Recorded crime could not be read just now (the warehouse may be updating). Try again in a minute."
                ),
            )
        cells = [
            {"lat": p.latitude, "lon": p.longitude, "n": p.contributions, "unsafe": p.unsafe, "label": p.label}
            for p in results.places
        ]
        compared = []
        if fear and fear.comparison:
            for kind, rows in (
                ("fear", fear.comparison.fear_without_crime),
                ("crime", fear.comparison.crime_without_fear),
                ("both", fear.comparison.both),
            ):
                for row in rows:
                    lat, lon, label = fear.places[row.cell]
                    compared.append(
                        {
                            "lat": lat,
                            "lon": lon,
                            "kind": kind,
                            "label": label,
                            "unsafe": row.unsafe,
                            "crimes": row.crimes,
                        }
                    )
        return render(
            self.request,
            "engagement/staff/results.html",
            {
                "consultation": consultation,
                "results": results,
                "fear": fear,
                "fear_error": fear_error,
                "compared": compared,
                "map_data": {
                    "cells": cells,
                    "compared": compared,
                    **map_settings(),
                    "south": consultation.south,
                    "west": consultation.west,
                    "north": consultation.north,
                    "east": consultation.east,
                },
                "max_feeling": max([n for _, _, n in results.by_feeling] or [0]),
            },
        )


_EXPORT_FIELDS = [
    "id",
    "submitted_at",
    "latitude",
    "longitude",
    "place",
    "feeling",
    "feeling_label",
    "tags",
    "comment",
    "moderation",
    "agreements",
    "age_band",
    "sex",
    "connections",
    "language",
    "synthetic",
]


class ConsultationExportView(EngagementView):
    """Contributions as CSV or GeoJSON (comments only once published)."""

    def get(self, request: object, pk: int, fmt: str) -> HttpResponse:
        consultation = consultation_get_for_user(user=self.request.user, pk=pk)
        rows = consultation_export_rows(user=self.request.user, consultation=consultation)
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=_EXPORT_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            features = [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                    "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")},
                }
                for r in rows
            ]
            response = HttpResponse(
                json.dumps({"type": "FeatureCollection", "features": features}), content_type="application/geo+json"
            )
        response.headers["Content-Disposition"] = f'attachment; filename="consultation-{pk}.{fmt}"'
        return response


class ModerationListView(EngagementView):
    """Comments waiting for moderation (or in another state)."""

    capability = "engagement.manage"

    def get(self, request: object, pk: int) -> HttpResponse:
        consultation = consultation_get_for_user(user=self.request.user, pk=pk)
        status = self.request.GET.get("status", ModerationStatus.PENDING)
        if status not in ModerationStatus.values:
            status = ModerationStatus.PENDING
        contributions = contributions_for_moderation(user=self.request.user, consultation=consultation, status=status)
        return render(
            self.request,
            "engagement/staff/moderation.html",
            {
                "consultation": consultation,
                "contributions": contributions[:200],
                "status": status,
                "statuses": ModerationStatus.choices,
            },
        )


class ContributionModerateView(EngagementView):
    """Decide on one comment, with the reason."""

    capability = "engagement.manage"

    def _page(self, form: ModerationForm, contribution: object, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            "engagement/staff/moderate.html",
            {"form": form, "contribution": contribution},
            status=status,
        )

    def get(self, request: object, pk: int) -> HttpResponse:
        contribution = contribution_get_for_user(user=self.request.user, pk=pk)
        return self._page(ModerationForm(initial={"redacted_comment": contribution.comment}), contribution)

    def post(self, request: object, pk: int) -> HttpResponse:
        contribution = contribution_get_for_user(user=self.request.user, pk=pk)
        form = ModerationForm(self.request.POST)
        if form.is_valid():
            try:
                contribution_moderate(actor=self.request.user, contribution=contribution, **form.cleaned_data)
            except EngagementError as error:
                form_error(form, error)
            else:
                messages.success(self.request, f"Decision recorded for contribution {contribution.pk}.")
                return HttpResponseRedirect(reverse("engagement:moderation", args=[contribution.consultation_id]))
        return self._page(form, contribution, status=400)
