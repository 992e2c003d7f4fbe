"""SYNTHETIC demo: an Oxford MATAC area with a ranking and meetings, and two Domestic Homicide Reviews.

Called by `safer demo` after the accounts demo (its users take part). Idempotent: a second run changes nothing.
Every record is labelled SYNTHETIC; no real person is described.
"""

from __future__ import annotations

import gzip
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safer.accounts.models import Organisation, User
from safer.safeguarding import incidents as da
from safer.safeguarding.choices import MeetingStatus
from safer.safeguarding.models import MatacArea, Meeting, Review
from safer.safeguarding.services import dhr, matac, meetings
from safer.safeguarding.synth import da_synth

AREA_NAME = "Oxford (SYNTHETIC demo)"
DISTRICT = "E07000178"  # Oxford
ORGANISATIONS = ("Thames Valley Police", "Oxford City Council", "Greenway Housing (demo)")
MEMBERS = ("matac-analyst", "matac-coord", "matac-member")


def _lsoas() -> list[str]:
    path = Path(__file__).resolve().parent.parent / "geography" / "data" / "lsoa2011.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.split(",", 1)[0] for line in handle if f",{DISTRICT}," in line]


def _extract(today: date) -> Path:
    """Write the SYNTHETIC domestic abuse extract (same seed and dates give the same file)."""
    out = Path(settings.VAR_DIR) / "demo" / f"SYNTHETIC-da-incidents-oxford-{today:%Y-%m}.csv"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        start = date(today.year - 3, today.month, 1)
        da_synth(incidents=4000, seed=22, start=start, end=today, lsoa_codes=_lsoas(), prefix="OXF").to_csv(
            out, index=False
        )
    return out


def demo_load() -> list[str]:
    """Create the demo area, import its SYNTHETIC extract, rank it, plan meetings and record two reviews."""
    coordinator = User.objects.filter(username="matac-coord").first()
    analyst = User.objects.filter(username="matac-analyst").first()
    reviewer = User.objects.filter(username="dhr-coord").first()
    if coordinator is None or analyst is None or reviewer is None:
        return ["Safeguarding: demo users missing (run the accounts demo first); skipped."]
    today = timezone.localdate()
    result = da.da_extract_import(path=_extract(today), actor_label="demo")
    lines = [f"Safeguarding (SYNTHETIC): domestic abuse extract {result}"]
    lines += _matac(coordinator, analyst, today)
    lines += _reviews(reviewer, today)
    lines.append(
        "  MATAC: /safeguarding/matac/ (matac-coord, matac-analyst, matac-member); DHRs: /safeguarding/dhr/ "
        "(dhr-coord). The points scheme shown is this product's illustration, not any force's."
    )
    return lines


@transaction.atomic
def _matac(coordinator: User, analyst: User, today: date) -> list[str]:
    area, created = MatacArea.objects.get_or_create(
        name=AREA_NAME, defaults={"district_codes": [DISTRICT], "synthetic": True}
    )
    area.organisations.set(Organisation.objects.filter(name__in=ORGANISATIONS))
    area.members.set(User.objects.filter(username__in=MEMBERS))
    if not created and area.rankings.exists():
        return [f"  MATAC area {AREA_NAME}: already loaded."]
    held_on = today - timedelta(days=28)
    earlier = matac.ranking_create(actor=analyst, area_id=area.pk, as_of=held_on - timedelta(days=3))
    past = meetings.meeting_create(actor=coordinator, area_id=area.pk, held_on=held_on, chair="DI (demo chair)")
    tvp = Organisation.objects.get(name="Thames Valley Police")
    council = Organisation.objects.get(name="Oxford City Council")
    plans = [
        (
            "enforcement",
            "Review of outstanding offences; bail conditions checked weekly.",
            tvp,
            "DV investigation team",
        ),
        ("disruption", "Housing tenancy warning; joint visit.", council, "Tenancy enforcement"),
        ("support", "Referral to a perpetrator behaviour change programme.", council, "Community safety"),
    ]
    for entry, (intervention, decision, org, owner) in zip(earlier.entries.order_by("rank")[:3], plans, strict=False):
        item = matac.subject_select(actor=coordinator, entry=entry, meeting=past)
        meetings.meeting_record_decision(actor=coordinator, item=item, intervention=intervention, decision=decision)
        meetings.action_add(
            actor=coordinator,
            meeting=past,
            subject=item.subject,
            kind="perpetrator",
            organisation=org,
            owner=owner,
            description=decision,
            due_on=held_on + timedelta(days=28),
        )
        meetings.action_add(
            actor=coordinator,
            meeting=past,
            subject=item.subject,
            kind="victim_safety",
            organisation=council,
            owner="IDVA service",
            description="Safety plan reviewed with each victim; target hardening offered.",
            due_on=held_on + timedelta(days=14),
        )
    meetings.meeting_mark_held(actor=coordinator, meeting=past, notes="SYNTHETIC demo meeting.")
    latest = matac.ranking_create(actor=analyst, area_id=area.pk, as_of=today)
    upcoming = Meeting.objects.filter(area=area, status=MeetingStatus.PLANNED).first() or meetings.meeting_create(
        actor=coordinator, area_id=area.pk, held_on=held_on + timedelta(days=28), chair="DI (demo chair)"
    )
    chosen = [
        e
        for e in latest.entries.order_by("rank")[:6]
        if not area.subjects.filter(perpetrator_ref=e.perpetrator_ref).exists()
    ]
    for entry in chosen[:2]:
        matac.subject_select(actor=coordinator, entry=entry, meeting=upcoming)
    return [
        f"  MATAC area {AREA_NAME}: ranking of {latest.entries.count():,} perpetrators from "
        f"{latest.incidents_considered:,} incidents; a held meeting and a planned one."
    ]


