"""GOV.UK form markup for the public pages, with its fixed words translated (English and Welsh)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext, gettext_noop

from safer.core.templatetags.govuk import govuk_error_summary, govuk_field

register = template.Library()

# The core date input's fixed words (safer/core/formfields.py), listed so they are in our catalogue.
DATE_WORDS = [gettext_noop("Day"), gettext_noop("Month"), gettext_noop("Year"), gettext_noop("For example, 27 3 2026")]

# The same context as the core tags, rendered by templates whose fixed words go through gettext.
register.inclusion_tag("engagement/public/includes/field.html", name="public_field")(govuk_field)
register.inclusion_tag("engagement/public/includes/error_summary.html", name="public_error_summary")(
    govuk_error_summary
)


@register.filter
def translated(text: str) -> str:
    """Translate a fixed word that reached the template as data (the date boxes' Day, Month, Year, hint)."""
    return gettext(str(text))
