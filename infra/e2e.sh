#!/usr/bin/env bash
# Runs the Playwright tests in Debian's Chromium against the built app, started on a spare port.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
port=${I8S_E2E_PORT:-18080}
start_app "$port"
(cd frontend && I8S_BASE_URL="http://127.0.0.1:$port" npm run e2e)
