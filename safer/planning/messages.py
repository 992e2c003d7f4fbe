"""Planning's messages (editable on the message templates page): registered at start-up."""

from __future__ import annotations

from safer.core.notifications import message_template_register

UPDATE_REQUEST = "planning-update-request"


def planning_messages_register() -> None:
    """Register the request to an action's owner for a progress update."""
    message_template_register(
        key=UPDATE_REQUEST,
        channel="email",
        subject="{plan}: please update progress on {action}",
        body=(
            "Dear {owner_name},\n\n{manager_name} asks you for a progress update on an action you own in {plan}:\n\n"
            "{action}\nWhy we are asking: {reason}\n\nPlease record this quarter's progress (a rating and a short "
            "comment) here:\n{update_link}\n\n{partnership}"
        ),
        placeholders=("owner_name", "manager_name", "plan", "action", "reason", "update_link", "partnership"),
        description="Sent when a partnership manager asks an action's owner for a progress update.",
    )
