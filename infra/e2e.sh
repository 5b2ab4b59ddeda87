#!/usr/bin/env bash
# Starts the built app on a spare port with a throwaway data directory, runs the Playwright tests in
# Debian's Chromium against it, and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${I8S_E2E_PORT:-18080}
data=$(mktemp -d)
log="$data/app.log"
java -jar target/integr8scode-*.jar --server.port="$port" --integr8scode.data-dir="$data" \
  --integr8scode.sandbox.state-dir="$data/sandbox-state" \
  --integr8scode.broker.acceptor-url="tcp://127.0.0.1:$((port + 1))" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
  kill -0 $app 2>/dev/null || { cat "$log"; echo "The app did not start." >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null || { tail -50 "$log"; echo "The app never became ready." >&2; exit 1; }

(cd frontend && I8S_BASE_URL="http://127.0.0.1:$port" npm run e2e)
