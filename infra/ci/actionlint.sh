#!/usr/bin/env bash
# Checks the GitHub Actions workflows under .github/workflows with actionlint (and shellcheck on their run:
# scripts). actionlint is built from the Go module proxy once and cached by version:
#   ${I8S_TOOLS_CACHE:-$HOME/.cache/integr8scode/tools}/actionlint-<version>/actionlint
# Exit codes: 0 clean (or Go missing: a loud notice says the check was skipped), 1 findings or build failure.
# Environment: I8S_ACTIONLINT_VERSION (default v1.7.12), I8S_TOOLS_CACHE.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${I8S_ACTIONLINT_VERSION:-v1.7.12}"
TARGET="${I8S_TOOLS_CACHE:-$HOME/.cache/integr8scode/tools}/actionlint-$VERSION"
BIN="$TARGET/actionlint"

if [[ ! -x "$BIN" ]]; then
  if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
    export PATH="$PATH:/usr/local/go/bin"
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "######## Go is not installed: actionlint cannot be built; THE WORKFLOW CHECK IS SKIPPED ########" >&2
    exit 0
  fi
  echo "actionlint: building $VERSION from the Go module proxy"
  mkdir -p "$TARGET"
  GOBIN="$TARGET.tmp" GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
    nice -n 19 go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
  mv "$TARGET.tmp/actionlint" "$BIN" && rmdir "$TARGET.tmp"
fi

echo "actionlint $VERSION: checking .github/workflows"
"$BIN" -no-color
echo "actionlint: no findings"
