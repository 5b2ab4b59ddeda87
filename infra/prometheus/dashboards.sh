#!/usr/bin/env bash
# Dashboards and alerts cannot rot: starts the built app and Debian's Prometheus (scraping it every 2 s, with
# alerts.yml loaded) inside a network namespace this script creates and removes, puts a little load on the app
# (quick, failing, memory-hungry and slow scripts, refusals, a saved script), then checks with
# dashboards_check.py that every query of every panel in infra/grafana/dashboards returns data and that every
# alert rule evaluates without error over metric names the app exports. Usage (as root): infra/prometheus/dashboards.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" != "--inside" ]; then
  ns="i8s-dashboards-$$"
  ip netns add "$ns"
  trap 'ip netns delete "$ns"' EXIT
  ip netns exec "$ns" ip link set lo up
  # nsenter, not `ip netns exec`: that one remounts /sys in a new mount namespace, hiding the cgroup mounts runc needs.
  nsenter --net="/run/netns/$ns" "$0" --inside
  exit 0
fi

source infra/lib/app.sh
work=$(mktemp -d)
cp "$(ls target/integr8scode-*.jar | head -1)" "$work/app.jar"
app_port=18480
prometheus_port=19090
APP_JAR="$work/app.jar" start_app "$app_port" \
  --integr8scode.quota.submissions.capacity=100000 \
  --integr8scode.quota.max-active-per-anonymous-client=1000
cp infra/prometheus/alerts.yml "$work/alerts.yml"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - $work/alerts.yml
scrape_configs:
  - job_name: integr8scode
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ["127.0.0.1:$app_port"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
trap 'kill "$prometheus_pid" 2>/dev/null || true; wait "$prometheus_pid" 2>/dev/null || true; stop_app; rm -rf "$work"' EXIT
if ! python3 infra/prometheus/dashboards_check.py "http://127.0.0.1:$app_port" "http://127.0.0.1:$prometheus_port" \
  infra/grafana/dashboards infra/prometheus/alerts.yml; then
  tail -n 20 "$work/prometheus.log" "$app_log"
  exit 1
fi
