#!/usr/bin/env bash
# Starts the whole platform on the embedded default (embedded Artemis and MongoDB, runc sandboxes):
# installs the Debian packages it needs, builds, and serves the UI and API on http://localhost:8080.
# Extra arguments go to the app, e.g. --integr8scode.sandbox.runtime=runsc
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/packages.sh
source infra/lib/app.sh
require_root
need_platform_packages
install_missing

mvn -B -q package -DskipTests
# shellcheck disable=SC2046 # the options are words
exec java $(app_java_opts) -jar target/integr8scode-*.jar "$@"
