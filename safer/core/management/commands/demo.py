"""`safer demo`: set up the database and warehouse with demo data, print the sign-ins, and serve."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

DEMO_APPS = ("accounts", "geography", "intelligence", "casework", "engagement", "planning", "safeguarding")


class Command(BaseCommand):
    """Load demo data (idempotent) and run the web server with a background job worker."""

    help = "Set up and run Safer Communities with its bundled demo data on http://127.0.0.1:8000"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Load the demo data and stop.")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Address and port to serve on.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready. Loading demo data (this takes a minute the first time)...")
        sign_in_lines: list[str] = []
        for app in DEMO_APPS:
            try:
                module = import_module(f"safer.{app}.demo")
            except ModuleNotFoundError:
                continue
            lines = module.demo_load()
            if app == "accounts":
                sign_in_lines = lines
            else:
                for line in lines:
                    self.stdout.write(line)
        from safer.accounts.demo import DEMO_PASSWORD

        self.stdout.write(self.style.WARNING("\nDEMO SIGN-INS (demo data only; never use these on real data)"))
        self.stdout.write(f"  password for every demo user: {DEMO_PASSWORD}")
        for line in sign_in_lines:
            self.stdout.write(line)
        self.stdout.write(
            "  Two-factor: add the key to an authenticator app, or print the current code with\n"
            "  `safer demo-code USERNAME` (demo users only)."
        )
        if options["no_serve"]:
            return
        self.stdout.write(self.style.SUCCESS(f"\nOpen http://{options['addr']}/ (Ctrl+C to stop)\n"))
        worker = subprocess.Popen([sys.executable, "-m", "safer.cli", "run_huey", "--workers", "2", "--quiet"])
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        finally:
            worker.terminate()
