"""Demo case reviews (SYNTHETIC: fictional applicants): an application in each state, visible to the demo sign-ins
`manager` (the coordinator), `police` (on a panel), `partnership` (the annual table) and `admin` (the messages,
among them a Welsh applicant's letter, dated in Welsh)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.accounts.models import Organisation, User
from safer.casework.case_review.deadlines import application_deadlines
from safer.casework.case_review.models import CaseReviewApplication
from safer.casework.case_review.services import (
    ApplicationInput,
    ReportInput,
    application_decide,
    application_submit,
    case_review_settings,
)
from safer.casework.case_review.services_review import (
    agency_account_record,
    application_close,
    meeting_record,
    panel_member_add,
    recommendation_add,
    recommendation_complete,
)
from safer.casework.models import Incident
from safer.casework.services import incident_record, person_create
from safer.core.notifications.choices import NotificationState
from safer.core.notifications.delivery import notification_deliver
from safer.core.notifications.models import Notification

MARK = "(SYNTHETIC)"


def _apply(
    name: str, days_ago: int, *, contact_by: str = "email", language: str = "en", **extra: Any
) -> CaseReviewApplication:
    today = timezone.localdate()
    slug = name.split()[0].lower()
    values: dict[str, Any] = {
        "applying_as": "self",
        "applicant_name": f"{name} {MARK}",
        "contact_by": contact_by,
        "email": f"{slug}.applicant@example.org" if contact_by == "email" else "",
        "address": f"{days_ago} Example Road\nOxford" if contact_by == "letter" else "",
        "postcode": "OX4 9ZZ",
        "problem_description": f"Repeated noise and intimidation from a neighbour {MARK}.",
        "problem_location": "Example Road, Cowley",
        "outcome_wanted": "For the agencies to act together.",
        "reports": [
            ReportInput(
                reported_on=today - timedelta(days=days_ago + n * 20), agency="Oxford City Council", agency_reference=""
            )
            for n in (1, 2, 3)
        ],
    }
    values.update(extra)
    application = application_submit(data=ApplicationInput(**values), language=language)
    received = timezone.now() - timedelta(days=days_ago)
    config = case_review_settings()
    due = application_deadlines(
        received_at=received,
        acknowledge_days=config.acknowledge_working_days,
        decision_days=config.decision_working_days,
    )
    CaseReviewApplication.objects.filter(pk=application.pk).update(
        received_at=received,
        acknowledged_at=received,
        acknowledge_due=due.acknowledge_due,
        decision_due=due.decision_due,
    )
    application.refresh_from_db()
    return application


def _history(actor: User, name: str, email: str, days: list[int]) -> Any:
    """A reporting person and their incidents (reported the day they happened)."""
    person = person_create(actor=actor, first_name=name, last_name=MARK, email=email, postcode="OX4 9ZZ")
    for n in days:
        when = timezone.now() - timedelta(days=n)
        incident = incident_record(
            actor=actor,
            occurred_at=when,
            location_text=f"Example Road, Cowley {MARK}",
            asb_category="personal",
            asb_type="Intimidation",
            area="Cowley",
            description=f"Shouting and threats at the door {MARK}",
            reporting_person=person,
        )
        Incident.objects.filter(pk=incident.pk).update(recorded_at=when + timedelta(hours=1))
    return person


@transaction.atomic
def case_review_demo_load() -> list[str]:
    """Load the demo applications once (idempotent); return lines for the console."""
    if CaseReviewApplication.objects.filter(applicant_name__endswith=MARK).exists():
        return ["Case review demo: already loaded."]
    council = Organisation.objects.get(name="Oxford City Council")
    police = Organisation.objects.get(name="Thames Valley Police")
    housing = Organisation.objects.get(name="Greenway Housing (demo)")
    manager, cw, pc, hw = (User.objects.get(username=n) for n in ("manager", "caseworker", "police", "housing"))
    config = case_review_settings()
    config.coordinating_organisation = council
    config.pcc_review_contact = "the Office of the Police and Crime Commissioner for Thames Valley (demo text)"
    config.save()

    _history(cw, "Avery", "avery.applicant@example.org", [70, 40, 12])
    awaiting = _apply("Avery Applicant", 2)  # the records meet the threshold: decide it
    overdue = _apply("Blake Applicant", 21, contact_by="letter")  # the decision is overdue
    # Applied in Welsh, by letter: the acknowledgement letter (admin, /notifications/) is in Welsh and dated in Welsh.
    welsh = _apply("Gwyn Ymgeisydd", 1, contact_by="letter", language="cy")
    not_met = _apply("Casey Applicant", 30)
    application_decide(
        actor=manager,
        application=not_met,
        met=False,
        reasons="One complaint was recorded in the last six months; three are needed.",
    )
    _history(pc, "Drew", "drew.applicant@example.org", [90, 50, 25, 6])
    review = _apply("Drew Applicant", 12)
    application_decide(
        actor=manager,
        application=review,
        met=True,
        reasons="Four complaints to the police about the same problem in six months.",
    )
    for organisation in (police, housing):
        panel_member_add(actor=manager, application=review, organisation=organisation)
    agency_account_record(actor=pc, application=review, account="Attended three times; advice given each time.")
    recommendation_add(
        actor=manager,
        application=review,
        text="Joint visit by police and housing",
        owner_organisation=housing,
        due_on=timezone.localdate() + timedelta(days=10),
    )
    closed = _apply("Emery Applicant", 45)
    application_decide(actor=manager, application=closed, met=True, reasons="Five neighbours complained.")
    for organisation in (police, council):
        panel_member_add(actor=manager, application=closed, organisation=organisation)
    meeting_record(
        actor=manager,
        application=closed,
        held_on=timezone.localdate() - timedelta(days=5),
        attendees="Council ASB team, neighbourhood police",
        record=f"Reports reviewed in turn {MARK}.",
    )
    done = recommendation_add(
        actor=manager,
        application=closed,
        text="Share incident logs weekly",
        owner_organisation=police,
        due_on=timezone.localdate(),
    )
    recommendation_add(
        actor=manager,
        application=closed,
        text="Offer mediation",
        owner_organisation=council,
        due_on=timezone.localdate() + timedelta(days=20),
    )
    recommendation_complete(actor=pc, recommendation=done, note="Weekly log sharing started.")
    application_close(
        actor=manager,
        application=closed,
        outcome_summary="The agencies will share logs and offer mediation.",
        lessons_learned="Reports to different agencies were not joined up.",
    )
    _history(hw, "Finley", "", [80, 45, 15])  # a potential case review: nobody has applied
    transaction.on_commit(_deliver_demo_messages)
    _ = (awaiting, overdue, welsh)
    return [
        f"Case review demo {MARK}: {CaseReviewApplication.objects.count()} applications in every state. "
        "Coordinator: manager (/case-review/staff/); panel: police; figures: partnership; messages: admin "
        "(/notifications/); the public form: /case-review/."
    ]


def _deliver_demo_messages() -> None:
    """Nothing leaves the machine in the demo (console); deliver now so the messages page shows them sent."""
    for pk in Notification.objects.filter(state=NotificationState.QUEUED).values_list("pk", flat=True):
        notification_deliver(notification_id=pk)
