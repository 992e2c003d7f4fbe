"""Domain errors of engagement: each carries a message for people (no personal data) and a short code."""

from __future__ import annotations


class EngagementError(Exception):
    """Base of engagement errors; `code` names the problem for the API, `field` the input at fault."""

    code = "engagement_error"

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class EngagementNotFoundError(EngagementError):
    """The thing does not exist or the user's partnership may not see it (the two are not told apart)."""

    code = "not_found"


class EngagementPermissionError(EngagementError):
    """The user's role cannot do this."""

    code = "forbidden"


class EngagementInputError(EngagementError):
    """An input value was wrong; the message names it and what to do."""

    code = "invalid"


class ConsultationNotOpenError(EngagementError):
    """The consultation is not taking contributions (draft, closed, or outside its dates)."""

    code = "consultation_not_open"


class ConsultationStateError(EngagementError):
    """The consultation cannot move to that state from where it is."""

    code = "conflict"


class PointOutsideAreaError(EngagementInputError):
    """A placed point lies outside the consultation's area."""

    code = "point_outside_area"


class PublicRateLimitError(EngagementError):
    """Too many submissions from one address in the time window."""

    code = "rate_limited"


class PublicSpamError(EngagementError):
    """The honeypot field was filled in: treated as automated spam."""

    code = "spam"


class PlaceNotFoundError(EngagementInputError):
    """Nothing matches the street, place or postcode a resident typed; the message says what to try instead."""

    code = "place_not_found"
