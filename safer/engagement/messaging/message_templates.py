"""Starting wordings staff pick when writing a community message (editable on the message templates page)."""

from __future__ import annotations

from safer.core.notifications import message_template_register

TEMPLATES = {
    "community-burglary-alert": (
        "Burglaries reported near you",
        "Police have had reports of burglaries in the area this week. Please lock doors and windows, even when "
        "you are at home, and keep keys away from the letterbox. If you see anything suspicious, call 101, or 999 "
        "if a crime is happening now.",
    ),
    "community-scam-warning": (
        "Scam warning",
        "We have had reports of a scam in the area: callers pretending to be from the bank or the police and "
        "asking people to move money. Your bank and the police will never ask you to do this. Hang up, and call "
        "back on a number you know. Report scams to Action Fraud on 0300 123 2040.",
    ),
    "community-event": (
        "Meet your neighbourhood team",
        "Come and meet your neighbourhood police and council officers. Tell us what matters to you where you live.",
    ),
    "community-nightsafe-briefing": (
        "NightSafe briefing for the weekend",
        "What to expect this weekend: events in the city centre, expected numbers, where police and Street Pastors "
        "will be, and anything venues, taxi drivers and CCTV operators should look out for.",
    ),
}


def messaging_templates_register() -> None:
    """Register the starting wordings (e-mail and text message) with the notifications service."""
    for key, (subject, body) in TEMPLATES.items():
        for channel in ("email", "sms"):
            message_template_register(
                key=key,
                channel=channel,
                subject=subject,
                body=body,
                placeholders=(),
                description="A starting wording staff pick when writing a community message.",
            )
