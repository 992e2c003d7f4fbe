"""Errors of the case review (messages name the problem, never a person)."""

from __future__ import annotations

from safer.casework.errors import CaseInputError, CaseNotFoundError, CasePermissionError, CaseworkError


class CaseReviewNotFoundError(CaseNotFoundError):
    """No such application that this user may see."""


class CaseReviewPermissionError(CasePermissionError):
    """The user may see the application but not do this to it."""


class CaseReviewInputError(CaseInputError):
    """An input was wrong; the message says which and what to do."""


class CaseReviewClosedError(CaseworkError):
    """The application is closed (or the threshold was not met): its record is read-only."""

    code = "case_review_closed"


class CaseReviewStateError(CaseworkError):
    """The application is not at the stage this change needs (for example a decision made twice)."""

    code = "conflict"


class CaseReviewTokenError(CaseworkError):
    """The applicant's link is not valid or has expired."""

    code = "invalid_link"
