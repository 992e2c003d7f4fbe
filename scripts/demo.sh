#!/usr/bin/env bash
# Quick start 1: set up, load the bundled demo data, print demo sign-ins and serve on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/safer demo "$@"
