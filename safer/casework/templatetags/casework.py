"""Template tags of casework pages: `{% risk_tag case %}`, drawn once per row of every case table."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

_RISK_TAGS = {
    "high": ("red", "High"),
    "medium": ("orange", "Medium"),
    "standard": ("grey", "Standard"),
}


@register.simple_tag
def risk_tag(case: Any) -> SafeString:
    """The case's risk level as a GOV.UK tag; "Not assessed" before a risk assessment."""
    colour, label = _RISK_TAGS.get(case.risk_level, ("yellow", "Not assessed"))
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
