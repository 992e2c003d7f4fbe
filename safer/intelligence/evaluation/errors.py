"""Errors raised by the intervention evaluation; messages say what was wrong and what to do next."""

from __future__ import annotations


class EvaluationError(ValueError):
    """Base class of every evaluation input error."""


class EvaluationAreaOverlapError(EvaluationError):
    """The control area overlaps the target area or its buffer."""


class EvaluationAreaInvalidError(EvaluationError):
    """An area is empty or not a polygon, or the buffer distance is out of range."""


class EvaluationPeriodInvalidError(EvaluationError):
    """The before and after periods are inverted or overlap."""


class EvaluationPeriodNoDataError(EvaluationError):
    """A period, or an area within a period, holds no records, so a rate cannot be compared."""
