#!/usr/bin/env bash
# Builds the container runtime that lets the tier-3 node run pods under gVisor as well as runc, each cached by
# version and reused (build.sh calls it):
#   ~/.cache/integr8scode/containerd-<version>/{containerd,containerd-shim-runc-v2,ctr}
#   ~/.cache/integr8scode/gvisor-shim-<gvisor version>-<patch digest>/containerd-shim-runsc-v1
#   ~/.cache/integr8scode/gvisor-<gvisor version>/runsc                       (../gvisor/build.sh)
#
# gVisor's containerd shim is built against containerd 2.x (its shim API and its runtime options), so the node
# runs containerd 2 from the Go module proxy instead of Debian's 1.6, with both handlers: runc (the default) and
# runsc. The shim's `start` lowers its own OOM score to -999, which needs CAP_SYS_RESOURCE; root on these
# machines lacks it (the reason containerd's CRI runs with restrict_oom_score_adj), and the shim then refuses to
# start ("failed to set OOM Score on shim: ... permission denied"). The build swaps that one call for a helper
# (containerd-shim-runsc.patch.go) that falls back to containerd's own shim rule (the parent's score + 1, what
# the runc shim does) only on a permission error, and changes nothing else.
#
# Usage: build-gvisor-node.sh [--print-env] [--help]
#   (no option)   build what is missing
#   --print-env   print CONTAINERD_DIR=, RUNSC_SHIM=, RUNSC= and exit
# Exit codes: 0 ready; 1 a build failed; 2 bad usage; 3 cannot build here (no Go)
# Environment: I8S_CONTAINERD_VERSION, I8S_GVISOR_VERSION (as ../gvisor/build.sh), I8S_CACHE.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${I8S_CACHE:-$HOME/.cache/integr8scode}"
CONTAINERD_VERSION="${I8S_CONTAINERD_VERSION:-2.2.9}"
CONTAINERD_DIR="$CACHE/containerd-$CONTAINERD_VERSION"
GVISOR_DIR="$("$HERE/../gvisor/build.sh" --print-dir)"
GVISOR_VERSION="${GVISOR_DIR##*/gvisor-}"
PATCH="$HERE/containerd-shim-runsc.patch.go"
SHIM_DIR="$CACHE/gvisor-shim-$GVISOR_VERSION-$(sha256sum "$PATCH" | cut -c1-8)"

case "${1:-}" in
  "") ;;
  --print-env)
    printf 'CONTAINERD_DIR=%s\nRUNSC_SHIM=%s\nRUNSC=%s\n' \
      "$CONTAINERD_DIR" "$SHIM_DIR/containerd-shim-runsc-v1" "$GVISOR_DIR/runsc"
    exit 0 ;;
  --help|-h) sed -n '2,21p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then export PATH="$PATH:/usr/local/go/bin"; fi
command -v go >/dev/null 2>&1 || { echo "gVisor node build: go is missing" >&2; exit 3; }

quiet() { nice -n 19 ionice -c 3 "$@" 2>/dev/null || nice -n 19 "$@"; }
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false -p=1"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/i8s-gvisor-node-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"
exec 9>"$CACHE/.gvisor-node-build.lock"
flock 9

build_containerd() {
  local started=$(date +%s)
  # Static, without the snapshotters that need cgo (btrfs) or are not used here.
  local ldflags="-s -w -X github.com/containerd/containerd/v2/version.Version=v$CONTAINERD_VERSION"
  GOBIN="$WORK/containerd" quiet go install -trimpath -tags "no_btrfs no_devmapper no_zfs" -ldflags "$ldflags" \
    "github.com/containerd/containerd/v2/cmd/containerd@v$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@v$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/ctr@v$CONTAINERD_VERSION"
  rm -rf "$CONTAINERD_DIR" && mv "$WORK/containerd" "$CONTAINERD_DIR"
  echo "gVisor node build: containerd v$CONTAINERD_VERSION built in $(( $(date +%s) - started ))s"
}

build_runsc_shim() {
  local started=$(date +%s) src
  src="$(cd "$WORK" && go mod download -json "gvisor.dev/gvisor@$GVISOR_VERSION" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')"
  cp -r "$src" "$WORK/gvisor" && chmod -R u+w "$WORK/gvisor"
  local manager="$WORK/gvisor/pkg/shim/v1/manager.go"
  # That call was manager.go's only use of containerd's pkg/sys, whose import goes with it.
  perl -0pi -e 's/sys\.SetOOMScore\(cmd\.Process\.Pid, oomScoreMax\)/setShimOOMScore(cmd.Process.Pid)/;
    s/\n\t"github\.com\/containerd\/containerd\/v2\/pkg\/sys"//' "$manager"
  if [[ "$(grep -c 'setShimOOMScore(cmd.Process.Pid)' "$manager")" != 1 ]]; then
    echo "gVisor node build: gvisor.dev/gvisor@$GVISOR_VERSION no longer matches the shim patch" >&2
    return 1
  fi
  cp "$PATCH" "$WORK/gvisor/pkg/shim/v1/oom_score_fallback.go"
  (cd "$WORK/gvisor" && quiet go build -trimpath -ldflags "-s -w" -o "$WORK/containerd-shim-runsc-v1" ./shim)
  mkdir -p "$SHIM_DIR"
  install -m 0755 "$WORK/containerd-shim-runsc-v1" "$SHIM_DIR/containerd-shim-runsc-v1"
  echo "gVisor node build: containerd-shim-runsc-v1 ($GVISOR_VERSION) built in $(( $(date +%s) - started ))s"
}

[[ -x "$CONTAINERD_DIR/containerd" && -x "$CONTAINERD_DIR/containerd-shim-runc-v2" && -x "$CONTAINERD_DIR/ctr" ]] \
  || build_containerd
[[ -x "$SHIM_DIR/containerd-shim-runsc-v1" ]] || build_runsc_shim
flock -u 9
"$HERE/../gvisor/build.sh"
echo "gVisor node build: ready (containerd v$CONTAINERD_VERSION, runsc shim and runsc $GVISOR_VERSION)"
