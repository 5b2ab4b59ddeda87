#!/usr/bin/env bash
# Drives the Judge0- and Piston-compatible APIs with published client libraries, unchanged, against the built
# app: Judge0's official Python SDK (judge0 0.0.8) and piston-rspy 0.4.3 (Python bindings of piston_rs). Each
# is installed once into its own cached venv. Starts the app on a spare port like infra/e2e.sh, or, given a
# base URL, uses an app that is already running.
# (npm's piston-client 1.0.2 is not used: it posts with Content-Type text/plain, which Piston v2 itself refuses
# with 415, and so does this API.)
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/lib/packages.sh
source infra/lib/venv.sh
judge0_python=$(cached_venv judge0-0.0.8 judge0==0.0.8)/bin/python
piston_python=$(cached_venv piston-rspy-0.4.3 piston-rspy==0.4.3)/bin/python

if [ $# -ge 1 ]; then
  base=${1%/}
else
  source infra/lib/app.sh
  port=${I8S_COMPAT_PORT:-18090}
  start_app "$port"
  base="http://127.0.0.1:$port"
fi

echo "== Judge0 API with the judge0 SDK"
"$judge0_python" infra/compat/judge0_client.py "$base/judge0"
echo "== Piston API with piston-rspy"
"$piston_python" infra/compat/piston_client.py "$base/api/v2"
