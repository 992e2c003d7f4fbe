"""Hate report services: submit (public or reporting centre), route to partners, record responses, close."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safer.core.services.audit import audit_record
from safer.engagement import crime, routing
from safer.engagement.choices import (
    ContactMethod,
    EngagementAuditAction,
    HateReportStatus,
    HateStrand,
    IncidentKind,
    PartnerKind,
    PoliceReported,
    ReferralStatus,
    ReporterRole,
)
from safer.engagement.errors import EngagementInputError, EngagementNotFoundError
from safer.engagement.grid import to_bng
from safer.engagement.models import HateReport, PartnerAgency, Referral, RoutingRule
from safer.engagement.services import messages
from safer.engagement.services._access import require_capability, require_same_partnership
from safer.geography.bng import in_uk_bounds

# No 0/O or 1/I: references are read out over the phone.
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _new_reference() -> str:
    while True:
        reference = "HR-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        if not HateReport.objects.filter(reference=reference).exists():
            return reference


def hate_report_submit(
    *,
    organisation: Any,
    reporter_role: str,
    what_happened: str,
    incident_kinds: Sequence[str],
    strands: Sequence[str],
    occurred_on: dt.date,
    reported_to_police: str,
    consent_to_share: bool,
    share_with: Sequence[str] = (),
    contact_method: str = ContactMethod.NONE,
    name: str = "",
    email: str = "",
    phone: str = "",
    strand_other: str = "",
    place_label: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    language: str = "en",
    actor: Any = None,
    synthetic: bool = False,
) -> HateReport:
    """Keep a hate report, refer it by the routing rules, then (after commit) acknowledge and send referrals.

    `actor` is the reporting centre's member of staff when they report for someone (signed in), else None.
    """
    if actor is not None:
        require_capability(actor, "engagement.report")
    _check_report(
        reporter_role=reporter_role,
        what_happened=what_happened,
        incident_kinds=incident_kinds,
        strands=strands,
        occurred_on=occurred_on,
        reported_to_police=reported_to_police,
        share_with=share_with,
        contact_method=contact_method,
        email=email,
        phone=phone,
        strand_other=strand_other,
        place_label=place_label,
        latitude=latitude,
        longitude=longitude,
    )
    area_name = ""
    if latitude is not None and longitude is not None:
        easting, northing = to_bng(longitude, latitude)
        area_name = crime.area_name_at(easting=easting, northing=northing)
    with transaction.atomic():
        report = HateReport.objects.create(
            organisation=organisation,
            reference=_new_reference(),
            reporter_role=reporter_role,
            what_happened=what_happened.strip(),
            incident_kinds=[k for k in IncidentKind.values if k in incident_kinds],
            strands=[s for s in HateStrand.values if s in strands],
            strand_other=strand_other.strip() if HateStrand.OTHER in strands else "",
            place_label=place_label.strip()[:200],
            area_name=area_name,
            latitude=latitude,
            longitude=longitude,
            occurred_on=occurred_on,
            reported_to_police=reported_to_police,
            consent_to_share=consent_to_share,
            share_with=[k for k in PartnerKind.values if k in share_with] if consent_to_share else [],
            contact_method=contact_method,
            name=name.strip(),
            email=email.strip() if contact_method == ContactMethod.EMAIL or email else "",
            phone=phone.strip(),
            language=language,
            submitted_by=actor,
            reporting_centre=(actor.organisation.name if actor is not None and actor.organisation else ""),
            synthetic=synthetic,
        )
        audit_record(actor=actor, action=EngagementAuditAction.HATE_REPORT_SUBMITTED, target=report)
        referrals = _refer(report)
    # Sending happens after the commit: a failed e-mail never loses the report or its referrals.
    transaction.on_commit(lambda: _send_after_submit(report, referrals))
    return report


def _send_after_submit(report: HateReport, referrals: list[Referral]) -> None:
    messages.hate_report_acknowledge(report=report)
    for referral in referrals:
        messages.referral_send(referral=referral)


def _check_report(**f: Any) -> None:
    if f["reporter_role"] not in ReporterRole.values:
        raise EngagementInputError(_("Choose who you are in this report."), field="reporter_role")
    if not f["what_happened"].strip():
        raise EngagementInputError(_("Tell us what happened."), field="what_happened")
    if not f["incident_kinds"] or not set(f["incident_kinds"]) <= set(IncidentKind.values):
        raise EngagementInputError(_("Choose what kind of incident it was."), field="incident_kinds")
    if not f["strands"] or not set(f["strands"]) <= set(HateStrand.values):
        raise EngagementInputError(_("Choose why you think it happened."), field="strands")
    if HateStrand.OTHER in f["strands"] and not f["strand_other"].strip():
        raise EngagementInputError(_("Tell us what else you think it was about."), field="strand_other")
    if f["occurred_on"] > timezone.localdate():
        raise EngagementInputError(_("The date it happened must be today or in the past."), field="occurred_on")
    if f["reported_to_police"] not in PoliceReported.values:
        raise EngagementInputError(_("Say whether it was reported to the police."), field="reported_to_police")
    if not set(f["share_with"]) <= set(PartnerKind.values):
        raise EngagementInputError(_("Choose who we may share the report with."), field="share_with")
    if f["contact_method"] not in ContactMethod.values:
        raise EngagementInputError(_("Choose how we may contact you."), field="contact_method")
    if f["contact_method"] == ContactMethod.EMAIL and not f["email"].strip():
        raise EngagementInputError(_("Enter your email address, or choose another way to be contacted."), field="email")
    if f["contact_method"] == ContactMethod.PHONE and not f["phone"].strip():
        raise EngagementInputError(_("Enter your phone number, or choose another way to be contacted."), field="phone")
    lat, lon = f["latitude"], f["longitude"]
    if (lat is None) != (lon is None) or (lat is not None and not in_uk_bounds(lon, lat)):
        raise EngagementInputError(_("Choose a place in the UK."), field="place")
    if lat is None and not f["place_label"].strip():
        raise EngagementInputError(_("Tell us where it happened."), field="place")


def _refer(report: HateReport) -> list[Referral]:
    rules = RoutingRule.objects.filter(organisation=report.organisation).select_related("partner")
    today = timezone.localdate()
    made = []
    for rule in routing.routes_for(report, rules):
        referral = Referral.objects.create(
            report=report,
            partner=rule.partner,
            rule=rule,
            due_on=today + dt.timedelta(days=rule.partner.response_days),
        )
        audit_record(
            actor=None,
            action=EngagementAuditAction.REFERRAL_MADE,
            target=report,
            detail={"partner": rule.partner.name, "rule": rule.name},
        )
        made.append(referral)
    report.status = HateReportStatus.REFERRED if made else HateReportStatus.NOT_REFERRED
    report.save(update_fields=["status"])
    return made


def referral_update(
    *, actor: Any, referral: Referral, status: str, response: str = "", reporter_told_by_phone: bool = False
) -> Referral:
    """Record a partner's response; the reporter is told by e-mail if they asked (or staff confirm a call)."""
    require_capability(actor, "engagement.hate")
    report = referral.report
    require_same_partnership(actor, report.organisation_id, what="referral")
    if status not in ReferralStatus.values:
        raise EngagementInputError("Choose the referral's status.", field="status")
    if status != ReferralStatus.SENT and not response.strip():
        raise EngagementInputError("Enter the partner's response.", field="response")
    changed = status != referral.status
    referral.status = status
    referral.response = response.strip()
    if reporter_told_by_phone:
        referral.reporter_told = True
    referral.save(update_fields=["status", "response", "reporter_told", "updated_at"])
    audit_record(actor=actor, action=EngagementAuditAction.REFERRAL_UPDATED, target=report, detail={"status": status})
    if changed and report.contact_method == ContactMethod.EMAIL and report.email and status != ReferralStatus.SENT:

        def tell() -> None:
            if messages.referral_tell_reporter(referral=referral):
                Referral.objects.filter(pk=referral.pk).update(reporter_told=True)

        transaction.on_commit(tell)
    return referral


