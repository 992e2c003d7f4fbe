"""Demo casework (DEMO ONLY, fictional people and places): cases across the demo organisations, a shared case,
overdue tasks, escalations with letters, a skipped stage, a breach, closed cases, and one past retention."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.accounts.models import Organisation, User
from safer.casework.choices import AsbCategory, CaseOutcome, HateStrand, PartyRole
from safer.casework.models import Case, Person
from safer.casework.questionnaire import DEFAULT_QUESTIONNAIRE
from safer.casework.services import (
    breach_record,
    case_close,
    case_escalate,
    case_link_incident,
    case_open,
    case_share,
    case_update,
    incident_record,
    letter_generate,
    letter_render,
    note_add,
    party_add,
    person_create,
    risk_assessment_complete,
    task_create,
)

DEMO_MARK = "(demo)"
AREAS = ["Blackbird Leys", "Cowley", "Jericho", "Rose Hill", "Barton", "Headington"]
TYPES = {
    AsbCategory.NUISANCE: ["Noise", "Rowdy behaviour", "Vehicle nuisance", "Drug-related nuisance"],
    AsbCategory.PERSONAL: ["Intimidation", "Harassment", "Verbal abuse"],
    AsbCategory.ENVIRONMENTAL: ["Fly-tipping", "Graffiti", "Litter"],
}
ANSWERS_STANDARD = {q.code: False for q in DEFAULT_QUESTIONNAIRE.questions}
ANSWERS_MEDIUM = {**ANSWERS_STANDARD, "repeat": True, "fear": True}
ANSWERS_HIGH = {q.code: True for q in DEFAULT_QUESTIONNAIRE.questions}


def _fresh(case: Case) -> Case:
    case.refresh_from_db()
    return case


def _person(actor: User, first: str, last: str, street: int, **extra: Any) -> Person:
    return person_create(
        actor=actor,
        first_name=first,
        last_name=f"{last} {DEMO_MARK}",
        address=f"{street} Example Road\nOxford",
        postcode="OX4 9ZZ",
        **extra,
    )


def _incident(actor: User, when: datetime, category: str, asb_type: str, area: str, text: str, **extra: Any) -> Any:
    return incident_record(
        actor=actor,
        occurred_at=when,
        location_text=f"Near {random.randint(1, 90)} Example Road, {area} {DEMO_MARK}",
        latitude=round(51.73 + random.random() * 0.04, 6),
        longitude=round(-1.27 + random.random() * 0.06, 6),
        asb_category=category,
        asb_type=asb_type,
        description=f"{text} (fictional demo report)",
        area=area,
        **extra,
    )


def _featured(users: dict[str, User], police: Organisation, now: datetime) -> list[str]:
    """Hand-written cases that show each part of the service."""
    cw, mgr, pc, hw = users["caseworker"], users["manager"], users["police"], users["housing"]
    today = timezone.localdate()
    made = []

    # 1. Noise nuisance: high risk, warning letter then acceptable behaviour agreement, letters produced.
    opened = now - timedelta(days=40)
    victim = _person(cw, "Robin", "Placeholder", 12, vulnerability_notes="Lives alone; anxiety (fictional).")
    perpetrator = _person(cw, "Sam", "Fictional", 14)
    first = _incident(
        cw,
        opened - timedelta(days=2),
        AsbCategory.NUISANCE,
        "Noise",
        "Cowley",
        "Loud music after midnight from the flat above",
        reporting_person=victim,
    )
    case = case_open(
        actor=cw, incidents=[first], summary=f"Noise from flat above, Example Road {DEMO_MARK}", opened_at=opened
    )
    party_add(actor=cw, case=case, person=victim, role=PartyRole.VICTIM)
    party_add(actor=cw, case=case, person=perpetrator, role=PartyRole.PERPETRATOR)
    risk_assessment_complete(
        actor=cw, case=_fresh(case), answers=ANSWERS_HIGH, victim=victim, questionnaire=DEFAULT_QUESTIONNAIRE
    )
    case_update(actor=cw, case=_fresh(case), version=_fresh(case).version, first_contact_at=opened + timedelta(hours=6))
    warning = case_escalate(
        actor=cw,
        case=_fresh(case),
        version=_fresh(case).version,
        stage=1,
        person=perpetrator,
        action="Warning letter sent",
        occurred_on=(opened + timedelta(days=3)).date(),
    )
    case_link_incident(
        actor=cw,
        case=_fresh(case),
        incident=_incident(
            cw, opened + timedelta(days=12), AsbCategory.NUISANCE, "Noise", "Cowley", "Music again, shouting"
        ),
    )
    agreement = case_escalate(
        actor=cw,
        case=_fresh(case),
        version=_fresh(case).version,
        stage=2,
        person=perpetrator,
        action="Acceptable behaviour agreement signed",
        occurred_on=(opened + timedelta(days=20)).date(),
    )
    for intervention in (warning, agreement):
        letter_render(letter_id=letter_generate(actor=cw, case=_fresh(case), intervention=intervention).pk)
    note_add(actor=cw, case=case, text="Home visit to victim; noise diary left with them (fictional).")
    task_create(actor=cw, case=case, title="Collect noise diary", owner=cw, due_on=today - timedelta(days=3))
    task_create(
        actor=cw, case=case, title="Review agreement with perpetrator", owner=cw, due_on=today + timedelta(days=7)
    )
    made.append(case.reference)

    # 2. Hate-motivated intimidation shared with the police; the police have an overdue task.
    opened = now - timedelta(days=18)
    victim = _person(cw, "Ali", "Sample", 3)
    suspect = _person(cw, "Jordan", "Madeup", 5)
    incident = _incident(
        cw,
        opened - timedelta(days=1),
        AsbCategory.PERSONAL,
        "Intimidation",
        "Rose Hill",
        "Shouted abuse about the victim's religion",
        reporting_person=victim,
        hate_motivated=True,
        hate_strand=HateStrand.RELIGION,
    )
    case = case_open(
        actor=mgr, incidents=[incident], summary=f"Intimidation at bus stop {DEMO_MARK}", opened_at=opened, officer=cw
    )
    party_add(actor=mgr, case=case, person=victim, role=PartyRole.VICTIM)
    party_add(actor=mgr, case=case, person=suspect, role=PartyRole.PERPETRATOR)
    risk_assessment_complete(
        actor=cw, case=_fresh(case), answers=ANSWERS_MEDIUM, victim=victim, questionnaire=DEFAULT_QUESTIONNAIRE
    )
    case_share(actor=mgr, case=case, organisation=police, reason="Hate incident: joint working with the NPT")
    task_create(actor=mgr, case=case, title="Check CCTV at the bus stop", owner=pc, due_on=today - timedelta(days=2))
    note_add(actor=pc, case=case, text="Extra patrols arranged at school closing time (fictional).")
    case_escalate(
        actor=cw,
        case=_fresh(case),
        version=_fresh(case).version,
        stage=1,
        person=suspect,
        action="Warning letter hand-delivered",
        occurred_on=(opened + timedelta(days=5)).date(),
    )
    made.append(case.reference)

    # 3. Serious case: stage skipped straight to a Community Protection Warning, then a breach.
    opened = now - timedelta(days=75)
    victim = _person(cw, "Charlie", "Specimen", 21)
    perpetrator = _person(cw, "Drew", "Imaginary", 23)
    case = case_open(
        actor=cw,
        opened_at=opened,
        summary=f"Threats and vehicle nuisance {DEMO_MARK}",
        incidents=[
            _incident(
                cw,
                opened - timedelta(days=1),
                AsbCategory.NUISANCE,
                "Vehicle nuisance",
                "Blackbird Leys",
                "Car revved and driven at residents",
            )
        ],
    )
    party_add(actor=cw, case=case, person=victim, role=PartyRole.VICTIM)
    party_add(actor=cw, case=case, person=perpetrator, role=PartyRole.PERPETRATOR)
    risk_assessment_complete(
        actor=cw, case=_fresh(case), answers=ANSWERS_HIGH, victim=victim, questionnaire=DEFAULT_QUESTIONNAIRE
    )
    case_update(
        actor=cw, case=_fresh(case), version=_fresh(case).version, first_contact_at=opened + timedelta(hours=30)
    )
    cpw = case_escalate(
        actor=cw,
        case=_fresh(case),
        version=_fresh(case).version,
        stage=3,
        person=perpetrator,
        action="Community Protection Warning served",
        occurred_on=(opened + timedelta(days=4)).date(),
        skipped_reason="Risk of serious harm: a warning letter or agreement would not protect residents.",
        confirm_enforcement=True,
    )
    breach_record(
        actor=cw,
        case=_fresh(case),
        occurred_on=(opened + timedelta(days=30)).date(),
        intervention=cpw,
        description="Vehicle driven on the green again (fictional).",
    )
    made.append(case.reference)

    # 4. The housing provider's own case: fly-tipping, overdue task (the council cannot see it).
    opened = now - timedelta(days=25)
    case = case_open(
        actor=hw,
        opened_at=opened,
        summary=f"Fly-tipping by bin store {DEMO_MARK}",
        incidents=[
            _incident(
                hw,
                opened - timedelta(days=3),
                AsbCategory.ENVIRONMENTAL,
                "Fly-tipping",
                "Barton",
                "Mattresses and bags dumped by the bin store",
            )
        ],
    )
    risk_assessment_complete(actor=hw, case=_fresh(case), answers=ANSWERS_STANDARD, questionnaire=DEFAULT_QUESTIONNAIRE)
    task_create(
        actor=hw, case=case, title="Write to all tenants in the block", owner=hw, due_on=today - timedelta(days=5)
    )
    made.append(case.reference)

    # 5. A police-owned case.
    opened = now - timedelta(days=9)
    case = case_open(
        actor=pc,
        opened_at=opened,
        summary=f"Drug-related nuisance in stairwell {DEMO_MARK}",
        incidents=[
            _incident(
                pc,
                opened - timedelta(days=1),
                AsbCategory.NUISANCE,
                "Drug-related nuisance",
                "Jericho",
                "Groups gathering and using the stairwell",
            )
        ],
    )
    task_create(actor=pc, case=case, title="Visit residents' association", owner=pc, due_on=today + timedelta(days=2))
    made.append(case.reference)

    # 6. Closed years ago: past the retention period (`safer anonymise-cases --dry-run` lists it).
    opened = now - timedelta(days=365 * 7 + 60)
    case = case_open(
        actor=cw,
        opened_at=opened,
        summary=f"Old garden dispute {DEMO_MARK}",
        incidents=[
            _incident(
                cw,
                opened - timedelta(days=2),
                AsbCategory.NUISANCE,
                "Rowdy behaviour",
                "Headington",
                "Arguments over a boundary hedge",
            )
        ],
    )
    case_close(
        actor=cw,
        case=_fresh(case),
        version=_fresh(case).version,
        outcome=CaseOutcome.RESOLVED,
        closed_at=opened + timedelta(days=50),
    )
    made.append(case.reference)
    return made


def _background(users: dict[str, User], now: datetime, count: int) -> None:
    """Simpler cases over the last year so the performance page has figures."""
    workers = [users["caseworker"], users["manager"], users["housing"], users["police"]]
    for index in range(count):
        actor = workers[index % len(workers)]
        opened = now - timedelta(days=random.randint(20, 360), hours=random.randint(0, 8))
        category = random.choice(list(TYPES))
        area = random.choice(AREAS)
        case = case_open(
            actor=actor,
            opened_at=opened,
            area=area,
            summary=f"{random.choice(TYPES[category])} {DEMO_MARK}",
            incidents=[
                _incident(
                    actor,
                    opened - timedelta(days=1),
                    category,
                    random.choice(TYPES[category]),
                    area,
                    "Reported by a resident",
                )
            ],
        )
        level = random.choices([ANSWERS_STANDARD, ANSWERS_MEDIUM, ANSWERS_HIGH], weights=[5, 3, 2])[0]
        risk_assessment_complete(actor=actor, case=_fresh(case), answers=level, questionnaire=DEFAULT_QUESTIONNAIRE)
        contact = opened + timedelta(hours=random.choice([4, 20, 30, 60, 100, 150]))
        case_update(actor=actor, case=_fresh(case), version=_fresh(case).version, first_contact_at=min(contact, now))
        if random.random() < 0.6:
            # Each background person has their own name, so searching the demo finds people, not look-alikes.
            first = ["Lee", "Max", "Kit", "Rae", "Ash", "Bo"][index % 6]
            last = ["Example", "Sample", "Instance", "Specimen", "Template", "Mockup"][index // 6 % 6]
            perpetrator = _person(actor, first, last, 30 + index)
            party_add(actor=actor, case=_fresh(case), person=perpetrator, role=PartyRole.PERPETRATOR)
            case_escalate(
                actor=actor,
                case=_fresh(case),
                version=_fresh(case).version,
                stage=1,
                person=perpetrator,
                occurred_on=(opened + timedelta(days=7)).date(),
                action="Warning letter sent",
            )
            if random.random() < 0.3 and opened + timedelta(days=60) < now:
                case_link_incident(
                    actor=actor,
                    case=_fresh(case),
                    incident=_incident(
                        actor,
                        opened + timedelta(days=random.randint(20, 60)),
                        category,
                        random.choice(TYPES[category]),
                        area,
                        "Further report",
                    ),
                )
        if random.random() < 0.55:
            closed = opened + timedelta(days=random.randint(20, 200))
            if closed < now:
                case_close(
                    actor=actor,
                    case=_fresh(case),
                    version=_fresh(case).version,
                    outcome=random.choice(
                        [
                            CaseOutcome.RESOLVED,
                            CaseOutcome.RESOLVED,
                            CaseOutcome.ENFORCEMENT,
                            CaseOutcome.NO_FURTHER_ACTION,
                        ]
                    ),
                    closed_at=closed,
                )


@transaction.atomic
def _casework_demo_load() -> list[str]:
    """Load the demo cases once (idempotent); return lines for the console."""
    if Case.objects.filter(summary__endswith=DEMO_MARK).exists():
        return ["Casework demo: already loaded."]
    names = ["caseworker", "manager", "police", "housing"]
    users = {name: User.objects.get(username=name) for name in names}
    police = Organisation.objects.get(name="Thames Valley Police")
    state = random.getstate()
    random.seed(2026)
    try:
        now = timezone.now()
        featured = _featured(users, police, now)
        _background(users, now, count=36)
    finally:
        random.setstate(state)
    return [
        f"Casework demo (fictional people, marked {DEMO_MARK}): {Case.objects.count()} cases.",
        f"  Try {featured[0]} (caseworker: escalation and letters; it is at stage 2, so recording stage 3 shows the "
        f"enforcement check), {featured[1]} (shared with police), {featured[2]} (stage skipped, breach); "
        "performance at /casework/performance/ (partnership, manager).",
    ]


def demo_load() -> list[str]:
    """Casework's demo cases, then the case review's SYNTHETIC applications in each state."""
    from safer.casework.case_review.demo import case_review_demo_load

    return _casework_demo_load() + case_review_demo_load()
