"""Case review deadlines in working days across England and Wales bank holidays."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import holidays

from safer.casework.case_review.deadlines import application_deadlines, review_deadline

LONDON = ZoneInfo("Europe/London")


def test_england_and_wales_share_bank_holidays():
    for year in (2024, 2025, 2026, 2027):
        england = holidays.country_holidays("GB", subdiv="ENG", years=year)
        wales = holidays.country_holidays("GB", subdiv="WLS", years=year)
        assert set(england) == set(wales)


def test_acknowledgement_and_decision_across_easter():
    # Received Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are bank holidays.
    received = datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
    due = application_deadlines(received_at=received, acknowledge_days=5, decision_days=10)
    assert due.acknowledge_due == datetime(2026, 4, 13, 10, 0, tzinfo=LONDON)
    assert due.decision_due == datetime(2026, 4, 20, 10, 0, tzinfo=LONDON)


def test_review_deadline_across_christmas():
    # Decided Friday 18 December 2026: 25 (Fri), 28 (Mon, substitute for Boxing Day) and 1 January are holidays.
    decided = datetime(2026, 12, 18, 15, 0, tzinfo=LONDON)
    assert review_deadline(decided_at=decided, review_days=20) == datetime(2027, 1, 20, 15, 0, tzinfo=LONDON)


def test_a_weekend_receipt_counts_from_the_next_working_day():
    received = datetime(2026, 5, 2, 9, 0, tzinfo=LONDON)  # Saturday; Monday 4 May is the Early May bank holiday
    due = application_deadlines(received_at=received, acknowledge_days=1, decision_days=10)
    assert due.acknowledge_due.date().isoformat() == "2026-05-05"
    assert due.decision_due.date().isoformat() == "2026-05-18"
