"""The API's one error shape as a response schema, and the mapping of an app's domain errors onto it.

    router.get("/things/{id}", response={200: ThingOut, **ERRORS_READ})
    api.add_exception_handler(EngagementError, domain_error_handler({"not_found": 404, "conflict": 409}))

A domain error carries `code`, `message` and `field`: the code picks the status (400 otherwise), an "invalid" error
names its field. The JSON itself is written by `safer.api.error_response`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema


class ErrorOut(Schema):
    """The one error shape of the whole API."""

    message: str = Field(description="What was wrong and what to do; never personal data.")
    code: str = Field(description="A short machine-readable name of the problem, e.g. not_found, conflict.")
    fields: dict[str, list[str]] = Field(description="Messages per input field at fault (may be empty).")


ERRORS_READ: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
ERRORS_WRITE: dict[int, Any] = {**ERRORS_READ, 409: ErrorOut}


def domain_error_handler(statuses: Mapping[str, int]) -> Callable[[HttpRequest, Any], HttpResponse]:
    """An exception handler for an app's domain errors: status by the error's code, 400 for any other code."""

    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        from safer.api import error_response

        fields = {exc.field: [exc.message]} if exc.field and exc.code == "invalid" else {}
        return error_response(
            request, status=statuses.get(exc.code, 400), message=exc.message, code=exc.code, fields=fields
        )

    return handler
