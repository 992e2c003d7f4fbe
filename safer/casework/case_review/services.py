"""Case review applications: submitting (public), matching, the threshold decision, and telling the applicant."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from safer.accounts.choices import AgencyKind
from safer.accounts.models import Organisation
from safer.casework.case_review.access import require_coordinator
from safer.casework.case_review.choices import ApplicationStatus, ApplyingAs, CaseReviewAuditAction, ContactBy
from safer.casework.case_review.deadlines import application_deadlines, review_deadline
from safer.casework.case_review.errors import (
    CaseReviewClosedError,
    CaseReviewInputError,
    CaseReviewStateError,
    CaseReviewTokenError,
)
from safer.casework.case_review.messages import message_key
from safer.casework.case_review.models import CaseReviewApplication, CaseReviewReport, CaseReviewSettings
from safer.core.i18n import django_language
from safer.core.notifications import notification_send_template
from safer.core.services.audit import audit_record

TOKEN_SALT = "safer.case-review.applicant"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 60 * 60 * 24 * 400  # the link works for about a year after the last message
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


def case_review_settings() -> CaseReviewSettings:
    """The partnership's settings (created with the defaults on first use)."""
    found, _created = CaseReviewSettings.objects.get_or_create(pk=1)
    return found


@dataclass
class ReportInput:
    """A report the applicant made."""

    reported_on: date
    agency: str
    agency_reference: str = ""
    summary: str = ""


@dataclass
class ApplicationInput:
    """Everything the public form collects."""

    applying_as: str
    applicant_name: str
    contact_by: str
    postcode: str
    problem_description: str
    problem_location: str
    outcome_wanted: str
    victim_name: str = ""
    organisation_name: str = ""
    consent_confirmed: bool = False
    email: str = ""
    phone: str = ""
    address: str = ""
    hate_motivated: bool = False
    reports: list[ReportInput] = field(default_factory=list)


def _check(data: ApplicationInput) -> None:
    if data.applying_as not in ApplyingAs.values:
        raise CaseReviewInputError(_("Choose who you are applying for."), field="applying_as")
    if not data.applicant_name.strip():
        raise CaseReviewInputError(_("Enter your full name."), field="applicant_name")
    if data.applying_as == ApplyingAs.ON_BEHALF:
        if not data.victim_name.strip():
            raise CaseReviewInputError(_("Enter the name of the person you are applying for."), field="victim_name")
        if not data.consent_confirmed:
            raise CaseReviewInputError(
                _("Confirm that they agree to you applying for them."), field="consent_confirmed"
            )
    if data.applying_as in {ApplyingAs.BUSINESS, ApplyingAs.GROUP} and not data.organisation_name.strip():
        raise CaseReviewInputError(_("Enter the name of the business or group."), field="organisation_name")
    if data.contact_by not in ContactBy.values:
        raise CaseReviewInputError(_("Choose how we should contact you."), field="contact_by")
    if data.contact_by == ContactBy.EMAIL:
        try:
            validate_email(data.email.strip())
        except Exception:
            raise CaseReviewInputError(
                _("Enter an email address in the correct format, like name@example.com."), field="email"
            ) from None
    if data.contact_by == ContactBy.LETTER and len([x for x in data.address.splitlines() if x.strip()]) < 1:
        raise CaseReviewInputError(_("Enter your address."), field="address")
    if not data.postcode.strip():
        raise CaseReviewInputError(_("Enter your postcode."), field="postcode")
    for name in ("problem_description", "problem_location", "outcome_wanted"):
        if not getattr(data, name).strip():
            raise CaseReviewInputError(_("Enter an answer."), field=name)
    if not data.reports:
        raise CaseReviewInputError(_("Add at least one report you made about the problem."), field="reports")
    today = timezone.localdate()
    for report in data.reports:
        if report.reported_on > today:
            raise CaseReviewInputError(_("The date of a report must be today or in the past."), field="reports")


def _reference() -> str:
    """A reference nobody can guess from another: CR- and 8 random characters (40 bits)."""
    while True:
        reference = "CR-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _position in range(8))
        if not CaseReviewApplication.objects.filter(reference=reference).exists():
            return reference


def _coordinating_organisation(config: CaseReviewSettings) -> Organisation:
    organisation = config.coordinating_organisation or (
        Organisation.objects.filter(kind=AgencyKind.COUNCIL, is_active=True).order_by("pk").first()
    )
    if organisation is None:
        raise CaseReviewStateError(_("No coordinating organisation is set up for case reviews. Ask an administrator."))
    return organisation


