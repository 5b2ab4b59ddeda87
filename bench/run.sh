#!/usr/bin/env bash
# Benchmark: starts the built app on a spare port, submits hello-world scripts at concurrency 1, 2, 4
# and 8, and prints p50/p95 end-to-end latency and executions per second next to a bare python3 start
# measured in the same run. Usage: bench/run.sh [runs-per-level]   (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${I8S_BENCH_PORT:-18090}
data=$(mktemp -d)
ls target/integr8scode-*.jar >/dev/null 2>&1 || mvn -B -q package -DskipTests
java -jar target/integr8scode-*.jar --server.port="$port" --integr8scode.data-dir="$data" \
  --integr8scode.sandbox.state-dir="$data/sandbox-state" \
  --integr8scode.broker.acceptor-url="tcp://127.0.0.1:$((port + 1))" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
  sleep 1
done
python3 bench/latency.py "http://127.0.0.1:$port" "${1:-40}"
