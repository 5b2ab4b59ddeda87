#!/usr/bin/env bash
# Runs the whole test suite: Java tests of every tier on real engines (embedded Artemis, mongo-java-server,
# runc and runsc sandboxes, a real kube-apiserver), the UI's unit tests, Prometheus over the app, the compose
# stack on Docker, scripts in real pods on a single-node cluster, and the browser tests in Debian's Chromium.
# Installs what it needs from Debian's packages first; what it builds is cached by version or digest.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/packages.sh
require_root
need_platform_packages
need_compose_packages
need_cluster_packages
need chromium chromium
need shellcheck shellcheck
# promtool checks the alert rules; prometheus scrapes the app for the dashboards check.
need promtool prometheus
need ip iproute2
# The host's Python runs the bootstrap's inline-mode tests (scripts themselves run on the sandbox image).
[ -x /usr/bin/python3 ] || missing_packages+=(python3)

install_missing

echo "== Kubernetes API server and etcd for tier 2 (built from the Go module proxy once, then cached)"
infra/k8s-test-binaries/build.sh

echo "== gVisor runsc for the runsc sandbox tests (built from the Go module proxy once, then cached)"
infra/gvisor/build.sh

echo "== Sandbox image from Debian's packages (built once per definition, then cached)"
infra/sandbox-image/build.sh
infra/sandbox-image/test.sh

echo "== GitHub Actions workflow (actionlint, built from the Go module proxy once, then cached)"
infra/ci/actionlint.sh

echo "== Prometheus alert rules and their unit tests (promtool)"
infra/prometheus/check.sh

echo "== Java and UI unit tests (all tiers)"
mvn -B -Pfull verify

echo "== Grafana dashboards and alert rules against Debian's Prometheus scraping the app under load"
infra/prometheus/dashboards.sh

echo "== Compose stack on Debian's Docker engine in its own network namespace (images built here, cached by digest)"
infra/compose/test.sh

echo "== Tier 3: scripts in real pods on a single-node cluster in its own network namespace (infra/k8s-cluster)"
infra/k8s-cluster/test.sh

echo "== Browser tests against the running app"
infra/e2e.sh

echo "== Contract fuzzing of the OpenAPI document against the running app (schemathesis)"
infra/contract/fuzz.sh

echo "== Judge0 and Piston APIs with published client libraries (infra/compat/clients.sh)"
infra/compat/clients.sh