@transaction.atomic
def application_submit(*, data: ApplicationInput, language: str = "en") -> CaseReviewApplication:
    """A resident's application: saved, audited, acknowledged (email or letter) with its reference and deadlines."""
    _check(data)
    config = case_review_settings()
    now = timezone.now()
    due = application_deadlines(
        received_at=now, acknowledge_days=config.acknowledge_working_days, decision_days=config.decision_working_days
    )
    application = CaseReviewApplication.objects.create(
        reference=_reference(),
        coordinating_organisation=_coordinating_organisation(config),
        language=language if language in {"en", "cy"} else "en",
        applying_as=data.applying_as,
        applicant_name=data.applicant_name.strip(),
        victim_name=data.victim_name.strip(),
        organisation_name=data.organisation_name.strip(),
        consent_confirmed=data.consent_confirmed,
        contact_by=data.contact_by,
        email=data.email.strip(),
        phone=data.phone.strip(),
        address=data.address.strip(),
        postcode=data.postcode.strip().upper(),
        problem_description=data.problem_description.strip(),
        problem_location=data.problem_location.strip(),
        hate_motivated=data.hate_motivated,
        outcome_wanted=data.outcome_wanted.strip(),
        received_at=now,
        acknowledge_due=due.acknowledge_due,
        decision_due=due.decision_due,
    )
    CaseReviewReport.objects.bulk_create(
        CaseReviewReport(
            application=application,
            reported_on=r.reported_on,
            agency=r.agency.strip()[:200],
            agency_reference=r.agency_reference.strip()[:60],
            summary=r.summary.strip()[:500],
        )
        for r in data.reports
    )
    audit_record(actor=None, action=CaseReviewAuditAction.SUBMITTED, target=application)
    applicant_tell(
        application=application,
        key="case-review-acknowledgement",
        extra={"decision_due": applicant_date(application, application.decision_due)},
    )
    CaseReviewApplication.objects.filter(pk=application.pk).update(acknowledged_at=now)
    application.acknowledged_at = now
    return application


def applicant_token(application: CaseReviewApplication) -> str:
    """The signed token in the applicant's link (it names the application by its opaque id only)."""
    return signing.dumps(str(application.public_id), salt=TOKEN_SALT)


def applicant_link(application: CaseReviewApplication) -> str:
    """The link sent to the applicant; the token is in the query string, which logs never keep."""
    return f"{settings.SAFER_PUBLIC_URL}{reverse('case_review:applicant-open')}?token={applicant_token(application)}"


def application_from_token(token: str) -> CaseReviewApplication:
    """The application a token names (CaseReviewTokenError when it is forged, wrong or expired)."""
    try:
        public_id = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        return CaseReviewApplication.objects.get(public_id=public_id)
    except (signing.BadSignature, CaseReviewApplication.DoesNotExist, ValueError):
        raise CaseReviewTokenError(
            _("This link is not valid or has expired. Use the latest link we sent you.")
        ) from None


def applicant_language(application: CaseReviewApplication) -> str:
    """The language the applicant applied in, as Django names it: their messages and dates are written in it."""
    return django_language(application.language)


def applicant_date(application: CaseReviewApplication, when: date | datetime) -> str:
    """A date for the applicant's messages, in their language: 05 March 2026, or 5 Mawrth 2026."""
    day = timezone.localtime(when).date() if isinstance(when, datetime) else when
    with translation.override(applicant_language(application)):
        return date_format(day, "j F Y" if application.language == "cy" else "d F Y")


def applicant_tell(*, application: CaseReviewApplication, key: str, extra: dict[str, str], actor: Any = None) -> None:
    """Send the applicant a message by the channel they chose (email, or a letter to post), in their language."""
    channel = application.contact_by
    to = (
        application.email
        if channel == ContactBy.EMAIL
        else f"{application.applicant_name}\n{application.address}\n{application.postcode}"
    )
    notification_send_template(
        key=message_key(key, application.language),
        channel=channel,
        to=to,
        organisation=application.coordinating_organisation,
        about=application,
        actor=actor,
        context={
            "reference": application.reference,
            "applicant_name": application.applicant_name,
            "status_link": applicant_link(application),
            "partnership": application.coordinating_organisation.name,
            "pcc_contact": case_review_settings().pcc_review_contact,
            **extra,
        },
        language=application.language,
    )


def require_open(application: CaseReviewApplication) -> None:
    """Changes need an application that is not closed (the closed record is read-only)."""
    if application.is_closed:
        raise CaseReviewClosedError(f"Case review {application.reference} is closed; its record cannot be changed.")


