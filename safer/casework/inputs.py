"""Checks of typed-in casework values that forms, services and the API share: text lengths, phone numbers."""

from __future__ import annotations

import re

from safer.casework.errors import CaseInputError

SUMMARY_MAX = 200
LOCATION_MAX = 300
ASB_TYPE_MAX = 100
AREA_MAX = 100
DESCRIPTION_MAX = 10_000
ACTION_MAX = 200
REASON_MAX = 2_000
NOTES_MAX = 5_000


def text_within(text: str, *, limit: int, field: str, subject: str) -> str:
    """The text stripped; CaseInputError naming the limit when it is longer (text is never cut off silently)."""
    text = text.strip()
    if len(text) > limit:
        raise CaseInputError(
            f"The {subject} is {len(text):,} characters long; it must be {limit:,} characters or fewer.", field=field
        )
    return text


_PHONE_SEPARATORS = re.compile(r"[\s().-]")
_PHONE = re.compile(r"\+?[0-9]{10,13}")
PHONE_PROBLEM = "Enter a telephone number, like 01865 249811, 07700 900 982 or +44 808 157 0192"


def phone_checked(phone: str, *, field: str = "phone") -> str:
    """The phone number as typed (stripped); CaseInputError unless it is 10 to 13 digits (a leading + allowed)."""
    phone = phone.strip()
    if phone and not _PHONE.fullmatch(_PHONE_SEPARATORS.sub("", phone)):
        raise CaseInputError(PHONE_PROBLEM, field=field)
    return phone
