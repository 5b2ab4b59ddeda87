#!/usr/bin/env bash
# Starts the whole platform on the embedded default (embedded Artemis and MongoDB, runc sandboxes):
# installs the Debian packages it needs, builds, and serves the UI and API on http://localhost:8080.
# Extra arguments go to the app, e.g. --integr8scode.sandbox.runtime=runsc
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/lib/packages.sh
require_root
need_platform_packages
install_missing

mvn -B -q package -DskipTests
exec java -jar target/integr8scode-*.jar "$@"
