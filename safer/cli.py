"""The `safer` console command: Django's management commands with the settings preset."""

from __future__ import annotations

import logging
import os
import secrets
import signal
import sys
from typing import NoReturn


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `safer migrate`, `safer demo`, `safer import-policeuk`.

    Commands report domain errors themselves (exit 1, one line on stderr) and argparse reports bad
    arguments (exit 2). Anything unexpected is logged with a reference, and the user sees one line.
    Output piped into a reader that stops early (`safer table ... | head`) ends the command quietly.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safer.config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv if argv is None else ["safer", *argv]
    args[0] = "safer"
    try:
        execute_from_command_line(args)
        sys.stdout.flush()  # output still buffered meets a closed pipe here, not at interpreter exit
    except BrokenPipeError:
        _exit_on_closed_pipe()
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


def _exit_on_closed_pipe() -> NoReturn:
    """Stop without a message, as Unix tools do when the reader of their output has gone."""
    # Python flushes stdout again at exit, which would fail the same way and print a warning; pointing the
    # descriptor at /dev/null first is the pattern the Python documentation recommends (signal module, SIGPIPE).
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    # The status a shell reports for a tool ended by SIGPIPE (128 + 13), e.g. `yes | head -1` under pipefail.
    sys.exit(128 + getattr(signal, "SIGPIPE", 13))


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
