#!/usr/bin/env bash
# Starts the whole platform on the embedded default (embedded Artemis and MongoDB, runc sandboxes):
# installs the Debian packages it needs, builds the sandbox image (cached) and the app, and serves the UI
# and API on http://localhost:8080.
# Extra arguments go to the app, e.g. --integr8scode.sandbox.runtime=runsc
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/packages.sh
source infra/lib/app.sh
require_root
need_platform_packages
install_missing

# Scripts run on the sandbox image: built from Debian's packages on the first start (a few minutes, with
# progress), then taken from the cache for as long as its definition is unchanged.
infra/sandbox-image/build.sh
image_dir="$(infra/sandbox-image/build.sh --print-dir)"
# gVisor is built from the Go module proxy (once, then cached) only when asked for.
if [[ " $* ${INTEGR8SCODE_SANDBOX_RUNTIME:-} " == *runsc* ]]; then
  infra/gvisor/build.sh
fi

mvn -B -q package -DskipTests
# A copy beside the data: a later build rewrites target/, which would fail the running JVM (NoClassDefFoundError).
mkdir -p data
cp target/integr8scode-*.jar data/integr8scode.jar
# shellcheck disable=SC2046 # the options are words
exec java $(app_java_opts) -jar data/integr8scode.jar --integr8scode.sandbox.image-dir="$image_dir" "$@"
