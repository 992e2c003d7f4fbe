"""Domain errors of casework: each carries a message for people (no personal data) and a short code."""

from __future__ import annotations


class CaseworkError(Exception):
    """Base of casework errors; `code` names the problem for the API, `field` the input at fault."""

    code = "casework_error"

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class CaseNotFoundError(CaseworkError):
    """The case does not exist or the user may not see it (the two are not told apart)."""

    code = "not_found"


class PersonNotFoundError(CaseworkError):
    """The person does not exist or the user may not see them."""

    code = "not_found"


class CasePermissionError(CaseworkError):
    """The user may see the case but not do this to it (for example a partner it is shared with)."""

    code = "forbidden"


class CaseConflictError(CaseworkError):
    """Someone else changed the case since this user loaded it (optimistic locking)."""

    code = "conflict"


class CaseClosedError(CaseworkError):
    """The change needs an open case."""

    code = "case_closed"


class CaseInputError(CaseworkError):
    """An input value was wrong; the message names it and what to do."""

    code = "invalid"


class StageSkipReasonMissingError(CaseInputError):
    """An escalation skips a stage of the ladder without a recorded reason."""

    code = "stage_skip_reason_missing"


class RiskQuestionnaireInvalidError(CaseInputError):
    """A change would leave the risk questionnaire unusable (no questions, thresholds out of order, ...)."""

    code = "questionnaire_invalid"


class EnforcementNotConfirmedError(CaseInputError):
    """An escalation to an enforcement stage (3 or 4) was not explicitly confirmed."""

    code = "enforcement_not_confirmed"


class LetterRecipientMissingError(CaseInputError):
    """A letter was asked for an intervention with no named person, or a person with no address."""

    code = "letter_recipient_missing"
