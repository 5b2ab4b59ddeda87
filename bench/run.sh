#!/usr/bin/env bash
# Benchmark: starts the built app on a spare port, submits hello-world scripts at concurrency 1, 2, 4
# and 8, and prints p50/p95 end-to-end latency and executions per second next to a bare python3 start
# measured in the same run. Usage (as root): bench/run.sh [runs-per-level, default 40]
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
ls target/integr8scode-*.jar >/dev/null 2>&1 || mvn -B -q package -DskipTests
start_app "${I8S_BENCH_PORT:-18090}"
python3 bench/latency.py "http://127.0.0.1:${I8S_BENCH_PORT:-18090}" "${1:-40}"
