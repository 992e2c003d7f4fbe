"""The `safer` console command: Django's management commands with the settings preset."""

from __future__ import annotations

import logging
import os
import secrets
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `safer migrate`, `safer demo`, `safer import-policeuk`.

    Commands report domain errors themselves (exit 1, one line on stderr) and argparse reports bad
    arguments (exit 2). Anything unexpected is logged with a reference, and the user sees one line.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv if argv is None else ["safer", *argv]
    args[0] = "safer"
    try:
        execute_from_command_line(args)
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
        sys.exit(130)
    except Exception:
        if os.environ.get("SAFER_DEBUG", "").lower() in {"1", "true", "yes"}:
            raise
        reference = secrets.token_hex(4)
        _log_unexpected(reference)
        sys.stderr.write(
            f"Unexpected error (reference {reference}). Details are in var/log/safer.log; "
            "run again with SAFER_DEBUG=1 to see them here.\n"
        )
        sys.exit(1)


def _log_unexpected(reference: str) -> None:
    """Write the traceback to the log file under the var directory."""
    try:
        from django.conf import settings

        log_dir = settings.VAR_DIR / "log"
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_dir / "safer.log")
        logger = logging.getLogger("safer.cli")
        logger.propagate = False  # the console gets one line, the file gets the traceback
        logger.addHandler(handler)
        logger.exception("Unexpected error in command (reference %s)", reference)
        handler.close()
    except Exception:  # noqa: S110 - last resort: never let logging hide the one-line message
        pass


if __name__ == "__main__":
    main()
