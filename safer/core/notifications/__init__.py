"""The product's one notifications service: email, text messages and letters, recorded with their delivery state.

Public API (import from here):

    notification_send(*, channel, to, subject, body, organisation, about=None, actor=None,
                      template_key="", headers=None, language="en") -> Notification
    notification_send_template(*, key, context, channel, to, organisation, about=None, actor=None,
                               headers=None, language="en") -> Notification
    notifications_send_many(drafts: [NotificationDraft(channel, to, subject, body, headers=None, language="en")], *,
                            organisation, about=None, actor=None, template_key="") -> NotificationsQueued
    message_template_register(*, key, channel, subject, body, placeholders, description="") -> TemplateDefault

GOV.UK Notify sends when SAFER_NOTIFY_API_KEY is set, SMTP when SAFER_SMTP_HOST is set, otherwise nothing leaves
the machine ("console", the demo default) and staff see the messages at /notifications/. Letters are PDFs stored
for printing and posting, their date written in the message's language ("en" or "cy"). See README.md,
"Notifications".
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Loaded on first use, so importing the models (which Django does early) does not pull in the services.
_EXPORTS = {
    "Channel": "choices",
    "NotificationState": "choices",
    "MessageTemplateNotFoundError": "errors",
    "MessageTemplatePlaceholderError": "errors",
    "NotificationChannelUnavailableError": "errors",
    "NotificationError": "errors",
    "NotificationInputError": "errors",
    "message_template_register": "message_templates",
    "message_template_render": "message_templates",
    "notification_send": "services",
    "notification_send_template": "services",
    "notifications_send_many": "services",
    "NotificationDraft": "services",
    "NotificationsQueued": "services",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
