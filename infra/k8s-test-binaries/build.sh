#!/usr/bin/env bash
# Builds the binaries the tier-2 Kubernetes tests run (kube-apiserver, kubectl, etcd) from the Go
# module proxy and caches them where fabric8 kube-api-test looks for them in offline mode:
#   ${I8S_K8S_CACHE:-$HOME/.cache/integr8scode/k8s}/<x.y.z>-linux-amd64/{kube-apiserver,etcd,kubectl}
# With --node it also builds what the tier-3 single-node cluster (infra/k8s-cluster) needs in the same
# folder: kubelet, kube-scheduler, kube-controller-manager.
#
# Usage: build.sh [--node] [--print-dir] [--help]
#   (no option)   build what is missing; a no-op when the cache is complete
#   --node        also the node binaries (kubelet, kube-scheduler, kube-controller-manager)
#   --print-dir   print the cache folder for this version and exit
# Exit codes:
#   0  binaries ready, or Go is missing (a loud notice says tier 2 will be skipped)
#   1  a build failed (proxy unreachable, compile error, ...)
#   2  bad usage
# Environment: I8S_K8S_VERSION (default 1.34.4), I8S_ETCD_VERSION (default 3.5.35), I8S_K8S_CACHE.
set -euo pipefail

K8S_VERSION="${I8S_K8S_VERSION:-1.34.4}"
ETCD_VERSION="${I8S_ETCD_VERSION:-3.5.35}"
CACHE_ROOT="${I8S_K8S_CACHE:-$HOME/.cache/integr8scode/k8s}"
TARGET="$CACHE_ROOT/${K8S_VERSION}-linux-amd64"
KUBERNETES_COMMANDS=(kube-apiserver kubectl)
TIER=2

for arg in "$@"; do
  case "$arg" in
    --node) KUBERNETES_COMMANDS+=(kubelet kube-scheduler kube-controller-manager); TIER=3 ;;
    --print-dir) echo "$TARGET"; exit 0 ;;
    --help|-h) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done
BINARIES=("${KUBERNETES_COMMANDS[@]}" etcd)

complete() {
  local b
  for b in "${BINARIES[@]}"; do [[ -x "$TARGET/$b" ]] || return 1; done
}

if complete; then
  echo "k8s test binaries: cached in $TARGET"
  exit 0
fi

# The official Go tarball installs to /usr/local/go, which is not always on a CI job's PATH.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="$PATH:/usr/local/go/bin"
fi
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<NOTICE
################################################################################
##  Go is not installed: the tier-${TIER} Kubernetes binaries cannot be built.      ##
##  TIER ${TIER} (real Kubernetes binaries) WILL BE SKIPPED.                        ##
##  Expected in: $TARGET
################################################################################
NOTICE
  exit 0
fi

mkdir -p "$CACHE_ROOT"
# Two builds racing for the same cache (parallel CI steps, a developer and CI) wait for each other.
exec 9>"$CACHE_ROOT/.build.lock"
flock 9
if complete; then
  echo "k8s test binaries: built by a concurrent run, cached in $TARGET"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/i8s-k8s-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/out"
mkdir -p "$OUT"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false -p=1"
# Builds share the machine with other work: lowest CPU and I/O priority.
quiet() { nice -n 19 ionice -c 3 "$@" 2>/dev/null || nice -n 19 "$@"; }
started=$(date +%s)

build_kubernetes() {
  local mod="$WORK/kubernetes"
  mkdir -p "$mod" && cd "$mod"
  go mod init i8s.local/k8s-test-binaries >/dev/null 2>&1
  # k8s.io/kubernetes points its staging modules at ./staging; the published tags stand in for them.
  local gomod
  gomod="$(go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')"
  sed -n 's#^\t\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod" | while read -r staging; do
    go mod edit -replace "${staging}=${staging}@v0.${K8S_VERSION#*.}"
  done
  go mod edit -require "k8s.io/kubernetes@v${K8S_VERSION}"
  # Without these the binaries report v0.0.0 and version-gated clients misbehave.
  local minor="${K8S_VERSION#*.}"
  minor="${minor%%.*}"
  local ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v${K8S_VERSION}"
  ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${minor}"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=v${K8S_VERSION}"
  local command
  for command in "${KUBERNETES_COMMANDS[@]}"; do
    [[ -x "$TARGET/$command" ]] && continue
    quiet go build -trimpath -ldflags "$ldflags" -o "$OUT/$command" "k8s.io/kubernetes/cmd/$command"
  done
}

build_etcd() {
  local mod="$WORK/etcd"
  mkdir -p "$mod" && cd "$mod"
  go mod init i8s.local/etcd-test-binary >/dev/null 2>&1
  go mod edit -require "go.etcd.io/etcd/server/v3@v${ETCD_VERSION}"
  quiet go build -trimpath -ldflags "-s -w" -o "$OUT/etcd" go.etcd.io/etcd/server/v3
}

echo "k8s test binaries: building kubernetes v${K8S_VERSION} and etcd v${ETCD_VERSION} (slow on a cold cache)"
if ! ( ([[ -x "$TARGET/etcd" ]] || build_etcd) && build_kubernetes); then
  echo "k8s test binaries: BUILD FAILED (see above); nothing was cached" >&2
  exit 1
fi
mkdir -p "$TARGET"
for b in "${BINARIES[@]}"; do
  if [[ -x "$OUT/$b" ]]; then install -m 0755 "$OUT/$b" "$TARGET/$b"; fi
done
echo "k8s test binaries: built in $(( $(date +%s) - started ))s, cached in $TARGET"
