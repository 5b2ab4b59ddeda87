#!/usr/bin/env bash
# Benchmark (as root): hello world through Integr8sCode, cold (a sandbox made per run) and with the pool of
# warm sandboxes, at concurrency 1, 2, 4 and 8, next to a bare python3 start and a bare `runc run` of the same
# hello world in the sandbox image's root (the ceiling for cold sandboxes), all from one run; with
# I8S_BENCH_RUNSC=1 also gVisor (runsc) through the pool, beside its own bare run.
# Usage: bench/run.sh [runs-per-level, default 40]; each app first serves I8S_BENCH_WARMUP hello worlds (default 100).
# Prints p50/p95 latency, runs/s, the app's CPU ms per execution (its own threads; the runtime processes it starts
# apart), its RSS at 8 concurrent runs, and the issue 13 targets met or not.
# Each app runs from a copy of the jar (a build may rewrite target/), with the anonymous rate limit and the
# per-client cap raised for this run only: the benchmark is one client submitting hundreds of scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
runs=${1:-40}
ls target/integr8scode-*.jar >/dev/null 2>&1 || mvn -B -q package -DskipTests
bench_dir=$(mktemp -d)
trap 'stop_app; rm -rf "$bench_dir"' EXIT
cp "$(ls target/integr8scode-*.jar | head -1)" "$bench_dir/app.jar"
results="$bench_dir/results.jsonl"
port=${I8S_BENCH_PORT:-18090}
runtimes=(runc)
[ "${I8S_BENCH_RUNSC:-0}" = 1 ] && runtimes+=(runsc)

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(runc --version | head -1), ${I8S_BENCH_WARMUP:-100} warm-up runs per app"
python3 bench/latency.py baseline "$results" "$runs" "$(infra/sandbox-image/build.sh --print-dir)/rootfs" "${runtimes[@]}"

# platform LABEL [APP ARGS...]: one app, one series of concurrency levels.
platform() {
  local label=$1
  shift
  echo "== $label"
  APP_JAR="$bench_dir/app.jar" start_app "$port" \
    --integr8scode.quota.submissions.capacity=100000 \
    --integr8scode.quota.max-active-per-anonymous-client=1000 \
    --logging.level.io.integr8scode.sandbox.OciSandboxRunner=DEBUG "$@"
  python3 bench/latency.py platform "$results" "$runs" "http://127.0.0.1:$port" "$label" "$app_pid"
  python3 bench/latency.py phases "$results" "$label" "$app_log"
  stop_app
}
platform "runc cold" --integr8scode.sandbox.pool.enabled=false
platform "runc pool" --integr8scode.sandbox.pool.enabled=true
if [ "${I8S_BENCH_RUNSC:-0}" = 1 ]; then
  platform "runsc pool" --integr8scode.sandbox.pool.enabled=true --integr8scode.sandbox.runtime=runsc
fi
echo
python3 bench/latency.py report "$results"