def hate_report_close(*, actor: Any, report: HateReport) -> HateReport:
    """Close a report once its referrals are settled."""
    require_capability(actor, "engagement.hate")
    require_same_partnership(actor, report.organisation_id, what="hate report")
    if report.referrals.filter(status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]).exists():
        raise EngagementInputError("Some referrals are still open. Record the partners' responses first.")
    report.status = HateReportStatus.CLOSED
    report.save(update_fields=["status"])
    audit_record(actor=actor, action=EngagementAuditAction.HATE_REPORT_CLOSED, target=report)
    return report


def partner_save(
    *, actor: Any, name: str, kind: str, email: str, response_days: int = 5, partner: PartnerAgency | None = None
) -> PartnerAgency:
    """Add or change a partner agency that hate reports can be referred to."""
    require_capability(actor, "engagement.hate")
    if partner is not None:
        require_same_partnership(actor, partner.organisation_id, what="partner")
    if kind not in PartnerKind.values:
        raise EngagementInputError("Choose the kind of agency.", field="kind")
    if not 1 <= response_days <= 90:
        raise EngagementInputError("Days to respond must be between 1 and 90.", field="response_days")
    partner = partner or PartnerAgency(organisation=actor.organisation)
    partner.name, partner.kind, partner.email, partner.response_days = name.strip(), kind, email.strip(), response_days
    partner.save()
    audit_record(actor=actor, action=EngagementAuditAction.PARTNER_SAVED, target=partner)
    return partner


def routing_rule_save(
    *,
    actor: Any,
    name: str,
    partner: PartnerAgency,
    strands: Sequence[str] = (),
    incident_kinds: Sequence[str] = (),
    place_contains: str = "",
    rule: RoutingRule | None = None,
) -> RoutingRule:
    """Add or change a routing rule (see safer/engagement/routing.py for how rules are applied)."""
    require_capability(actor, "engagement.hate")
    if partner.organisation_id != actor.organisation_id:
        raise EngagementNotFoundError("No such partner that you can see.")
    if rule is not None:
        require_same_partnership(actor, rule.organisation_id, what="routing rule")
    if not set(strands) <= set(HateStrand.values) or not set(incident_kinds) <= set(IncidentKind.values):
        raise EngagementInputError("Choose strands and kinds of incident from the lists.", field="strands")
    rule = rule or RoutingRule(organisation=actor.organisation)
    rule.name, rule.partner = name.strip(), partner
    rule.strands, rule.incident_kinds = list(strands), list(incident_kinds)
    rule.place_contains = place_contains.strip()
    rule.save()
    audit_record(actor=actor, action=EngagementAuditAction.ROUTING_RULE_SAVED, target=rule)
    return rule
