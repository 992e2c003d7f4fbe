"""Errors raised by the hotspot analysis; each message says what was wrong, the value, and what to do."""

from __future__ import annotations


class HotspotError(ValueError):
    """Base class of every hotspot analysis input error."""


class HotspotPointsMissingError(HotspotError):
    """No points to analyse (after filtering by area, period and crime types)."""


class HotspotPointsTooFewError(HotspotError):
    """Too few points, or too little variation between cells, for the statistic asked for."""


class HotspotParameterInvalidError(HotspotError):
    """A setting (cell size, bandwidth, alpha, slices) is out of its allowed range."""


class HotspotPeriodNoDataError(HotspotError):
    """A time slice or comparison period holds no records."""
