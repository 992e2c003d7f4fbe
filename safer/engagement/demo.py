"""Demo data for engagement (SYNTHETIC): an open consultation over Oxford, Safe Places and hate reports.

Every contribution, venue and report here is made up and labelled SYNTHETIC. Residents' pins sit on real
police.uk street points in Oxford (from the demo crime data), so the fear-versus-crime comparison has
something to compare. Loaded through the same services as the web pages, by the demo staff users.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safer.accounts.models import Organisation, User
from safer.engagement import crime
from safer.engagement.choices import DEFAULT_TAGS, PublicLanguages, ReferralStatus
from safer.engagement.models import Consultation, HateReport, NamedPlace, SafePlace
from safer.engagement.services.consultations import consultation_create, consultation_publish, contribution_moderate
from safer.engagement.services.contributions import contribution_submit
from safer.engagement.services.hate_reports import (
    hate_report_close,
    hate_report_submit,
    partner_save,
    referral_update,
    routing_rule_save,
)
from safer.engagement.services.partnership import engagement_settings_update, named_place_add
from safer.engagement.services.safe_places import safe_place_save

PARTNERSHIP = "Oxford City Council"
TITLE = "Where do you feel unsafe in Oxford? (SYNTHETIC demo)"
SEED = 23
CONTRIBUTIONS = 320

# Made-up comments (SYNTHETIC), by feeling.
_UNSAFE_COMMENTS = [
    "The underpass is very dark after 8pm.",
    "People dealing openly by the bus shelter.",
    "Groups of lads shouting at women walking home.",
    "Cars race along here late at night.",
    "No one around and the path is overgrown.",
    "I was followed here twice this winter.",
]
_SAFE_COMMENTS = [
    "Busy and well lit, I feel fine here.",
    "Lots of people around until late.",
    "New lights made a difference.",
]
_PLACES = [
    # name, postcode, latitude, longitude (public landmarks; postcodes for the demo search)
    ("Oxford Town Hall", "OX1 1BX", 51.7513, -1.2577),
    ("Oxford railway station", "OX1 1HS", 51.7535, -1.2700),
    ("Bonn Square", "", 51.7522, -1.2605),
    ("Templars Square, Cowley", "", 51.7329, -1.2120),
    ("Blackbird Leys Park", "", 51.7170, -1.1950),
]
_SAFE_PLACES = [
    # name, address, latitude, longitude, hours, offers
    (
        "Carfax Late Bar (SYNTHETIC)",
        "1 Example Street, Oxford",
        51.7519,
        -1.2581,
        "Thursday to Saturday 8pm to 3am",
        ["wait", "charge", "call", "staff"],
    ),
    (
        "Gloucester Green Hub (SYNTHETIC)",
        "2 Example Green, Oxford",
        51.7541,
        -1.2626,
        "Every night 6pm to 2am",
        ["wait", "charge", "toilet", "water"],
    ),
    (
        "Cowley Road Cafe (SYNTHETIC)",
        "3 Example Road, Oxford",
        51.7480,
        -1.2385,
        "Friday and Saturday 7pm to 1am",
        ["wait", "call", "water"],
    ),
    (
        "St Aldate's Help Point (SYNTHETIC)",
        "4 Example Lane, Oxford",
        51.7500,
        -1.2570,
        "Friday and Saturday 10pm to 4am",
        ["wait", "first_aid", "staff", "call"],
    ),
    (
        "Park End Club (SYNTHETIC)",
        "5 Example Street, Oxford",
        51.7527,
        -1.2672,
        "Wednesday to Saturday 10pm to 3am",
        ["wait", "charge", "staff"],
    ),
    (
        "Headington Pharmacy (SYNTHETIC)",
        "6 Example Road, Oxford",
        51.7605,
        -1.2150,
        "Every day 8am to 11pm",
        ["wait", "first_aid", "water"],
    ),
]


def demo_load() -> list[str]:
    """Load the engagement demo (idempotent); return lines for the console."""
    organisation = Organisation.objects.filter(name=PARTNERSHIP).first()
    manager = User.objects.filter(username="partnership").first()
    case_manager = User.objects.filter(username="manager").first()
    if organisation is None or manager is None or case_manager is None:
        return ["Engagement demo skipped: load the accounts demo first."]
    lines = []
    with transaction.atomic():
        lines += _settings_and_places(manager)
        lines += _safe_places(manager)
    lines += _consultation(manager, organisation)
    lines += _hate_reports(case_manager, organisation)
    from safer.engagement.messaging.demo import messaging_demo_load

    lines += messaging_demo_load(manager=manager)
    lines.append(
        f"  Public pages (no sign-in): /engagement/public/{organisation.pk}/ (English and Welsh). "
        "Staff: /engagement/ (sign in as partnership for consultations and Safe Places, "
        "manager for hate reports; caseworker can report for someone as a reporting centre)."
    )
    return lines


def _settings_and_places(manager: User) -> list[str]:
    engagement_settings_update(actor=manager, languages=PublicLanguages.BILINGUAL, district="Oxford")
    for name, postcode, latitude, longitude in _PLACES:
        if not NamedPlace.objects.filter(organisation=manager.organisation, name=name).exists():
            named_place_add(actor=manager, name=name, postcode=postcode, latitude=latitude, longitude=longitude)
    return []


def _safe_places(manager: User) -> list[str]:
    today = timezone.localdate()
    for n, (name, address, latitude, longitude, hours, offers) in enumerate(_SAFE_PLACES):
        if SafePlace.objects.filter(organisation=manager.organisation, name=name).exists():
            continue
        safe_place_save(
            actor=manager,
            name=name,
            address=address,
            latitude=latitude,
            longitude=longitude,
            opening_hours=hours,
            offers=offers,
            accessibility="Step-free entrance" if n % 2 == 0 else "",
            # One review is overdue, so the staff list shows the warning.
            review_on=today - dt.timedelta(days=10) if n == 0 else today + dt.timedelta(days=90 + 30 * n),
            synthetic=True,
        )
    return [f"Safe Places: {len(_SAFE_PLACES)} SYNTHETIC venues in Oxford (public map, list, CSV and GeoJSON)."]


def _street_points() -> list[crime.PlaceMatch]:
    """Real police.uk street points in Oxford (the demo crime data), for the SYNTHETIC pins."""
    box = crime.district_bbox("Oxford")
    if box is None:
        return []
    points: list[crime.PlaceMatch] = []
    for word in ("road", "street", "lane", "close", "way", "avenue", "place", "square", "park"):
        points += crime.street_search(text=word, bbox=box, limit=60)
    return points


def _consultation(manager: User, organisation: Organisation) -> list[str]:
    existing = Consultation.objects.filter(organisation=organisation, title=TITLE).first()
    if existing is not None:
        return [f"Consultation: {TITLE} already loaded ({existing.contributions.count()} contributions)."]
    points = _street_points()
    if not points:
        return ["Consultation demo skipped: no Oxford police.uk records in the warehouse."]
    today = timezone.localdate()
    consultation = consultation_create(
        actor=manager,
        title=TITLE,
        title_cy="Ble rydych chi'n teimlo'n anniogel yn Rhydychen? (arddangosiad SYNTHETIG)",
        introduction="Help us understand where people feel unsafe in Oxford, especially at night.",
        introduction_cy="Helpwch ni i ddeall ble mae pobl yn teimlo'n anniogel yn Rhydychen, yn enwedig yn y nos.",
        area_kind="district",
        area_name="Oxford",
        opens_on=today - dt.timedelta(days=21),
        closes_on=today + dt.timedelta(days=40),
        privacy_notice="Oxford City Council keeps your answers for two years to plan community safety work. "
        "Comments are checked before they are published. You do not give your name.",
        privacy_notice_cy="Mae Cyngor Dinas Rhydychen yn cadw eich atebion am ddwy flynedd i gynllunio gwaith "
        "diogelwch cymunedol. Caiff sylwadau eu gwirio cyn eu cyhoeddi. Nid ydych yn rhoi eich enw.",
    )
    consultation_publish(actor=manager, consultation=consultation)
    rng = random.Random(SEED)
    # A few streets are where most people feel unsafe; the rest get a spread of feelings.
    hot = rng.sample(points, k=min(8, len(points)))
    codes = [code for code, _ in DEFAULT_TAGS]
    made = []
    for _ in range(CONTRIBUTIONS):
        near_hot = rng.random() < 0.45
        point = rng.choice(hot if near_hot else points)
        feeling = rng.choice([1, 1, 2, 2, 3]) if near_hot else rng.choice([1, 2, 3, 3, 4, 4, 5, 5])
        tags = rng.sample(
            codes[:5] if feeling <= 2 else codes, k=rng.randint(0, 2) if feeling > 2 else rng.randint(1, 3)
        )
        comment = ""
        if rng.random() < 0.3:
            comment = rng.choice(_UNSAFE_COMMENTS if feeling <= 2 else _SAFE_COMMENTS)
        made.append(
            contribution_submit(
                consultation=consultation,
                latitude=point.latitude + rng.uniform(-0.0006, 0.0006),
                longitude=point.longitude + rng.uniform(-0.0009, 0.0009),
                place_label=point.label,
                feeling=feeling,
                tag_codes=tags,
                comment=comment,
                age_band=rng.choice(["", "18_24", "25_44", "45_64", "65_plus"]),
                sex=rng.choice(["", "female", "male"]),
                connections=rng.sample(["live", "work", "study", "visit"], k=rng.randint(0, 2)),
                synthetic=True,
            )
        )
    with_comments = [c for c in made if c.comment]
    for n, contribution in enumerate(with_comments):
        if n % 3 == 2:
            continue  # left waiting for moderation
        contribution_moderate(actor=manager, contribution=contribution, outcome="published", reason="suitable")
    # SYNTHETIC visitor figures in the proportion the Oxford plan reported (436 visitors, 65 completed surveys).
    Consultation.objects.filter(pk=consultation.pk).update(
        visitors=F("visitors") + 1_450, respondents=F("respondents") + 216
    )
    return [
        f"Consultation: {TITLE}, open, with {CONTRIBUTIONS} SYNTHETIC contributions "
        f"(public page /engagement/public/consultations/{consultation.pk}/)."
    ]


def _hate_reports(case_manager: User, organisation: Organisation) -> list[str]:
    if HateReport.objects.filter(organisation=organisation, synthetic=True).exists():
        return ["Hate reports: SYNTHETIC demo reports already loaded."]
    police = partner_save(
        actor=case_manager,
        name="Thames Valley Police hate crime unit (demo)",
        kind="police",
        email="hate-crime@police.example.org",
        response_days=3,
    )
    council = partner_save(
        actor=case_manager,
        name="Oxford City Council community safety (demo)",
        kind="council",
        email="community-safety@council.example.org",
    )
    housing = partner_save(
        actor=case_manager,
        name="Greenway Housing (demo)",
        kind="housing",
        email="tenancy@housing.example.org",
        response_days=10,
    )
    support = partner_save(
        actor=case_manager,
        name="Victim support service (demo)",
        kind="victim_support",
        email="referrals@support.example.org",
        response_days=2,
    )
    routing_rule_save(
        actor=case_manager, name="Physical attacks to the police", partner=police, incident_kinds=["physical"]
    )
    routing_rule_save(
        actor=case_manager, name="Race and religion to the police", partner=police, strands=["race", "religion"]
    )
    routing_rule_save(actor=case_manager, name="Everything to victim support", partner=support)
    routing_rule_save(actor=case_manager, name="Damage to the council", partner=council, incident_kinds=["damage"])
    routing_rule_save(
        actor=case_manager, name="Blackbird Leys to Greenway", partner=housing, place_contains="blackbird leys"
    )
    rng = random.Random(SEED)
    today = timezone.localdate()
    specs = [
        ("victim", ["verbal"], ["race"], "Cowley Road", True, ["police", "victim_support"]),
        ("witness", ["damage"], ["religion"], "Iffley Road", True, ["police", "council"]),
        ("on_behalf", ["harassment"], ["disability"], "Blackbird Leys estate", True, ["housing", "victim_support"]),
        ("victim", ["online"], ["sexual_orientation"], "Online", False, []),
        ("victim", ["physical"], ["transgender"], "George Street", True, ["police", "victim_support"]),
        ("witness", ["verbal"], ["sex_gender"], "Gloucester Green", True, ["council"]),
        ("victim", ["verbal", "harassment"], ["race", "religion"], "Headington", True, ["police"]),
        ("victim", ["damage"], ["race"], "Blackbird Leys Road", True, ["council", "housing"]),
        ("on_behalf", ["verbal"], ["disability"], "Bus stop, High Street", False, []),
        ("victim", ["physical"], ["race"], "Park End Street", True, ["police", "victim_support"]),
    ]
    reports = []
    for n, (role, kinds, strands, place, consent, share) in enumerate(specs):
        reports.append(
            hate_report_submit(
                organisation=organisation,
                reporter_role=role,
                incident_kinds=kinds,
                strands=strands,
                what_happened=f"SYNTHETIC demo report {n + 1}: made-up account of what happened.",
                occurred_on=today - dt.timedelta(days=5 + 17 * n + rng.randint(0, 9)),
                reported_to_police=rng.choice(["yes", "no", "not_sure"]),
                consent_to_share=consent,
                share_with=share,
                contact_method="none",
                place_label=place,
                synthetic=True,
            )
        )
    # Several states: some referrals answered and the report closed, some accepted, some left overdue.
    for referral in reports[0].referrals.all():
        referral_update(
            actor=case_manager,
            referral=referral,
            status=ReferralStatus.ACTIONED,
            response="SYNTHETIC: contacted and advised.",
        )
    hate_report_close(actor=case_manager, report=reports[0])
    for referral in reports[1].referrals.all():
        referral_update(
            actor=case_manager,
            referral=referral,
            status=ReferralStatus.ACCEPTED,
            response="SYNTHETIC: officer assigned.",
        )
    for report in reports[2:5]:
        report.referrals.update(due_on=today - dt.timedelta(days=4))  # overdue warnings in the demo
    return [f"Hate reports: {len(reports)} SYNTHETIC reports in several states, 4 partner agencies, 5 routing rules."]
