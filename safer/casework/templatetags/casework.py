"""Template tags of casework pages: `{% risk_tag case %}` and `{% case_row case %}`, drawn for every case table row.

A case table row is built here in Python, not in the template: the caseworker's list pages are the most requested
pages of the product, and Django's template engine spent half of their time resolving the row's dozen variables.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from django import template
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from safer.casework.selectors import CaseRow

register = template.Library()

_RISK_TAGS = {
    level: mark_safe(f'<strong class="govuk-tag govuk-tag--{colour}">{label}</strong>')  # noqa: S308 - constants
    for level, (colour, label) in {
        "high": ("red", "High"),
        "medium": ("orange", "Medium"),
        "standard": ("grey", "Standard"),
        "": ("yellow", "Not assessed"),
    }.items()
}


@register.simple_tag
def risk_tag(case: Any) -> SafeString:
    """The case's risk level as a GOV.UK tag; "Not assessed" before a risk assessment."""
    return _RISK_TAGS.get(case.risk_level, _RISK_TAGS[""])


_OVERDUE = ' <strong class="govuk-tag govuk-tag--red">Contact overdue</strong>'


@register.simple_tag(takes_context=True)
def case_row(context: template.Context, case: CaseRow) -> SafeString:
    """One row of a case table (casework/includes/case_table.html): link, summary, owner, officer, risk, stage, status,
    next task due, opened (a CaseRow of `case_page_for_user` or `case_rows_for_user`).

    "Contact overdue" shows beside the risk while an open case's response deadline has passed without first contact
    (`now` comes from the page's context). Every value is escaped with `html.escape` (what Django's `escape` does,
    without its lazy-string wrapper, which was most of the cost of 25 rows).
    """
    now = context.get("now")
    overdue = bool(
        case.is_open and case.response_due_at and not case.first_contact_at and now and case.response_due_at < now
    )
    prefix, suffix = _case_url_parts(context)
    link = escape(f"{prefix}{case.reference}{suffix}")
    officer = case.officer_name or "Not assigned"
    next_due = case.next_due
    due = "–"
    if next_due is not None:
        due = f"{next_due.day} {_MONTHS[next_due.month]} {next_due.year}"
        if now and next_due < localtime(now).date():
            due += ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    cells = (
        f'<a class="govuk-link" href="{link}">{escape(case.reference)}</a>',
        escape(case.summary or "–"),
        escape(case.owner_name),
        escape(officer),
        risk_tag(case) + (_OVERDUE if overdue else ""),
        escape(str(case.stage)),
        escape(str(case.get_status_display())),
        due,
        _uk_date(case.opened_at),
    )
    return mark_safe(  # noqa: S308 - every cell above is escaped or fixed markup
        '<tr class="govuk-table__row">' + "".join(f'<td class="govuk-table__cell">{c}</td>' for c in cells) + "</tr>"
    )


# A reference the case URL converter accepts, reversed once per page to learn the case URL's shape.
_PLACEHOLDER = "AAA-0000-00000"
_URL_PARTS_KEY = "safer.casework.case_url_parts"


def _case_url_parts(context: template.Context) -> tuple[str, str]:
    """What comes before and after the reference in a case's address, reversed once per rendered page (kept in the
    page's render context) rather than once per row: the table's 25 rows differ only in their reference."""
    parts = context.render_context.get(_URL_PARTS_KEY)
    if parts is None:
        prefix, _, suffix = reverse("casework:case-detail", args=[_PLACEHOLDER]).partition(_PLACEHOLDER)
        parts = context.render_context[_URL_PARTS_KEY] = (prefix, suffix)
    return parts


def _uk_date(moment: datetime) -> str:
    """The local (UK) date as "1 Jul 2026", what `dateformat.format(..., "j M Y")` gives, without its formatter."""
    local = localtime(moment)
    return f"{local.day} {_MONTHS[local.month]} {local.year}"


_MONTHS = {number: str(name).title() for number, name in MONTHS_3.items()}  # USE_I18N is off: English
