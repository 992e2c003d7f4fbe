"""police.uk force names in records ("Reported by") -> the force slug police.uk uses in its file names. No Django.

    force_slug("Thames Valley Police") == "thames-valley"; force_slug("Devon & Cornwall Police") == "devon-and-cornwall"

The records say which force they belong to; a file's name can be anything a browser or a colleague made of it
("2022-03-tv-street.csv", "2022-03-thames-valley-street (1).csv"), so the warehouse keys a month by this slug.
"""

from __future__ import annotations

import re

# Where police.uk's slug is not the name without its "Police"/"Constabulary"/"Service" ending.
_SPECIAL = {
    "british transport police": "btp",
    "metropolitan police service": "metropolitan",
    "police service of northern ireland": "northern-ireland",
}
_ENDINGS = re.compile(r"\s+(police service|police|constabulary|service)$")


def force_slug(reported_by: str) -> str:
    """The police.uk slug of a force named in a record's "Reported by" column (lower case, hyphens)."""
    name = " ".join(reported_by.strip().lower().split())
    if name in _SPECIAL:
        return _SPECIAL[name]
    name = _ENDINGS.sub("", name).replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", name).strip("-")
