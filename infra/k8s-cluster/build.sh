#!/usr/bin/env bash
# Builds what the tier-3 single-node cluster (cluster.sh) needs besides Debian's packages, each cached by
# version and reused:
#   <k8s cache>/<x.y.z>-linux-amd64/{kubelet,kube-scheduler,kube-controller-manager}  (../k8s-test-binaries)
#   ~/.cache/integr8scode/kube-network-policies-<version>-<patch digest>/kube-network-policies
#   ~/.cache/integr8scode/images/pause-<digest>/pause.tar   (docker-archive of the pod sandbox image)
#   containerd 2, gVisor's containerd shim and runsc                (build-gvisor-node.sh)
#
# NetworkPolicy enforcement is sigs.k8s.io/kube-network-policies: it sends the first packet of every
# pod connection to an NFQUEUE and decides there. Its nftables `queue` statement needs the kernel's
# nft_queue, which these machines' kernel lacks (CONFIG_NFT_QUEUE unset); the xtables NFQUEUE target
# (CONFIG_NETFILTER_XT_TARGET_NFQUEUE) is there and nftables reaches it through nft_compat. The build
# therefore swaps that one expression (kube-network-policies.patch.go) and changes nothing else.
#
# Usage: build.sh [--print-env] [--help]
#   (no option)   build what is missing
#   --print-env   print KNP=, PAUSE_ARCHIVE=, PAUSE_IMAGE=, K8S_BIN= for cluster.sh and exit
# Exit codes: 0 ready; 1 a build failed; 2 bad usage; 3 cannot build here (no Go or no gcc)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${I8S_CACHE:-$HOME/.cache/integr8scode}"
KNP_VERSION="${I8S_KNP_VERSION:-0.8.0}"
K8S_VERSION="${I8S_K8S_VERSION:-1.34.4}"
PATCH="$HERE/kube-network-policies.patch.go"
KNP_DIR="$CACHE/kube-network-policies-${KNP_VERSION}-$(sha256sum "$PATCH" | cut -c1-8)"
PAUSE_TAG="$( (echo "$K8S_VERSION"; cat "$0") | sha256sum | cut -c1-12)"
PAUSE_DIR="$CACHE/images/pause-$PAUSE_TAG"
PAUSE_IMAGE="localhost/integr8scode/pause:$PAUSE_TAG"
K8S_BIN="$("$HERE/../k8s-test-binaries/build.sh" --print-dir)"

case "${1:-}" in
  "") ;;
  --print-env)
    printf 'KNP=%s\nPAUSE_ARCHIVE=%s\nPAUSE_IMAGE=%s\nK8S_BIN=%s\n' \
      "$KNP_DIR/kube-network-policies" "$PAUSE_DIR/pause.tar" "$PAUSE_IMAGE" "$K8S_BIN"
    exit 0 ;;
  --help|-h) sed -n '2,19p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then export PATH="$PATH:/usr/local/go/bin"; fi
for tool in go gcc umoci skopeo; do
  if ! command -v "$tool" >/dev/null 2>&1; then echo "k8s cluster build: $tool is missing" >&2; exit 3; fi
done

quiet() { nice -n 19 ionice -c 3 "$@" 2>/dev/null || nice -n 19 "$@"; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/i8s-cluster-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE/images"
exec 9>"$CACHE/.k8s-cluster-build.lock"
flock 9

build_network_policies() {
  local started src
  started=$(date +%s)
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false -p=1"
  src="$(cd "$WORK" && go mod download -json "sigs.k8s.io/kube-network-policies@v${KNP_VERSION}" \
    | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')"
  cp -r "$src" "$WORK/knp" && chmod -R u+w "$WORK/knp"
  local controller="$WORK/knp/pkg/networkpolicy/controller.go"
  # Both queue expressions (postrouting and the DNS prerouting chain) read:
  #   queue := &expr.Queue{Num: uint16(c.config.QueueID)}
  #   if c.config.FailOpen { queue.Flag = expr.QueueFlagBypass }
  perl -0pi -e 's/queue := &expr\.Queue\{Num: uint16\(c\.config\.QueueID\)\}\n\tif c\.config\.FailOpen \{\n\t\tqueue\.Flag = expr\.QueueFlagBypass\n\t\}/queue := xtablesQueue(uint16(c.config.QueueID), c.config.FailOpen)/g' "$controller"
  if [[ "$(grep -c 'xtablesQueue(' "$controller")" != 2 ]]; then
    echo "k8s cluster build: kube-network-policies v${KNP_VERSION} no longer matches the patch" >&2
    return 1
  fi
  cp "$PATCH" "$WORK/knp/pkg/networkpolicy/xtables_queue.go"
  (cd "$WORK/knp" && quiet go build -trimpath -ldflags "-s -w" -o "$WORK/kube-network-policies" ./cmd)
  mkdir -p "$KNP_DIR"
  install -m 0755 "$WORK/kube-network-policies" "$KNP_DIR/kube-network-policies"
  echo "k8s cluster build: kube-network-policies v${KNP_VERSION} built in $(( $(date +%s) - started ))s"
}

# The pod sandbox ("pause") image: Kubernetes' own pause.c, static, alone in an image.
build_pause_image() {
  local src
  src="$(go env GOMODCACHE)/k8s.io/kubernetes@v${K8S_VERSION}/build/pause/linux/pause.c"
  gcc -Os -static -DVERSION="v${K8S_VERSION}-i8s" -o "$WORK/pause" "$src"
  strip "$WORK/pause"
  umoci init --layout "$WORK/oci"
  umoci new --image "$WORK/oci:pause"
  umoci unpack --rootless --image "$WORK/oci:pause" "$WORK/bundle" >/dev/null
  install -m 0755 "$WORK/pause" "$WORK/bundle/rootfs/pause"
  umoci repack --image "$WORK/oci:pause" "$WORK/bundle"
  umoci config --image "$WORK/oci:pause" --config.entrypoint /pause --config.user 65535:65535 \
    --os linux --architecture amd64
  mkdir -p "$PAUSE_DIR.tmp"
  skopeo copy --quiet "oci:$WORK/oci:pause" "docker-archive:$PAUSE_DIR.tmp/pause.tar:$PAUSE_IMAGE"
  rm -rf "$PAUSE_DIR" && mv "$PAUSE_DIR.tmp" "$PAUSE_DIR"
  echo "k8s cluster build: pause image $PAUSE_IMAGE cached in $PAUSE_DIR"
}

[[ -x "$KNP_DIR/kube-network-policies" ]] || build_network_policies
[[ -f "$PAUSE_DIR/pause.tar" ]] || build_pause_image
flock -u 9
"$HERE/../k8s-test-binaries/build.sh" --node
# containerd 2 and gVisor's shim: without them the node runs Debian's containerd 1.6 and only the gVisor tier skips.
if ! "$HERE/build-gvisor-node.sh"; then
  echo "######## k8s cluster build: the gVisor node runtime did not build; THE GVISOR POD TESTS WILL BE SKIPPED ########" >&2
fi
echo "k8s cluster build: ready (binaries in $K8S_BIN)"
