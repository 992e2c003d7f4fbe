"""Delivery backends: GOV.UK Notify (e-mail, text messages and, with a letter template, letters), SMTP, console
(nothing leaves the machine) and letters stored for printing.

Which one is used comes from settings.SAFER_NOTIFICATIONS (read from the environment in safer/config/env.py)
at delivery time. A backend either returns a `DeliveryResult` or raises `DeliveryTemporaryError` (retry later) or
`DeliveryPermanentError` (do not retry). Error texts name the problem, never the recipient.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from safer.core.notifications.choices import Channel, NotificationState
from safer.core.notifications.errors import DeliveryPermanentError, DeliveryTemporaryError
from safer.core.notifications.letters import letter_pdf_render
from safer.core.notifications.models import Notification


@dataclass(frozen=True)
class DeliveryResult:
    """What the provider said: who took it, its reference, and the state it is now in."""

    provider: str
    reference: str
    state: str = NotificationState.SENT


class Backend(Protocol):
    """Something that delivers one notification."""

    name: str

    def deliver(self, notification: Notification) -> DeliveryResult: ...


def _config() -> dict[str, Any]:
    return dict(settings.SAFER_NOTIFICATIONS)


class ConsoleBackend:
    """The demo and development default: the message is recorded and shown to staff, and not sent anywhere."""

    name = "console"

    def deliver(self, notification: Notification) -> DeliveryResult:
        return DeliveryResult(provider=self.name, reference=f"console-{notification.public_id}")


class SmtpBackend:
    """Email through an SMTP server (Django's SMTP email backend)."""

    name = "smtp"

    def deliver(self, notification: Notification) -> DeliveryResult:
        config = _config()
        connection = get_connection(
            "django.core.mail.backends.smtp.EmailBackend",
            host=config["SMTP_HOST"],
            port=config["SMTP_PORT"],
            username=config["SMTP_USER"] or None,
            password=config["SMTP_PASSWORD"] or None,
            use_tls=config["SMTP_STARTTLS"],
            timeout=30,
            fail_silently=False,
        )
        message_id = f"<{notification.public_id}@safer-communities>"
        message = EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=config["FROM_EMAIL"],
            to=[notification.recipient],
            headers={**notification.headers, "Message-ID": message_id},
            connection=connection,
        )
        try:
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            codes = sorted({code for code, _text in error.recipients.values()})
            if any(code >= 500 for code in codes):
                raise DeliveryPermanentError(f"The mail server refused the recipient (SMTP {codes}).") from None
            raise DeliveryTemporaryError(f"The mail server deferred the recipient (SMTP {codes}).") from None
        except smtplib.SMTPResponseException as error:
            kind = DeliveryPermanentError if error.smtp_code >= 500 else DeliveryTemporaryError
            raise kind(f"The mail server answered SMTP {error.smtp_code}.") from None
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            raise DeliveryTemporaryError(
                f"Could not reach the mail server {config['SMTP_HOST']}:{config['SMTP_PORT']} ({type(error).__name__})."
            ) from None
        return DeliveryResult(provider=self.name, reference=message_id)


