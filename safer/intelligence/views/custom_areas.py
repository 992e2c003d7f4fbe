"""Geography views: custom areas (upload, list, delete)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.intelligence.forms import CustomAreaUploadForm
from safer.intelligence.services.custom_areas import (
    CustomAreaInvalidError,
    CustomAreaNotFoundError,
    custom_area_create,
    custom_area_delete,
    custom_area_list,
)
from safer.intelligence.warehouse import WarehouseBusyError


class CustomAreaListView(CapabilityRequiredMixin, View):
    """The custom areas with the records inside each, and the form to add one."""

    capability = "intelligence.import"

    def _render(self, request: AuthedRequest, form: CustomAreaUploadForm, status: int = 200) -> HttpResponse:
        busy = ""
        try:
            areas = custom_area_list()
        except WarehouseBusyError as error:
            areas, busy = [], str(error)
        return render(
            request, "intelligence/custom_areas.html", {"form": form, "areas": areas, "busy": busy}, status=status
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        return self._render(request, CustomAreaUploadForm())

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = CustomAreaUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        raw = form.cleaned_data["file"].read()
        try:
            area = custom_area_create(
                actor=request.user, name=form.cleaned_data["name"], geojson_text=raw.decode("utf-8")
            )
        except UnicodeDecodeError:
            form.add_error("file", "The file is not UTF-8 text. Export it again as GeoJSON")
            return self._render(request, form, status=400)
        except CustomAreaInvalidError as error:
            field = "name" if "name" in str(error).lower() and "already exists" in str(error) else "file"
            form.add_error(field, str(error).rstrip("."))
            return self._render(request, form, status=400)
        except WarehouseBusyError as error:
            form.add_error(None, str(error))
            return self._render(request, form, status=503)
        messages.success(request, f'Added "{area.name}": {area.total_records:,} records inside it were tagged.')
        return HttpResponseRedirect(reverse("intelligence:custom-areas"))


class CustomAreaDeleteView(CapabilityRequiredMixin, View):
    """Confirm, then delete one custom area and its tags."""

    capability = "intelligence.import"

    def _area_name(self, area_id: int) -> str:
        for area in custom_area_list():
            if area.area_id == area_id:
                return area.name
        raise Http404("No such custom area")

    def get(self, request: AuthedRequest, area_id: int) -> HttpResponse:
        name = self._area_name(area_id)
        return render(request, "intelligence/custom_area_delete.html", {"area_id": area_id, "name": name})

    def post(self, request: AuthedRequest, area_id: int) -> HttpResponse:
        try:
            custom_area_delete(actor=request.user, area_id=area_id)
        except CustomAreaNotFoundError:
            raise Http404("No such custom area") from None
        messages.success(request, "The area was deleted.")
        return HttpResponseRedirect(reverse("intelligence:custom-areas"))
