"""The monthly area digest: one paragraph per subscriber area, written from the dashboard's own figures.

The counts are the dashboard's (`figures.crime_change_by_type`, the same aggregates the dashboard pages and
`safer table` read) and a change is called a rise or a fall only when the dashboard's significance test
(`dashboard/significance.py`) says it is more than chance; other changes are reported as "about the same".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from safer.engagement.messaging.choices import SubscriberStatus, Topic
from safer.engagement.models import CommunityMessage, SubscriberArea, SubscriberTopic
from safer.intelligence.dashboard.areas import Area, AreaNotFoundError, area_find
from safer.intelligence.dashboard.figures import Scope, crime_change_by_type, latest_month
from safer.intelligence.dashboard.periods import month_add, period_range
from safer.intelligence.dashboard.significance import change_test
from safer.intelligence.warehouse import WarehouseReader, bounded_reader

MONTHS = ("January February March April May June July August September October November December").split()
# Crime types named one by one in a paragraph (the rest go into the "all crime" sentence).
MAX_NAMED = 4


def _month_name(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def digest_sentence(*, crime_type: str, place: str, period_count: int, compare_count: int) -> str | None:
    """One sentence for a significant change ("Recorded burglary in Jericho fell from 14 to 9"), else None."""
    test = change_test(period_count=period_count, compare_count=compare_count)
    if test is None or not test.significant:
        return None
    verb = "rose" if period_count > compare_count else "fell"
    what = "crime" if crime_type == "All crime" else crime_type.lower()
    return f"Recorded {what} in {place} {verb} from {compare_count} to {period_count}"


def digest_paragraph(*, con: WarehouseReader, area: Area, place: str, month: date) -> str:
    """The digest paragraph for one area and month, compared with the same month a year earlier."""
    scope = Scope(
        area=area, period=period_range(month, month), compare=period_range(month_add(month, -12), month_add(month, -12))
    )
    rows = crime_change_by_type(con, area=area, scope=scope)
    when = f"compared with {_month_name(month_add(month, -12))}"
    total = rows[0] if rows else {"period_count": 0, "compare_count": 0}
    lines = [
        f"{place}, {_month_name(month)}: {total['period_count']} crimes and incidents recorded by the police "
        f"({total['compare_count']} in {_month_name(month_add(month, -12))})."
    ]
    changes = []
    for row in rows:
        sentence = digest_sentence(
            crime_type=row["crime_type"],
            place=place,
            period_count=int(row["period_count"] or 0),
            compare_count=int(row["compare_count"] or 0),
        )
        if sentence:
            changes.append((abs(int(row["period_count"] or 0) - int(row["compare_count"] or 0)), sentence))
    changes.sort(key=lambda item: -item[0])
    lines += [f"{sentence} {when}." for _size, sentence in changes[:MAX_NAMED]]
    if not changes:
        lines.append("No change was larger than chance alone would explain: crime was about the same.")
    return " ".join(lines)


def _area_for(row: Any, con: WarehouseReader) -> Area | None:
    text = {"district": row["code"], "lsoa": row["code"], "custom": f"custom:{row['code']}"}[row["kind"]]
    try:
        return area_find(text, con=con)
    except AreaNotFoundError:
        return None


def digest_texts(*, organisation_id: int, month: date | None = None) -> tuple[date | None, dict[str, str]]:
    """The month used and {area key: paragraph} for every area a digest subscriber of the partnership chose."""
    rows = list(
        SubscriberArea.objects.filter(
            subscriber__organisation_id=organisation_id,
            subscriber__status=SubscriberStatus.ACTIVE,
            subscriber__in=SubscriberTopic.objects.filter(topic=Topic.DIGEST).values("subscriber"),
        )
        .values("kind", "code", "name")
        .distinct()
        .order_by("kind", "code")
    )
    texts: dict[str, str] = {}
    with bounded_reader() as con:
        month = month or latest_month(con)
        if month is None:
            return None, {}
        for row in rows:
            area = _area_for(row, con)
            if area is not None:
                texts[f"{row['kind']}:{row['code']}"] = digest_paragraph(
                    con=con, area=area, place=row["name"], month=month
                )
    return month, texts


@transaction.atomic
def digest_create(*, actor: Any, month: date | None = None, channels: list[str] | None = None) -> CommunityMessage:
    """Write the monthly digest as a draft message to every digest subscriber (each gets their own areas)."""
    from safer.engagement.messaging.sending import message_create

    used, texts = digest_texts(organisation_id=actor.organisation_id, month=month)
    label = _month_name(used) if used else "this month"
    return message_create(
        actor=actor,
        subject=f"Crime in your area: {label}",
        body=(
            f"Your monthly summary of crime recorded by the police in your areas, {label}, compared with the same "
            "month a year earlier. We only say crime rose or fell when the change is larger than chance alone "
            "would explain (the same test as the partnership's crime dashboard)."
        ),
        channels=channels or ["email"],
        topic=Topic.DIGEST,
        areas=[],
        groups=[],
        template_key="community-digest",
        digest=texts,
    )