@transaction.atomic
def application_matching_update(
    *,
    actor: Any,
    application: CaseReviewApplication,
    people: list[Any],
    pseudonyms: list[str],
    excluded: dict[str, str],
) -> CaseReviewApplication:
    """The coordinator says which records are the applicant's, and excludes records (with a reason each)."""
    require_coordinator(actor, application)
    require_open(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise CaseReviewStateError("The threshold decision is made; the matching can no longer change.")
    for ref, reason in excluded.items():
        if not reason.strip():
            raise CaseReviewInputError(f"Give a reason for excluding {ref}.", field="excluded")
    application.matched_people.set(people)
    application.reporter_pseudonyms = sorted({p.strip() for p in pseudonyms if p.strip()})
    application.excluded = {ref.strip(): reason.strip()[:300] for ref, reason in excluded.items() if ref.strip()}
    application.save(update_fields=["reporter_pseudonyms", "excluded"])
    audit_record(
        actor=actor,
        action=CaseReviewAuditAction.MATCHING_CHANGED,
        target=application,
        detail={
            "people": len(people),
            "pseudonyms": len(application.reporter_pseudonyms),
            "excluded": len(application.excluded),
        },
    )
    return application


@transaction.atomic
def application_decide(
    *, actor: Any, application: CaseReviewApplication, met: bool, reasons: str
) -> CaseReviewApplication:
    """The coordinator's threshold decision with reasons; the evidence is kept as it stood; the applicant is told."""
    from safer.casework.case_review.evidence import application_check, evidence_snapshot

    require_coordinator(actor, application)
    require_open(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise CaseReviewStateError(f"The threshold decision for {application.reference} is already made.")
    if not reasons.strip():
        raise CaseReviewInputError("Give the reasons for the decision; the applicant is told them.", field="reasons")
    result = application_check(application)
    now = timezone.now()
    application.threshold_met = met
    application.decision_reasons = reasons.strip()
    application.decided_at = now
    application.decided_by = actor
    application.evidence = evidence_snapshot(result)
    application.status = ApplicationStatus.UNDER_REVIEW if met else ApplicationStatus.NOT_MET
    review_due = review_deadline(decided_at=now, review_days=case_review_settings().review_working_days)
    if met:
        application.review_due = review_due
    application.save()
    audit_record(
        actor=actor,
        action=CaseReviewAuditAction.DECIDED,
        target=application,
        detail={"met": met, "check_met": result.met},
    )
    if met:
        applicant_tell(
            application=application,
            key="case-review-threshold-met",
            actor=actor,
            extra={
                "reasons": application.decision_reasons,
                "review_due": applicant_date(application, review_due),
            },
        )
    else:
        applicant_tell(
            application=application,
            key="case-review-threshold-not-met",
            actor=actor,
            extra={"reasons": application.decision_reasons},
        )
    return application


SETTINGS_FIELDS = (
    "complaints_one_person",
    "complainants_community",
    "hate_complaints",
    "window_months",
    "report_within_days",
    "acknowledge_working_days",
    "decision_working_days",
    "review_working_days",
    "coordinating_organisation",
    "pcc_review_contact",
)


@transaction.atomic
def case_review_settings_update(*, actor: Any, **values: Any) -> CaseReviewSettings:
    """Change the threshold, deadlines, coordinating organisation or PCC wording (coordinators and administrators)."""
    if not (actor.has_capability("casereview.coordinate") or actor.has_capability("accounts.admin")):
        from safer.casework.case_review.errors import CaseReviewPermissionError

        raise CaseReviewPermissionError("Only a case review coordinator or an administrator can change these settings.")
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise CaseReviewInputError(f"Unknown setting {sorted(unknown)[0]!r}.")
    for name, value in values.items():
        if name not in {"coordinating_organisation", "pcc_review_contact"} and (
            not isinstance(value, int) or value < 1
        ):
            raise CaseReviewInputError(
                f"{name.replace('_', ' ').capitalize()} must be 1 or more (got {value!r}).", field=name
            )
    config = case_review_settings()
    before = {name: str(getattr(config, name)) for name in values}
    for name, value in values.items():
        setattr(config, name, value)
    config.save()
    audit_record(
        actor=actor,
        action=CaseReviewAuditAction.SETTINGS_CHANGED,
        target_type="casework.casereviewsettings",
        target_id=config.pk,
        detail={"before": before, "after": {n: str(v) for n, v in values.items()}},
    )
    return config