class NotifyBackend:
    """Email and text messages through GOV.UK Notify (one generic template with ((subject)) and ((body)))."""

    name = "notify"

    def deliver(self, notification: Notification) -> DeliveryResult:
        config = _config()
        reference = str(notification.public_id)
        if notification.channel == Channel.SMS:
            return self._send(
                "send_sms_notification",
                phone_number=notification.recipient,
                template_id=config["NOTIFY_SMS_TEMPLATE_ID"],
                personalisation={"body": notification.body},
                reference=reference,
            )
        return self._send(
            "send_email_notification",
            email_address=notification.recipient,
            template_id=config["NOTIFY_EMAIL_TEMPLATE_ID"],
            personalisation={"subject": notification.subject, "body": notification.body},
            reference=reference,
            **_unsubscribe(notification.headers),
        )

    def _send(self, method: str, what: str = "message", **arguments: Any) -> DeliveryResult:
        """Call the Notify client's `method`; its answers become a result or a temporary or permanent error."""
        from notifications_python_client.errors import HTTPError
        from notifications_python_client.notifications import NotificationsAPIClient

        config = _config()
        client = NotificationsAPIClient(config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"])
        try:
            response = getattr(client, method)(**arguments)
        except HTTPError as error:
            status = int(getattr(error, "status_code", 0) or 0)
            detail = _notify_error_names(error)
            if status == 429 or status >= 500 or status == 0:
                raise DeliveryTemporaryError(f"GOV.UK Notify answered {status or 'no response'}{detail}.") from None
            raise DeliveryPermanentError(f"GOV.UK Notify refused the {what} ({status}{detail}).") from None
        except OSError as error:
            raise DeliveryTemporaryError(f"Could not reach GOV.UK Notify ({type(error).__name__}).") from None
        return DeliveryResult(provider=self.name, reference=str(response.get("id", "")))


def _unsubscribe(headers: dict[str, str]) -> dict[str, str]:
    """Notify's one-click unsubscribe link, from a List-Unsubscribe header's https address."""
    value = headers.get("List-Unsubscribe", "")
    for part in value.split(","):
        part = part.strip().strip("<>")
        if part.startswith("https://"):
            return {"one_click_unsubscribe_url": part}
    return {}


def _notify_error_names(error: Any) -> str:
    """The error names Notify gave (e.g. RateLimitError), never its message, which may quote the recipient."""
    names = []
    for item in getattr(error, "message", None) or []:
        if isinstance(item, dict) and item.get("error"):
            names.append(str(item["error"])[:40])
    return f": {', '.join(names)}" if names else ""


class NotifyLetterBackend(NotifyBackend):
    """Letters through GOV.UK Notify, which prints and posts them (one generic letter template with ((subject))
    and ((body)); the address lines fill Notify's address block)."""

    def deliver(self, notification: Notification) -> DeliveryResult:
        lines = [line for line in notification.recipient.splitlines() if line.strip()]
        if len(lines) < 3:
            raise DeliveryPermanentError(
                "GOV.UK Notify posts letters only to addresses of 3 to 7 lines (name, street, ..., postcode); "
                f"this one has {len(lines)}. Add the missing lines and send it again, or print it."
            )
        personalisation = {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}
        personalisation.update(subject=notification.subject, body=notification.body)
        return self._send(
            "send_letter_notification",
            what="letter",
            template_id=_config()["NOTIFY_LETTER_TEMPLATE_ID"],
            personalisation=personalisation,
            reference=str(notification.public_id),
        )


class PrintBackend:
    """Letters: rendered to PDF and stored for printing and posting (staff download them from the messages page)."""

    name = "print"

    def deliver(self, notification: Notification) -> DeliveryResult:
        pdf = letter_pdf_render(
            address=notification.recipient,
            subject=notification.subject,
            body=notification.body,
            sender=notification.organisation.name,
            on=timezone.localdate(),
            language=notification.language,
        )
        notification.letter_pdf.save(f"{notification.public_id}.pdf", ContentFile(pdf), save=True)
        return DeliveryResult(provider=self.name, reference=notification.letter_pdf.name or "")


def backend_for(channel: str) -> Backend:
    """The backend that delivers this channel under the current configuration."""
    kind = _config()["BACKEND"]
    if channel == Channel.LETTER:
        if kind == "notify" and _config().get("NOTIFY_LETTER_TEMPLATE_ID"):
            return NotifyLetterBackend()
        return PrintBackend()
    if kind == "notify":
        return NotifyBackend()
    if channel == Channel.SMS:
        return ConsoleBackend() if kind == "console" else _unavailable()
    return SmtpBackend() if kind == "smtp" else ConsoleBackend()


def _unavailable() -> Backend:
    raise DeliveryPermanentError("Text messages need GOV.UK Notify (set SAFER_NOTIFY_API_KEY).")


def sms_available() -> bool:
    """True when text messages can be sent (GOV.UK Notify, or the console where nothing leaves the machine)."""
    return _config()["BACKEND"] in {"notify", "console"}
