"""Staff pages for Safe Places, the partnership's engagement settings and its named places."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from safer.engagement.errors import EngagementError
from safer.engagement.forms import NamedPlaceForm, SafePlaceForm, SettingsForm
from safer.engagement.models import NamedPlace, SafePlace
from safer.engagement.selectors.safe_places import safe_place_get_for_user, safe_place_list_for_user
from safer.engagement.services.partnership import engagement_settings_for, engagement_settings_update, named_place_add
from safer.engagement.services.safe_places import safe_place_save
from safer.engagement.views.staff_base import EngagementView, form_error, render_form


class SafePlaceListView(EngagementView):
    """The partnership's Safe Places, those due for review first."""

    capability = "engagement.manage"

    def get(self, request: object) -> HttpResponse:
        places = safe_place_list_for_user(user=self.request.user)
        return render(
            self.request,
            "engagement/staff/safe_places.html",
            {"places": places, "today": timezone.localdate(), "org": self.request.user.organisation_id},
        )


class SafePlaceEditView(EngagementView):
    """Add a Safe Place (no pk) or change one."""

    capability = "engagement.manage"

    def _place(self, pk: int | None) -> SafePlace | None:
        return safe_place_get_for_user(user=self.request.user, pk=pk) if pk else None

    def get(self, request: object, pk: int | None = None) -> HttpResponse:
        place = self._place(pk)
        initial = {}
        if place is not None:
            initial = {f: getattr(place, f) for f in SafePlaceForm.base_fields}
        form = SafePlaceForm(initial=initial or {"is_published": True})
        return render_form(
            self.request,
            form=form,
            title=place.name if place else "Add a Safe Place",
            back=reverse("engagement:safe-places"),
        )

    def post(self, request: object, pk: int | None = None) -> HttpResponse:
        place = self._place(pk)
        form = SafePlaceForm(self.request.POST)
        if form.is_valid():
            try:
                safe_place_save(actor=self.request.user, place=place, **form.cleaned_data)
            except EngagementError as error:
                form_error(form, error)
            else:
                messages.success(self.request, "Safe Place saved.")
                return HttpResponseRedirect(reverse("engagement:safe-places"))
        return render_form(
            self.request,
            form=form,
            title=place.name if place else "Add a Safe Place",
            back=reverse("engagement:safe-places"),
            status=400,
        )


class EngagementSettingsView(EngagementView):
    """Public-page languages, the statistics district, and the places residents can choose by name."""

    capability = "engagement.manage"

    def _page(self, form: SettingsForm, place_form: NamedPlaceForm, status: int = 200) -> HttpResponse:
        user = self.request.user
        return render(
            self.request,
            "engagement/staff/settings.html",
            {
                "form": form,
                "place_form": place_form,
                "places": NamedPlace.objects.filter(organisation=user.organisation),
                "public_url": reverse("engagement:public-index", args=[user.organisation_id]),
            },
            status=status,
        )

    def get(self, request: object) -> HttpResponse:
        current = engagement_settings_for(self.request.user.organisation)
        form = SettingsForm(
            initial={"languages": current.languages, "district": current.district, "reply_to": current.reply_to}
        )
        return self._page(form, NamedPlaceForm())

    def post(self, request: object) -> HttpResponse:
        if self.request.POST.get("action") == "place":
            place_form = NamedPlaceForm(self.request.POST)
            if place_form.is_valid():
                try:
                    named_place_add(actor=self.request.user, **place_form.cleaned_data)
                except EngagementError as error:
                    form_error(place_form, error)
                else:
                    messages.success(self.request, "Place added.")
                    return HttpResponseRedirect(reverse("engagement:settings"))
            return self._page(SettingsForm(initial={}), place_form, status=400)
        form = SettingsForm(self.request.POST)
        if form.is_valid():
            try:
                engagement_settings_update(actor=self.request.user, **form.cleaned_data)
            except EngagementError as error:
                form_error(form, error)
            else:
                messages.success(self.request, "Settings saved.")
                return HttpResponseRedirect(reverse("engagement:settings"))
        return self._page(form, NamedPlaceForm(), status=400)
