#!/usr/bin/env bash
# How long a Stop takes on the local runner (as root): a script that printed and loops is cancelled, and the time
# from the cancel request to the stored `cancelled` status is reported (p50/p95/max), with the warm pool and
# without. Usage: bench/cancel.sh [runs, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
runs=${1:-20}
ls target/integr8scode-*.jar >/dev/null 2>&1 || mvn -B -q package -DskipTests
port=${I8S_BENCH_PORT:-18092}
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(runc --version | head -1)"
for pool in true false; do
  echo "== runc, pool enabled: $pool"
  start_app "$port" --integr8scode.quota.submissions.capacity=100000 \
    --integr8scode.quota.max-active-per-anonymous-client=1000 --integr8scode.sandbox.pool.enabled=$pool
  python3 bench/cancel.py "http://127.0.0.1:$port" "$runs"
  stop_app
done
