#!/usr/bin/env bash
# Load test of many users (Gatling, bench/load): starts the built app on a spare port, as bench/run.sh does, with the
# rate limits and per-client caps raised for this run only (every virtual user comes from one address), and runs
# ManyUsersSimulation against it: anonymous and signed-up users submitting quick, slow, failing and memory-hungry
# scripts, following each one's event stream and reading its result. Fails when the simulation's assertions fail.
# Usage (as root): bench/load.sh [concurrent-users, default 30] [seconds-at-full-load, default 60]
# The report lands in bench/load/target/gatling/.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
ls target/integr8scode-*.jar >/dev/null 2>&1 || mvn -B -q package -DskipTests
bench_dir=$(mktemp -d)
cp "$(ls target/integr8scode-*.jar | head -1)" "$bench_dir/app.jar"
port=${I8S_LOAD_PORT:-18095}
APP_JAR="$bench_dir/app.jar" start_app "$port" \
  --integr8scode.quota.submissions.capacity=100000 \
  --integr8scode.quota.sign-in.capacity=100000 \
  --integr8scode.quota.max-active-per-anonymous-client=1000 \
  --integr8scode.quota.max-active-per-user=1000 \
  --integr8scode.executions.max-queued=1000
trap 'stop_app; rm -rf "$bench_dir"' EXIT
mvn -B -q -f bench/load/pom.xml gatling:test -Dbase.url="http://127.0.0.1:$port" \
  -Dusers="${1:-30}" -Dduration="${2:-60}"
