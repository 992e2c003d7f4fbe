"""Errors raised by the time-pattern analysis."""

from __future__ import annotations


class PatternError(ValueError):
    """Base class of every time-pattern input error."""


class PatternTimesMissingError(PatternError):
    """No records with a time (police.uk files carry months only; offence-level extracts carry times)."""


class PatternWindowInvalidError(PatternError):
    """A night-time window with hours or days out of range."""
