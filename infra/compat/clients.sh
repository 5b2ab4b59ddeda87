#!/usr/bin/env bash
# Drives the Judge0- and Piston-compatible APIs with published client libraries, unchanged, against the built
# app: Judge0's official Python SDK (judge0 0.0.8) and piston-rspy 0.4.3 (Python bindings of piston_rs). Each
# is installed once into its own cached venv. Starts the app on a spare port like infra/e2e.sh, or, given a
# base URL, uses an app that is already running.
# (npm's piston-client 1.0.2 is not used: it posts with Content-Type text/plain, which Piston v2 itself refuses
# with 415, and so does this API.)
set -euo pipefail
cd "$(dirname "$0")/../.."
venvs=${I8S_VENV_CACHE:-$HOME/.cache/integr8scode/venvs}
# Debian's python3 makes venvs with python3-venv (ensurepip).
if ! /usr/bin/python3 -c 'import ensurepip' 2>/dev/null; then
  # shellcheck source=infra/lib/packages.sh
  source infra/lib/packages.sh
  missing_packages=(python3-venv) # read by install_missing
  install_missing
fi

# venv NAME REQUIREMENT: prints the python of a venv that has REQUIREMENT, creating it the first time.
venv() {
  local dir="$venvs/$1"
  if [ ! -f "$dir/.installed" ]; then
    rm -rf "$dir"
    /usr/bin/python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$2"
    touch "$dir/.installed"
  fi
  echo "$dir/bin/python"
}

judge0_python=$(venv judge0-0.0.8 judge0==0.0.8)
piston_python=$(venv piston-rspy-0.4.3 piston-rspy==0.4.3)

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
