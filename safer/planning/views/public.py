"""The published plan for residents: no sign-in, nothing marked internal, no personal data."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views import View

from safer.core.i18n import public_language
from safer.planning.errors import PlanningNotFoundError
from safer.planning.readings import plan_readings
from safer.planning.selectors import plan_get_published

LANGUAGE_SESSION_KEY = "planning_language"


class PublishedPlanView(View):
    """A partnership's published plan: priorities, actions, duties, partners and live figures."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        try:
            plan = plan_get_published(slug=slug)
        except PlanningNotFoundError:
            raise Http404 from None
        priorities = [
            {"priority": p, "actions": [a for a in p.actions.all() if not a.internal]}
            for p in plan.priorities.all()
            if not p.internal
        ]
        language = public_language(request, bilingual=plan.bilingual, session_key=LANGUAGE_SESSION_KEY)
        with translation.override(language):
            readings = plan_readings(plan=plan, today=timezone.localdate(), public=True)
            response = render(
                request,
                "planning/published.html",
                {
                    "plan": plan,
                    "priorities": priorities,
                    "readings": readings,
                    "today": timezone.localdate(),
                    "language": language,
                    "html_lang": "cy" if language == "cy" else "en-GB",
                },
            )
        response.headers["Content-Language"] = "cy" if language == "cy" else "en-GB"
        return response
