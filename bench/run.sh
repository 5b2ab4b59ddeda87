#!/usr/bin/env bash
# Benchmark: starts the built app on a spare port, submits hello-world scripts at concurrency 1, 2, 4
# and 8, and prints p50/p95 end-to-end latency and executions per second next to a bare python3 start
# measured in the same run. Usage (as root): bench/run.sh [runs-per-level, default 40]
# The app runs from a copy of the jar (a build may rewrite target/), with the anonymous rate limit and the
# per-client cap raised for this run only: the benchmark is one client submitting hundreds of scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
ls target/integr8scode-*.jar >/dev/null 2>&1 || mvn -B -q package -DskipTests
bench_dir=$(mktemp -d)
cp "$(ls target/integr8scode-*.jar | head -1)" "$bench_dir/app.jar"
port=${I8S_BENCH_PORT:-18090}
APP_JAR="$bench_dir/app.jar" start_app "$port" \
  --integr8scode.quota.submissions.capacity=100000 \
  --integr8scode.quota.max-active-per-anonymous-client=1000
trap 'stop_app; rm -rf "$bench_dir"' EXIT
python3 bench/latency.py "http://127.0.0.1:$port" "${1:-40}"
