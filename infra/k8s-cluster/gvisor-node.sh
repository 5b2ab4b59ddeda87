# Sourced by cluster.sh: the node's container runtime when gVisor is available. With the build of
# build-gvisor-node.sh in the cache, the node runs containerd 2 (from the Go module proxy) with two handlers,
# runc (the default, as with Debian's containerd 1.6) and runsc (gVisor, RuntimeClass handler `runsc`); without
# it, Debian's containerd 1.6 alone, and the tests of the gVisor tier skip themselves with the reason.
# I8S_CLUSTER_GVISOR=off keeps Debian's containerd 1.6 even when the build is there.

# Sets GVISOR_NODE (on|off), GVISOR_SKIP_REASON, and CONTAINERD_BIN / CTR_BIN for the runtime chosen.
gvisor_node_preflight() {
  GVISOR_NODE=off
  CONTAINERD_BIN=containerd
  CTR_BIN=ctr
  if [[ "${I8S_CLUSTER_GVISOR:-on}" == off ]]; then
    GVISOR_SKIP_REASON="I8S_CLUSTER_GVISOR=off: the node runs Debian's containerd 1.6 with runc only"
    return 0
  fi
  eval "$("$HERE/build-gvisor-node.sh" --print-env)"
  local binary
  for binary in "$CONTAINERD_DIR/containerd" "$CONTAINERD_DIR/containerd-shim-runc-v2" "$CONTAINERD_DIR/ctr" \
      "$RUNSC_SHIM" "$RUNSC"; do
    if [[ ! -x "$binary" ]]; then
      GVISOR_SKIP_REASON="$binary is not built (infra/k8s-cluster/build-gvisor-node.sh; needs Go): the node runs Debian's containerd 1.6 with runc only"
      return 0
    fi
  done
  GVISOR_NODE=on
  GVISOR_SKIP_REASON=""
  CONTAINERD_BIN="$CONTAINERD_DIR/containerd"
  CTR_BIN="$CONTAINERD_DIR/ctr"
}

# containerd 2's configuration (version 3) with the same settings as the 1.6 one in cluster.sh, plus runsc.
gvisor_node_containerd_config() {
  mkdir -p "$STATE/runsc" "$LOGS/runsc"
  # The shim's own settings: which runsc, its state root, and runsc's flags (as the local runner passes them:
  # systrap, the platform that works here; docs/sandbox.md). The network stays gVisor's netstack on the pod's
  # veth, so NetworkPolicy and the node guard act on its packets as on runc's. No oci-seccomp: gVisor would
  # answer the RuntimeDefault profile's clone3 rule (ENOSYS) with EPERM, and no script could start a thread
  # (docs/kubernetes.md).
  cat >"$STATE/containerd/runsc.toml" <<EOF
binary_name = "$RUNSC"
root = "$STATE/runsc"
[runsc_config]
  platform = "systrap"
  debug-log = "$LOGS/runsc/"
EOF
  local cri='plugins."io.containerd.cri.v1.runtime"'
  cat >"$STATE/containerd/config.toml" <<EOF
version = 3
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
[grpc]
  address = "$STATE/containerd/containerd.sock"
[plugins."io.containerd.cri.v1.images"]
  snapshotter = "overlayfs"
  [plugins."io.containerd.cri.v1.images".pinned_images]
    sandbox = "$PAUSE_IMAGE"
[$cri]
  # Root here lacks CAP_SYS_RESOURCE: lowering the sandbox's OOM score (-998) would fail.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  enable_selinux = false
  [$cri.containerd]
    default_runtime_name = "runc"
    [$cri.containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      runtime_path = "$CONTAINERD_DIR/containerd-shim-runc-v2"
      [$cri.containerd.runtimes.runc.options]
        SystemdCgroup = false
    [$cri.containerd.runtimes.runsc]
      runtime_type = "io.containerd.runsc.v1"
      runtime_path = "$RUNSC_SHIM"
      [$cri.containerd.runtimes.runsc.options]
        TypeUrl = "io.containerd.runsc.v1.options"
        ConfigPath = "$STATE/containerd/runsc.toml"
  [$cri.cni]
    bin_dirs = ["/usr/lib/cni"]
    conf_dir = "$STATE/cni/net.d"
EOF
}

# After containerd stopped: the shims and gVisor sandboxes of this cluster only (found by its socket and its
# runsc root), never another cluster's.
gvisor_node_down() {
  local pid
  for pid in $(pgrep -f "containerd-shim-runsc-v1 .*-address $STATE/containerd/containerd.sock" || true) \
      $(pgrep -f "runsc .*--root=$STATE/runsc" || true) $(pgrep -f "runsc-.* --root=$STATE/runsc" || true); do
    kill -9 "$pid" 2>/dev/null || true
  done
}

# What the tests read: which handlers the node has, or why the gVisor tier is skipped.
gvisor_node_environment() {
  if [[ "$GVISOR_NODE" == on ]]; then
    echo "I8S_CLUSTER_RUNTIME_HANDLERS=runc,runsc"
  else
    echo "I8S_CLUSTER_RUNTIME_HANDLERS=runc"
    echo "I8S_CLUSTER_GVISOR_SKIPPED=$GVISOR_SKIP_REASON"
  fi
}
