"""Shared plumbing of the staff pages: capability checks, domain errors to 404/403, the one-form page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views import View

from safer.core.typing import AuthedRequest
from safer.core.views import CapabilityRequiredMixin
from safer.engagement.errors import EngagementError, EngagementNotFoundError, EngagementPermissionError


class EngagementView(CapabilityRequiredMixin, View):
    """Engagement staff pages: need a capability; not-found and permission errors become 404 and 403."""

    capability = "engagement.view"
    request: AuthedRequest

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = super().dispatch(request, *args, **kwargs)
        except EngagementNotFoundError:
            raise Http404 from None
        except EngagementPermissionError:
            raise PermissionDenied from None
        # Staff pages can show what residents wrote: never cached.
        response.headers["Cache-Control"] = "no-store"
        return response


def form_error(form: forms.Form, error: EngagementError) -> None:
    """Attach a service error to the field it names, or to the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def render_form(
    request: AuthedRequest,
    *,
    form: forms.Form,
    title: str,
    back: str,
    button: str = "Save",
    intro: str = "",
    status: int = 200,
) -> HttpResponse:
    """The generic one-form staff page."""
    return render(
        request,
        "engagement/staff/form.html",
        {"form": form, "title": title, "back": back, "button": button, "intro": intro},
        status=status,
    )
