"""The API's documentation page: a GOV.UK page drawn from the OpenAPI schema, in place of Swagger UI.

Swagger UI fails the accessibility check (contrast, no `lang`, controls nested in controls) and leaves the
service's navigation behind, so the page lists each operation server-side (no JavaScript) inside the service's
own layout, with the schema to download for tools that want it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class ApiOperation:
    """One operation of the API as the docs page lists it."""

    method: str
    path: str
    summary: str
    description: str


class GovukApiDocs(DocsBase):
    """Renders `core/api_docs.html`: what the API serves, each operation by section, and the schema link."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        sections: dict[str, list[ApiOperation]] = {}
        for path, operations in schema.get("paths", {}).items():
            for method in _METHODS:
                operation = operations.get(method)
                if operation is None:
                    continue
                tag = (operation.get("tags") or ["other"])[0]
                sections.setdefault(tag, []).append(
                    ApiOperation(
                        method=method.upper(),
                        path=path,
                        summary=operation.get("summary", ""),
                        description=operation.get("description", ""),
                    )
                )
        context = {
            "title": schema["info"]["title"],
            "version": schema["info"]["version"],
            "served": api_sections(),
            "sections": sorted(sections.items()),
            "schema_url": self.get_openapi_url(api, kwargs),
        }
        return render(request, "core/api_docs.html", context)


def api_sections() -> list[str]:
    """What the API serves, one line per section (safer.api.API_SECTIONS)."""
    from safer.api import API_SECTIONS

    return list(API_SECTIONS)
