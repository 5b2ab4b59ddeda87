#!/usr/bin/env bash
# Runs the whole test suite: Java tests of every tier on real engines (embedded Artemis, mongo-java-server,
# runc and runsc sandboxes), the UI's unit tests, and the browser tests in Debian's Chromium against the
# running app. Installs what it needs from Debian's packages first.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/packages.sh
require_root
need_platform_packages
need_cluster_packages
need runsc runsc
need chromium chromium
need shellcheck shellcheck
# The host's Python runs the bootstrap's inline-mode tests (scripts themselves run on the sandbox image).
[ -x /usr/bin/python3 ] || missing_packages+=(python3)

install_missing

echo "== Kubernetes API server and etcd for tier 2 (built from the Go module proxy once, then cached)"
infra/k8s-test-binaries/build.sh

echo "== Sandbox image from Debian's packages (built once per definition, then cached)"
infra/sandbox-image/build.sh
infra/sandbox-image/test.sh

echo "== GitHub Actions workflow (actionlint, built from the Go module proxy once, then cached)"
infra/ci/actionlint.sh

echo "== Java and UI unit tests (all tiers)"
mvn -B -Pfull verify

echo "== Tier 3: scripts in real pods on a single-node cluster in its own network namespace (infra/k8s-cluster)"
infra/k8s-cluster/test.sh

echo "== Browser tests against the running app"
infra/e2e.sh

echo "== Contract fuzzing of the OpenAPI document against the running app (schemathesis)"
infra/contract/fuzz.sh

echo "== Judge0 and Piston APIs with published client libraries (infra/compat/clients.sh)"
infra/compat/clients.sh
