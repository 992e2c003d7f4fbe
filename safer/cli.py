"""The `safer` console command: Django's management commands with the settings preset."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `safer migrate`, `safer demo`, `safer import-policeuk`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv if argv is None else ["safer", *argv]
    args[0] = "safer"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
