"""`safer demo-code USERNAME`: print the current two-factor code of a DEMO user."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safer.accounts.demo import DEMO_USERS, _demo_key


class Command(BaseCommand):
    """Prints a demo user's current TOTP code so the demo can be tried without a phone."""

    help = "Print the current two-factor code for a demo user (demo accounts only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if username not in {u[0] for u in DEMO_USERS}:
            raise CommandError(f"{username!r} is not a demo user. Demo users: {', '.join(u[0] for u in DEMO_USERS)}.")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None or device.key != _demo_key(username):
            raise CommandError(f"{username} has no demo two-factor key (run `safer demo --no-serve` first).")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
