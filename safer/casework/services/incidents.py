"""Recording incidents and the people who report them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from safer.casework.choices import AsbCategory, CaseworkAuditAction, HateStrand
from safer.casework.errors import CaseInputError
from safer.casework.inputs import AREA_MAX, ASB_TYPE_MAX, DESCRIPTION_MAX, LOCATION_MAX, phone_checked, text_within
from safer.casework.models import Incident, Person
from safer.casework.services._common import next_reference, require_editor
from safer.core.services.audit import audit_record

LSOA_CODE = re.compile(r"[EW]01[0-9]{6}")


@transaction.atomic
def person_create(
    *,
    actor: Any,
    first_name: str,
    last_name: str = "",
    date_of_birth: date | None = None,
    address: str = "",
    postcode: str = "",
    phone: str = "",
    email: str = "",
    vulnerability_notes: str = "",
) -> Person:
    """Record a person; the actor's organisation sees them until they join a case."""
    require_editor(actor)
    if not first_name.strip():
        raise CaseInputError(
            "Enter the person's first name (or a description such as 'Unknown male').", field="first_name"
        )
    phone = phone_checked(phone)
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        raise CaseInputError(f"Date of birth {date_of_birth:%d %B %Y} is in the future.", field="date_of_birth")
    person = Person.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        address=address.strip(),
        postcode=postcode.strip().upper(),
        phone=phone.strip(),
        email=email.strip(),
        vulnerability_notes=vulnerability_notes.strip(),
        recorded_by_organisation=actor.organisation,
    )
    audit_record(actor=actor, action=CaseworkAuditAction.PERSON_CREATED, target=person)
    return person


@transaction.atomic
def incident_record(
    *,
    actor: Any,
    occurred_at: datetime,
    location_text: str,
    asb_category: str,
    asb_type: str,
    description: str,
    reporting_person: Person | None = None,
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    hate_motivated: bool = False,
    hate_strand: str = "",
    lsoa_code: str = "",
    area: str = "",
) -> Incident:
    """Record a report of ASB received by the actor's organisation."""
    require_editor(actor)
    if occurred_at.tzinfo is None:
        raise CaseInputError("The time of the incident has no time zone; give an aware datetime.", field="occurred_at")
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise CaseInputError(f"The incident date {occurred_at:%d %B %Y %H:%M} is in the future.", field="occurred_at")
    location_text = text_within(location_text, limit=LOCATION_MAX, field="location_text", subject="location")
    asb_type = text_within(asb_type, limit=ASB_TYPE_MAX, field="asb_type", subject="type of ASB")
    description = text_within(description, limit=DESCRIPTION_MAX, field="description", subject="description")
    area = text_within(area, limit=AREA_MAX, field="area", subject="area")
    if asb_category not in AsbCategory.values:
        raise CaseInputError(
            f"ASB category {asb_category!r} is not one of personal, nuisance, environmental.", field="asb_category"
        )
    if not location_text.strip():
        raise CaseInputError("Enter where the incident happened (an address or description).", field="location_text")
    if not description.strip():
        raise CaseInputError("Enter what happened.", field="description")
    if not asb_type.strip():
        raise CaseInputError("Enter the type of ASB, for example 'Noise' or 'Fly-tipping'.", field="asb_type")
    if hate_motivated and not hate_strand:
        raise CaseInputError("Choose the hate strand of a hate-motivated incident.", field="hate_strand")
    if hate_strand and hate_strand not in HateStrand.values:
        raise CaseInputError(
            f"Hate strand {hate_strand!r} is not one of {', '.join(v for v in HateStrand.values if v)}.",
            field="hate_strand",
        )
    if not hate_motivated and hate_strand:
        raise CaseInputError(
            "A hate strand was given but the incident is not marked hate-motivated.", field="hate_strand"
        )
    if lsoa_code.strip() and not LSOA_CODE.fullmatch(lsoa_code.strip().upper()):
        raise CaseInputError(
            f"LSOA code {lsoa_code!r} is not an English or Welsh LSOA code (E01 or W01 and 6 digits).",
            field="lsoa_code",
        )
    if (latitude is None) != (longitude is None):
        raise CaseInputError("Give both latitude and longitude, or neither.", field="latitude")
    if latitude is not None and longitude is not None:
        lat, lon = float(latitude), float(longitude)
        if not (49 <= lat <= 61 and -9 <= lon <= 3):
            raise CaseInputError(
                f"The map point ({lat:.5f}, {lon:.5f}) is outside the UK. Click the map again or leave it empty.",
                field="latitude",
            )
        latitude, longitude = Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")
    incident = Incident.objects.create(
        reference=next_reference("INC"),
        occurred_at=occurred_at,
        location_text=location_text.strip(),
        latitude=latitude,
        longitude=longitude,
        asb_category=asb_category,
        asb_type=asb_type.strip(),
        description=description.strip(),
        reporting_person=reporting_person,
        receiving_organisation=actor.organisation,
        hate_motivated=hate_motivated,
        hate_strand=hate_strand if hate_motivated else "",
        lsoa_code=lsoa_code.strip().upper(),
        area=area.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=CaseworkAuditAction.INCIDENT_RECORDED,
        target=incident,
        detail={"category": asb_category, "hate_motivated": hate_motivated},
    )
    return incident
