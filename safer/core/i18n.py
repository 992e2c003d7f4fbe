"""The language of a public page: English, or English and Welsh where the partnership offers both."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation


def django_language(code: str) -> str:
    """The Django language for a language a record keeps ("cy" or "en"): "cy", else "en-gb"."""
    return "cy" if code == "cy" else "en-gb"


def public_language(request: HttpRequest, *, bilingual: bool, session_key: str) -> str:
    """English unless the page is bilingual and the resident chose Welsh (?lang=cy, remembered, or their browser)."""
    if not bilingual:
        return "en-gb"
    asked = request.GET.get("lang")
    if asked in ("cy", "en"):
        chosen = django_language(asked)
        request.session[session_key] = chosen
        return chosen
    remembered = request.session.get(session_key)
    if remembered in ("cy", "en-gb"):
        return str(remembered)
    return django_language(translation.get_language_from_request(request))
