#!/usr/bin/env bash
# Builds gVisor's runsc from the Go module proxy and caches it by version:
#   ${I8S_GVISOR_CACHE:-$HOME/.cache/integr8scode}/gvisor-<version>/runsc
# The local runner uses that binary when integr8scode.sandbox.runtime is runsc (integr8scode.sandbox.runsc-binary);
# Debian's runsc (a 2022 build) enforces neither the bundle's seccomp filter nor its CPU quota here.
# gvisor.dev/gvisor publishes no tags on the proxy, only pseudo-versions of its `go` branch (the tree with
# generated files, buildable by plain `go build`); the version below builds with Go 1.26.
#
# Usage: build.sh [--print-dir] [--help]
#   (no option)   build what is missing; a no-op when the cache has it
#   --print-dir   print the cache folder for this version and exit
# Exit codes: 0 runsc ready (or Go missing: a loud notice says the runsc tests will be skipped),
#             1 build failed, 2 bad usage.
# Environment: I8S_GVISOR_VERSION (default below), I8S_GVISOR_CACHE.
set -euo pipefail

VERSION="${I8S_GVISOR_VERSION:-v0.0.0-20260905035102-160fafc42237}"
TARGET="${I8S_GVISOR_CACHE:-$HOME/.cache/integr8scode}/gvisor-$VERSION"
BIN="$TARGET/runsc"

case "${1:-}" in
  "") ;;
  --print-dir) echo "$TARGET"; exit 0 ;;
  --help|-h) sed -n '2,15p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

if [[ -x "$BIN" ]]; then
  echo "gVisor runsc: cached in $TARGET ($("$BIN" --version | head -1))"
  exit 0
fi

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="$PATH:/usr/local/go/bin"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "######## Go is not installed: runsc cannot be built; THE RUNSC SANDBOX TESTS WILL BE SKIPPED ########" >&2
  exit 0
fi

mkdir -p "$(dirname "$TARGET")"
# Two builds racing for the same cache wait for each other.
exec 9>"$TARGET.lock"
flock 9
if [[ -x "$BIN" ]]; then
  echo "gVisor runsc: built by a concurrent run, cached in $TARGET"
  exit 0
fi

started=$(date +%s)
echo "gVisor runsc: building $VERSION from the Go module proxy (about 6 minutes on a cold cache)"
rm -rf "$TARGET.tmp"
# Static, like gVisor's own release builds; the version string is what `runsc --version` prints.
if ! GOBIN="$TARGET.tmp" GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
    nice -n 19 go install -trimpath -ldflags "-s -w -X gvisor.dev/gvisor/runsc/version.version=$VERSION" \
    "gvisor.dev/gvisor/runsc@$VERSION"; then
  rm -rf "$TARGET.tmp"
  echo "gVisor runsc: BUILD FAILED (see above); nothing was cached" >&2
  exit 1
fi
mkdir -p "$TARGET"
mv "$TARGET.tmp/runsc" "$BIN"
rmdir "$TARGET.tmp"
echo "gVisor runsc: built in $(( $(date +%s) - started ))s, cached in $TARGET ($("$BIN" --version | head -1))"
