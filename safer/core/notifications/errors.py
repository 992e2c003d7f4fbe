"""Errors of the notifications service; messages name the problem and never hold a recipient's details."""

from __future__ import annotations


class NotificationError(Exception):
    """Base of notification errors; `code` names the problem for the API, `field` the input at fault."""

    code = "notification_error"

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotificationInputError(NotificationError):
    """A message could not be queued because an input was wrong (the message says which)."""

    code = "invalid"


class NotificationChannelUnavailableError(NotificationError):
    """The channel cannot be used with the configured backend (text messages need GOV.UK Notify)."""

    code = "channel_unavailable"


class NotificationNotFoundError(NotificationError):
    """No such message that this user may see."""

    code = "not_found"


class NotificationStateError(NotificationError):
    """The message is not in a state that allows this (for example retrying one already delivered)."""

    code = "conflict"


class MessageTemplateNotFoundError(NotificationError):
    """No template with this key and channel is registered or stored."""

    code = "not_found"


class MessageTemplatePlaceholderError(NotificationError):
    """A template uses a placeholder it may not, or rendering lacks a value for one."""

    code = "invalid"


class DeliveryTemporaryError(Exception):
    """The provider could not take the message now (rate limit, outage, network); retry later."""


class DeliveryPermanentError(Exception):
    """The provider refused the message (bad address, bad key); retrying the same will not help."""