@transaction.atomic
def _reviews(reviewer: User, today: date) -> list[str]:
    if Review.objects.filter(synthetic=True).exists():
        return ["  Domestic Homicide Reviews (SYNTHETIC): already loaded."]
    early = dhr.review_notify(
        actor=reviewer,
        title="Adult A (SYNTHETIC)",
        notified_on=today - timedelta(days=70),
        notified_by="Police",
        circumstances="SYNTHETIC demo notification.",
        synthetic=True,
    )
    dhr.review_decide(
        actor=reviewer,
        review=early,
        decision="commissioned",
        decision_on=today - timedelta(days=50),
        reasons="The statutory criteria are met (SYNTHETIC).",
    )
    dhr.review_appoint_chair(
        actor=reviewer, review=early, chair_name="Independent Chair (demo)", appointed_on=today - timedelta(days=45)
    )
    for agency in ("Police", "Health (ICB)", "Housing"):
        dhr.review_panel_add(actor=reviewer, review=early, name=f"{agency} panel member (demo)", agency=agency)
        dhr.review_imr_request(actor=reviewer, review=early, agency=agency, requested_on=today - timedelta(days=40))
    published = dhr.review_notify(
        actor=reviewer,
        title="Adult B (SYNTHETIC)",
        notified_on=today - timedelta(days=420),
        notified_by="Police",
        circumstances="SYNTHETIC demo notification.",
        synthetic=True,
    )
    dhr.review_decide(
        actor=reviewer,
        review=published,
        decision="commissioned",
        decision_on=today - timedelta(days=400),
        reasons="Criteria met (SYNTHETIC).",
    )
    dhr.review_draft_add(actor=reviewer, review=published, circulated_on=today - timedelta(days=250))
    dhr.review_submit(actor=reviewer, review=published, submitted_on=today - timedelta(days=220))
    dhr.review_qap_feedback(
        actor=reviewer,
        review=published,
        feedback_on=today - timedelta(days=150),
        feedback="Approved for publication with minor changes (SYNTHETIC).",
    )
    dhr.review_publish(actor=reviewer, review=published, published_on=today - timedelta(days=120))
    for text, due in (
        ("GP practices to ask about domestic abuse at routine appointments", 30),
        ("Housing to share tenancy concerns with the IDVA service", -10),
    ):
        dhr.review_action_add(
            actor=reviewer,
            review=published,
            description=text,
            agency="Partnership",
            owner="Lead officer (demo)",
            due_on=today + timedelta(days=due),
        )
    dhr.review_lesson_add(
        actor=reviewer,
        review=published,
        kind="lesson",
        text="Coercive control was not recognised by agencies that saw the victim (SYNTHETIC).",
    )
    dhr.review_lesson_add(
        actor=reviewer,
        review=published,
        kind="recommendation",
        text="Train front-line staff in recognising coercive and controlling behaviour.",
    )
    return ["  Domestic Homicide Reviews (SYNTHETIC): one in panel stage, one published with its action plan open."]
