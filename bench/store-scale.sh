#!/usr/bin/env bash
# Store at scale (issue 9, item 2): the same figures on an empty embedded store and on one holding N stored
# executions, side by side. Starts the app on a fresh data directory, signs in as a bench user and measures;
# stops it, seeds N finished executions (30,000 of them the bench user's) straight into that store file
# through the production store classes (bench seeding only, while the app is down); starts the app on the
# same data and measures again. Rate limits and the per-client cap are raised for these runs only; the
# recovery sweep runs every 5 s so its time can be read. Usage (as root): bench/store-scale.sh [N, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/app.sh
count=${1:-1000000}
port=${I8S_BENCH_PORT:-18190}
work=$(mktemp -d)
trap 'stop_app; rm -rf "$work"' EXIT

# Never run what a build may rewrite: the jar and the seeder's classes are copied out of target/ first.
mvn -B -q -o -Dskip.npm package -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
cp target/integr8scode-*.jar "$work/app.jar"
cp -r target/classes "$work/classes"
cp -r target/test-classes "$work/test-classes"

export APP_JAR="$work/app.jar" APP_DATA="$work/data"
bench_args=(--integr8scode.quota.submissions.capacity=1000000 --integr8scode.quota.max-active-per-user=1000000
  --integr8scode.quota.max-active-per-anonymous-client=1000000 --integr8scode.executions.max-queued=1000000
  --integr8scode.recovery.interval=5s)
base="http://127.0.0.1:$port"

measure() {
  local label=$1 out=$2 started=$SECONDS
  start_app "$port" "${bench_args[@]}"
  trap 'stop_app; rm -rf "$work"' EXIT # start_app set its own
  echo "$label: ready in $((SECONDS - started)) s" >&2
  python3 bench/store_scale.py measure "$base" "$app_pid" "$label" "$out" >/dev/null
  stop_app
}

measure "empty store" "$work/empty.json"
owner=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["user_id"])' "$work/empty.json")
started=$SECONDS
java -Xmx512m -cp "$work/test-classes:$work/classes:$(cat "$work/classpath.txt")" io.integr8scode.storage.HistorySeeder \
  "$APP_DATA/mongo/integr8scode.mv" "$count" "$owner" 30000 >&2
echo "seeded $count in $((SECONDS - started)) s; store file $(du -m "$APP_DATA/mongo/integr8scode.mv" | cut -f1) MB" >&2
measure "$count stored" "$work/full.json"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); JVM: $(app_java_opts)"
python3 bench/store_scale.py table "$work/empty.json" "$work/full.json"
