#!/usr/bin/env bash
# Quick start 2: set up and run the whole test suite: lint, type check, then pytest (unit, API, browser).
# DATABASE_URL=postgres://... runs it against PostgreSQL; REQUIRE_BROWSER=1 (or CI=true) makes a missing
# Chromium a failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy"; .venv/bin/mypy safer
echo "== pytest (database: ${DATABASE_URL:-sqlite})"
exec .venv/bin/pytest "$@"
