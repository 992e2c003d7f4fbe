"""The four-stage intervention and enforcement ladder: configured stages, or the defaults below."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder."""

    number: int
    name: str
    description: str
    letter_template: str

    @property
    def is_enforcement(self) -> bool:
        """True for stages that use the 2014 Act's legal powers (notices, injunctions, orders): confirmed first."""
        return self.number >= ENFORCEMENT_FROM_STAGE


# Stages 3 and 4 (Community Protection Warning or Notice, injunction, orders) are enforcement: recording one needs an
# explicit confirmation, so an untouched or mistaken form can never record one.
ENFORCEMENT_FROM_STAGE = 3

DEFAULT_LADDER: tuple[Stage, ...] = (
    Stage(1, "Warning letter", "A letter setting out the behaviour and what happens if it goes on.", "warning"),
    Stage(2, "Acceptable behaviour agreement", "A written agreement the person signs.", "abc"),
    Stage(
        3,
        "Community Protection Warning, then Notice or injunction application",
        "A Community Protection Warning; if ignored, a Community Protection Notice or an application for a "
        "civil injunction.",
        "cpw",
    ),
    Stage(
        4,
        "Enforcement",
        "Civil injunction, Criminal Behaviour Order, closure order or possession proceedings.",
        "enforcement",
    ),
)


# The ladder is read on every case page but changes rarely (in the admin), so each process keeps it for a
# minute; saving or deleting a stage clears the copy of the process that did it (signals in casework/apps.py).
LADDER_CACHE_SECONDS = 60.0
_cached: tuple[float, tuple[Stage, ...]] | None = None


def ladder_stages() -> tuple[Stage, ...]:
    """The ladder in use: stages configured in the database, or the four defaults when none are."""
    global _cached
    now = time.monotonic()
    if _cached is not None and now - _cached[0] < LADDER_CACHE_SECONDS:
        return _cached[1]
    from safer.casework.models import LadderStage

    configured = tuple(
        Stage(row.number, row.name, row.description, row.letter_template or "warning")
        for row in LadderStage.objects.order_by("number")
    )
    _cached = (now, configured or DEFAULT_LADDER)
    return _cached[1]


def ladder_cache_clear(**_signal: object) -> None:
    """Forget this process's copy of the ladder (a stage was saved or deleted; tests start clean)."""
    global _cached
    _cached = None


def ladder_stage(number: int) -> Stage:
    """One stage by number; ValueError when the ladder has no such stage."""
    for stage in ladder_stages():
        if stage.number == number:
            return stage
    raise ValueError(f"There is no stage {number} on the ladder; stages run 1 to 4.")
