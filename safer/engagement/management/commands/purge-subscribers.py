"""`safer purge-subscribers`: delete e-mail subscriptions never confirmed within a week (the nightly job does too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from safer.engagement.messaging.subscribers import subscribers_purge_unconfirmed, subscribers_suspend_bounced


class Command(BaseCommand):
    """Delete unconfirmed community-message subscribers older than 7 days; suspend bounced ones."""

    help = "Delete community-message subscriptions never confirmed within 7 days, and suspend bounced addresses."

    def handle(self, *args: Any, **options: Any) -> None:
        purged = subscribers_purge_unconfirmed()
        suspended = subscribers_suspend_bounced()
        self.stdout.write(f"Deleted {purged} unconfirmed subscription(s); suspended {suspended} bounced subscriber(s).")
