"""E-mails of the engagement app, all sent through the product's one notifications service.

A failure to send never undoes what was saved: callers send after their transaction commits, and a failure
is logged with the record's reference only (no addresses, no names).
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger("safer.engagement")


def _send(*, to: str, subject: str, body: str, organisation: Any, about: Any) -> bool:
    """Send one e-mail; True when the notifications service accepted it."""
    try:
        from safer.core.notifications import notification_send

        notification_send(channel="email", to=to, subject=subject, body=body, organisation=organisation, about=about)
    except Exception as error:  # noqa: BLE001 - any failure is logged and reported to the caller, never raised
        # The error's class and the record's reference only: its message could name the address.
        logger.error(
            "Engagement e-mail about %s not sent (%s).", getattr(about, "audit_label", ""), type(error).__name__
        )
        return False
    return True


def hate_report_acknowledge(*, report: Any) -> bool:
    """Tell a reporter who gave an e-mail address that the report arrived, in the language they used."""
    if not report.email:
        return False
    with translation.override(report.language or "en-gb"):
        subject = _("We have received your hate incident report %(reference)s") % {"reference": report.reference}
        body = _(
            "Thank you for telling us what happened. Your reference is %(reference)s.\n\n"
            "We will only share your report with the organisations you agreed to. "
            "If you asked us to, we will tell you what they do about it.\n\n"
            "If you are in danger now, call 999."
        ) % {"reference": report.reference}
    sent = _send(to=report.email, subject=subject, body=body, organisation=report.organisation, about=report)
    if sent:
        type(report).objects.filter(pk=report.pk).update(acknowledgement_sent=True)
    return sent


def referral_send(*, referral: Any) -> bool:
    """Send a referral to the partner agency's address (the reporter agreed to share with this kind of agency)."""
    report = referral.report
    lines = [
        f"Hate incident report {report.reference}, referred to {referral.partner.name} under the rule "
        f'"{referral.rule.name if referral.rule else "manual"}". Please respond by {referral.due_on:%d %B %Y}.',
        "",
        f"What happened: {report.what_happened}",
        f"Kinds: {', '.join(report.incident_kinds)}; strands: {', '.join(report.strands)}",
        f"Where: {report.place_label or 'not given'}; when: {report.occurred_on:%d %B %Y}",
        f"Reported to the police: {report.get_reported_to_police_display()}",
        f"Reporter: {report.get_reporter_role_display()}"
        + ("" if report.anonymous else f"; contact {report.name} {report.email} {report.phone}".rstrip()),
    ]
    with translation.override("en-gb"):
        sent = _send(
            to=referral.partner.email,
            subject=f"Hate incident referral {report.reference}",
            body="\n".join(lines),
            organisation=report.organisation,
            about=report,
        )
    if sent:
        type(referral).objects.filter(pk=referral.pk).update(sent=True)
    return sent


def referral_tell_reporter(*, referral: Any) -> bool:
    """E-mail the reporter what a partner did about their report (they asked to be told by e-mail)."""
    report = referral.report
    with translation.override(report.language or "en-gb"):
        subject = _("Update on your hate incident report %(reference)s") % {"reference": report.reference}
        body = _("%(partner)s has updated your report %(reference)s: %(status)s.\n\n%(response)s") % {
            "partner": referral.partner.name,
            "reference": report.reference,
            "status": referral.get_status_display(),
            "response": referral.response,
        }
    return _send(to=report.email, subject=subject, body=body, organisation=report.organisation, about=report)
