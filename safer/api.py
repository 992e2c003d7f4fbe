"""The HTTP API (django-ninja): one error shape {message, code, fields}; apps add their routers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from safer.core.api_docs import GovukApiDocs

# What the API serves, one line per section: an app that adds a router adds its line here.
API_SECTIONS: list[str] = [
    "Casework (/api/casework/): cases, incidents and the people in them, for roles that see casework.",
    "Intelligence (/api/intelligence/tables/): the dashboard's tables and their rows for an area and period.",
    "Engagement (/api/engagement/messages/): community messages, their reach, approval, schedule and delivery.",
]


def _signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The docs and the schema are for signed-in users (two-factor is then required as everywhere else)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if request.path.endswith(".json"):
                return JsonResponse(
                    {"message": "Sign in to use the API.", "code": "not_authenticated", "fields": {}}, status=403
                )
            return redirect_to_login(request.get_full_path())
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


api = NinjaAPI(
    title="Safer Communities API",
    version="1",
    description=(
        "Sign in on the web (with two-factor where your role needs it) to use the API. It serves:\n\n"
        + "\n".join(f"- {line}" for line in API_SECTIONS)
    ),
    auth=SessionAuth(),
    urls_namespace="api",
    docs=GovukApiDocs(),
    docs_decorator=_signed_in,
)


def error_response(
    request: HttpRequest, *, status: int, message: str, code: str, fields: dict | None = None
) -> HttpResponse:
    """The one error shape every API error uses."""
    return api.create_response(request, {"message": message, "code": code, "fields": fields or {}}, status=status)


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", [])]
        if loc[:2] == ["body", "payload"]:
            loc = loc[1:]  # a JSON body's fields are named as the client sent them, not "payload.<field>"
        name = ".".join(loc[1:]) or "body"
        fields.setdefault(name, []).append(str(error.get("msg", "invalid")))
    return error_response(
        request, status=400, message="The request is not valid; see fields.", code="invalid", fields=fields
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, status=403, message="Sign in to use the API.", code="not_authenticated")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, status=403, message="You do not have permission to do that.", code="forbidden")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, status=404, message="Not found.", code="not_found")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, status=exc.status_code, message=str(exc), code="error")


def _register_routers() -> None:
    """Each app that has an API exposes `router` in its api.py; mount it under /api/<app>/."""
    from importlib import import_module

    for app in ("accounts", "geography", "intelligence", "casework", "engagement", "planning", "safeguarding"):
        module = import_module(f"safer.{app}.api")
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(f"/{app}/", router)


_register_routers()

# The ASB case review (a subpackage of casework) has its own router, under /api/case-reviews/.
from safer.casework.case_review.api import router as _case_review_router  # noqa: E402

api.add_router("/case-reviews/", _case_review_router)
