#!/usr/bin/env bash
# Tier 3: a real single-node Kubernetes cluster for the tests — etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubelet, containerd (2.x with runc and gVisor's runsc when build-gvisor-node.sh built them, else
# Debian's 1.6 with runc), the bridge CNI (Debian) and NetworkPolicy enforced
# by kube-network-policies — entirely inside a network namespace this script creates and removes.
# Nothing outside 127.0.0.0/8 is configured in the host's own namespace: the node address sits on the
# namespace's lo, the pods' bridge and veths live in the namespace, and the namespace has no link out.
#
# Usage:
#   cluster.sh run CMD [ARG...]   start the cluster, run CMD inside the namespace with KUBECONFIG and
#                                 I8S_CLUSTER_* set, stop and clean up whatever happened; exits with CMD's code
#   cluster.sh up                 start and leave running (state in $I8S_CLUSTER_STATE)
#   cluster.sh exec CMD [ARG...]  run CMD inside the namespace of a running cluster
#   cluster.sh down               stop everything this script started and remove every trace
# Exit codes: CMD's code; 1 the cluster did not come up; 2 bad usage; 3 cannot run here (loud notice)
# Environment: I8S_CLUSTER_STATE (default /tmp/i8s-k8s), I8S_CLUSTER_NETNS (default i8s-k8s),
# I8S_CLUSTER_NODE_GUARD (default on; off leaves out the node's guard against connections from pods),
# I8S_CLUSTER_GVISOR (default on; off keeps Debian's containerd 1.6 without the runsc handler).
# I8S_CLUSTER_APP_NODE (default off; on: the node runs the app itself, see import_app_image).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
STATE="${I8S_CLUSTER_STATE:-/tmp/i8s-k8s}"
NETNS="${I8S_CLUSTER_NETNS:-i8s-k8s}"
NODE_IP=10.222.0.1
POD_CIDR=10.223.0.0/24
SERVICE_CIDR=10.224.0.0/24
NODE_NAME=i8s-node
# Named after the namespace, so that two clusters on one machine never share (and clean up) each other's pods.
CGROUP_ROOT="$NETNS"
PKI="$STATE/pki"
LOGS="$STATE/logs"
# containerd 2 with runc and gVisor (runsc) when that build is cached, else Debian's containerd 1.6 with runc.
source "$HERE/gvisor-node.sh"

# Processes started here run in the namespace through nsenter (not `ip netns exec`, which hides the
# cgroup mounts kubelet and runc need).
in_netns() { nsenter --net="/var/run/netns/$NETNS" "$@"; }

skip_tier() {
  cat >&2 <<NOTICE
################################################################################
##  TIER 3 (single-node Kubernetes cluster, real pods) IS SKIPPED:
##  $1
################################################################################
NOTICE
  exit 3
}

preflight() {
  [[ "$(id -u)" -eq 0 ]] || skip_tier "needs root (network namespace, containerd, kubelet)"
  [[ -d /sys/fs/cgroup/memory && -d /sys/fs/cgroup/cpu && -d /sys/fs/cgroup/pids ]] \
    || skip_tier "cgroup v1 memory/cpu/pids hierarchies are missing (kubelet is set up for cgroupfs v1 here)"
  local tool
  for tool in containerd containerd-shim-runc-v2 runc ctr nsenter unshare ip openssl; do
    command -v "$tool" >/dev/null 2>&1 || skip_tier "$tool is missing (infra/lib/packages.sh installs it)"
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] \
    || skip_tier "the CNI plugins are missing (Debian: containernetworking-plugins)"
  eval "$("$HERE/build.sh" --print-env)"
  local binary
  for binary in etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl; do
    [[ -x "$K8S_BIN/$binary" ]] || skip_tier "$K8S_BIN/$binary is not built (infra/k8s-cluster/build.sh; needs Go)"
  done
  [[ -x "$KNP" && -f "$PAUSE_ARCHIVE" ]] || skip_tier "kube-network-policies or the pause image is not built"
  SANDBOX_DIR="$("$HERE/../sandbox-image/build.sh" --print-dir)"
  [[ -f "$SANDBOX_DIR/image.tar" ]] || skip_tier "the sandbox image is not built (infra/sandbox-image/build.sh)"
  gvisor_node_preflight
  APP_IMAGE_DIR=""
  if [[ "${I8S_CLUSTER_APP_NODE:-off}" == on ]]; then
    APP_IMAGE_DIR="$("$HERE/../images/app.sh" --print-dir)" \
      || skip_tier "the app node needs the app's jar (mvn -B package -DskipTests)"
    [[ -f "$APP_IMAGE_DIR/image.tar" ]] || skip_tier "the app image is not built (infra/images/app.sh)"
  fi
}

# start NAME CMD...: a daemon in the namespace, its pid in $STATE/pids/NAME, its log in $LOGS/NAME.log
start() {
  local name="$1"; shift
  # nsenter itself (not the in_netns function, whose subshell would be the pid) so the pid is the daemon's.
  nsenter --net="/var/run/netns/$NETNS" setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name"
}

# Kubelet and containerd share one mount namespace (kubelet's volume mounts must be visible to the
# runtime), private to them: kubelet insists on sysctls (kernel.panic=10, panic_on_oops=1,
# vm.overcommit_memory=1) that it would otherwise write to the shared machine's kernel. There it reads
# files holding the values it wants, the host keeps its own, and the mounts die with the namespace.
start_node_namespace() {
  mkdir -p "$STATE/sysctl"
  nsenter --net="/var/run/netns/$NETNS" setsid unshare --mount --propagation private sleep infinity \
    </dev/null >/dev/null 2>&1 &
  echo $! >"$STATE/pids/node-namespace"
  local holder=$!

  for _ in $(seq 50); do
    [[ "$(readlink "/proc/$holder/ns/mnt")" != "$(readlink /proc/self/ns/mnt)" ]] && break
    sleep 0.1
  done
  local entry
  for entry in vm/overcommit_memory=1 vm/panic_on_oom=0 kernel/panic=10 kernel/panic_on_oops=1; do
    local key="${entry%%=*}"
    echo "${entry#*=}" >"$STATE/sysctl/${key//\//.}"
    nsenter -t "$holder" -m mount --bind "$STATE/sysctl/${key//\//.}" "/proc/sys/$key"
  done
  # Pod logs stay this cluster's own: every kubelet deletes the directories under /var/log/pods of pods it does not
  # know, so a second cluster on the machine removed this one's logs before the app read them ("no result frame").
  local logs
  for logs in pods containers; do
    mkdir -p "$STATE/var-log-$logs" "/var/log/$logs"
    nsenter -t "$holder" -m mount --bind "$STATE/var-log-$logs" "/var/log/$logs"
  done
  mount_namespace="/proc/$holder/ns/mnt"
}

start_in_node() {
  local name="$1"; shift
  nsenter --net="/var/run/netns/$NETNS" --mount="$mount_namespace" setsid "$@" \
    >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/$name"
}

wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) > deadline )); then
      echo "k8s cluster: $what did not come up in ${seconds}s; last log lines:" >&2
      tail -n 30 "$LOGS"/*.log >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

make_pki() {
  mkdir -p "$PKI"
  cd "$PKI"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=i8s-k8s-ca -keyout ca.key -out ca.crt 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  # cert NAME SUBJECT [SAN]: a key and a certificate signed by the cluster's CA
  cert() {
    openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
    local extensions=()
    if [[ -n "${3:-}" ]]; then printf 'subjectAltName=%s\n' "$3" >"$1.ext"; extensions=(-extfile "$1.ext"); fi
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -out "$1.crt" \
      "${extensions[@]}" 2>/dev/null
  }
  cert apiserver /CN=kube-apiserver \
    "IP:$NODE_IP,IP:10.224.0.1,IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  cert admin "/O=system:masters/CN=i8s-admin"
  cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  cert kubelet "/O=system:nodes/CN=system:node:$NODE_NAME" "IP:$NODE_IP,DNS:$NODE_NAME"
  cd - >/dev/null
  kubeconfig admin "$STATE/admin.kubeconfig"
  kubeconfig kubelet "$STATE/kubelet.kubeconfig"
}

kubeconfig() {
  cat >"$2" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: i8s
  cluster: {server: "https://$NODE_IP:6443", certificate-authority: "$PKI/ca.crt"}
users:
- name: $1
  user: {client-certificate: "$PKI/$1.crt", client-key: "$PKI/$1.key"}
contexts:
- name: i8s
  context: {cluster: i8s, user: $1}
current-context: i8s
EOF
}

write_configs() {
  mkdir -p "$STATE/cni/net.d" "$STATE/containerd"
  cat >"$STATE/cni/net.d/10-i8s.conflist" <<EOF
{"cniVersion": "0.4.0", "name": "i8s-pods", "plugins": [
  {"type": "bridge", "bridge": "i8s-cni0", "isGateway": true, "ipMasq": false,
   "ipam": {"type": "host-local", "dataDir": "$STATE/cni/ipam",
            "ranges": [[{"subnet": "$POD_CIDR"}]], "routes": [{"dst": "0.0.0.0/0"}]}}]}
EOF
  cat >"$STATE/containerd/config.toml" <<EOF
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
disabled_plugins = ["io.containerd.internal.v1.tracing", "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$STATE/containerd/containerd.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # Root here lacks CAP_SYS_RESOURCE: lowering the sandbox's OOM score (-998) would fail.
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
EOF
  [[ "$GVISOR_NODE" != on ]] || gvisor_node_containerd_config
  cat >"$STATE/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# These machines mount cgroup v1 hierarchies and run no systemd.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_ROOT
failSwapOn: false
protectKernelDefaults: true
containerRuntimeEndpoint: unix://$STATE/containerd/containerd.sock
address: $NODE_IP
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
tlsCertFile: $PKI/kubelet.crt
tlsPrivateKeyFile: $PKI/kubelet.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
resolvConf: ""
clusterDomain: cluster.local
# No registry is reachable: images imported by this script must never be collected.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
# A shared build machine's disk and memory must not evict the test pods.
evictionHard: {memory.available: "1Mi", nodefs.available: "1%", imagefs.available: "1%"}
# The chart's executions.pidsLimit (96) + 1 for the pause process, as docs/kubernetes.md asks of a sandbox node.
# A node that runs the app (a JVM of more than a hundred threads) is no sandbox node: its pods get 4096.
podPidsLimit: $([[ -n "$APP_IMAGE_DIR" ]] && echo 4096 || echo 97)
EOF
}

make_network() {
  ip netns add "$NETNS"
  in_netns ip link set lo up
  # kubelet refuses a loopback node address and the kernel has no dummy links: a /32 on the namespace's lo.
  in_netns ip addr add "$NODE_IP/32" dev lo
  # Pod-to-pod traffic crosses the bridge; it must pass the netfilter hooks where the policies are enforced.
  in_netns sysctl -qw net.bridge.bridge-nf-call-iptables=1 net.ipv4.ip_forward=1
  # NetworkPolicy stops pod-to-pod and pod-to-beyond traffic, but kube-network-policies (like several other
  # implementations) never sees a pod connecting to its own node (that traffic is delivered locally, not
  # forwarded): without this guard a script reached the API server, the kubelet and the app on the node.
  # A sandbox node needs this host rule (docs/kubernetes.md); I8S_CLUSTER_NODE_GUARD=off shows the gap.
  if [[ "${I8S_CLUSTER_NODE_GUARD:-on}" != off ]]; then
    in_netns iptables -I INPUT -s "$POD_CIDR" -m conntrack --ctstate NEW -j DROP
  fi
}

import_images() {
  local ctr=("$CTR_BIN" --address "$STATE/containerd/containerd.sock" -n k8s.io)
  in_netns "${ctr[@]}" images import "$PAUSE_ARCHIVE" >/dev/null
  in_netns "${ctr[@]}" images import "$SANDBOX_DIR/image.tar" >/dev/null
  import_app_image "${ctr[@]}"
  # The image holds the pod sandbox: CRI must find it under the name it was configured with.
  # Not grep -q: it would stop reading at the match, and ctr, killed by SIGPIPE, would fail the pipeline.
  in_netns "${ctr[@]}" images ls -q | grep -x "$PAUSE_IMAGE" >/dev/null
}

# With I8S_CLUSTER_APP_NODE=on the node runs the app itself (AppInClusterTest): the app image of the jar in
# target/ (infra/images/app.sh), imported like the others since nothing is pulled here, its name in
# $STATE/app-image for I8S_CLUSTER_APP_IMAGE. Such a node is no sandbox node: the app's pod needs more processes
# than podPidsLimit 97 allows ("unable to create native thread"), so the pod limit is raised (write_configs).
import_app_image() {
  [[ -n "$APP_IMAGE_DIR" ]] || return 0
  local started=$SECONDS
  in_netns "$@" images import "$APP_IMAGE_DIR/image.tar" >/dev/null
  sed -n 's/^IMAGE=//p' "$APP_IMAGE_DIR/image.env" >"$STATE/app-image"
  echo "k8s cluster: app image $(cat "$STATE/app-image") imported in $(( SECONDS - started ))s"
}

up() {
  preflight
  if [[ -e "/var/run/netns/$NETNS" || -d "$STATE" ]]; then
    echo "k8s cluster: a previous cluster is still there; removing it first"
    down
  fi
  local started
  started=$(date +%s)
  mkdir -p "$STATE/pids" "$LOGS"
  make_network
  make_pki
  write_configs
  local admin="$STATE/admin.kubeconfig"
  start etcd "$K8S_BIN/etcd" --data-dir "$STATE/etcd" --listen-client-urls http://127.0.0.1:2379 \
    --advertise-client-urls http://127.0.0.1:2379 --listen-peer-urls http://127.0.0.1:2380 \
    --unsafe-no-fsync --quota-backend-bytes 1073741824
  start kube-apiserver "$K8S_BIN/kube-apiserver" --etcd-servers http://127.0.0.1:2379 \
    --advertise-address "$NODE_IP" --secure-port 6443 --service-cluster-ip-range "$SERVICE_CIDR" \
    --client-ca-file "$PKI/ca.crt" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$PKI/apiserver-kubelet-client.key" --kubelet-certificate-authority "$PKI/ca.crt" \
    --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$PKI/sa.pub" \
    --service-account-signing-key-file "$PKI/sa.key" --authorization-mode Node,RBAC \
    --enable-priority-and-fairness=false
  wait_for "kube-apiserver" 90 in_netns "$K8S_BIN/kubectl" --kubeconfig "$admin" get --raw /readyz
  start kube-controller-manager "$K8S_BIN/kube-controller-manager" --kubeconfig "$admin" \
    --authentication-kubeconfig "$admin" --authorization-kubeconfig "$admin" --bind-address 127.0.0.1 \
    --leader-elect=false --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --use-service-account-credentials=false
  start kube-scheduler "$K8S_BIN/kube-scheduler" --kubeconfig "$admin" --authentication-kubeconfig "$admin" \
    --authorization-kubeconfig "$admin" --bind-address 127.0.0.1 --leader-elect=false
  make_cgroup_root
  start_node_namespace
  start_in_node containerd "$CONTAINERD_BIN" --config "$STATE/containerd/config.toml"
  wait_for "containerd" 30 test -S "$STATE/containerd/containerd.sock"
  import_images
  start_in_node kubelet "$K8S_BIN/kubelet" --config "$STATE/kubelet.yaml" --kubeconfig "$STATE/kubelet.kubeconfig" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" --root-dir "$STATE/kubelet" --cert-dir "$PKI"
  start_network_policies
  wait_for "node $NODE_NAME Ready" 120 in_netns "$K8S_BIN/kubectl" --kubeconfig "$admin" wait --timeout 2s \
    --for condition=Ready "node/$NODE_NAME"
  wait_for "service account default/default" 60 in_netns "$K8S_BIN/kubectl" --kubeconfig "$admin" \
    get serviceaccount default
  echo "k8s cluster: up in $(( $(date +%s) - started ))s (namespace $NETNS, node $NODE_IP, state $STATE)"
  if [[ "$GVISOR_NODE" == on ]]; then
    echo "k8s cluster: containerd 2 with the runtime handlers runc (default) and runsc (gVisor)"
  else
    echo "k8s cluster: NO gVisor handler on this node: $GVISOR_SKIP_REASON" >&2
  fi
  gvisor_node_environment >"$STATE/runtime.env"
}

# kube-network-policies v0.8.0 only reads the in-cluster configuration (service host and port, token and CA
# under /var/run/secrets/kubernetes.io/serviceaccount). Run as a node process, it gets them in a mount namespace
# of its own (a tmpfs over /run, nothing written to the host's), with the RBAC of the project's install.yaml.
# It decides on the first packet of every pod connection (NFQUEUE) and fails closed when it is not running.
start_network_policies() {
  local kubectl=("$K8S_BIN/kubectl" --kubeconfig "$STATE/admin.kubeconfig")
  in_netns "${kubectl[@]}" -n kube-system create serviceaccount kube-network-policies >/dev/null
  in_netns "${kubectl[@]}" create clusterrole kube-network-policies --verb list,watch \
    --resource pods,namespaces,networkpolicies.networking.k8s.io >/dev/null
  in_netns "${kubectl[@]}" create clusterrolebinding kube-network-policies --clusterrole kube-network-policies \
    --serviceaccount kube-system:kube-network-policies >/dev/null
  mkdir -p "$STATE/network-policies"
  in_netns "${kubectl[@]}" -n kube-system create token kube-network-policies --duration 48h \
    >"$STATE/network-policies/token"
  cp "$PKI/ca.crt" "$STATE/network-policies/ca.crt"
  local account=/run/secrets/kubernetes.io/serviceaccount
  start kube-network-policies unshare --mount --propagation private bash -c "
    mount -t tmpfs -o size=1m,mode=0755 i8s-knp /run && mkdir -p $account &&
    mount --bind '$STATE/network-policies' $account &&
    exec env KUBERNETES_SERVICE_HOST=$NODE_IP KUBERNETES_SERVICE_PORT=6443 '$KNP' \
      --hostname-override $NODE_NAME --disable-nri --metrics-bind-address 127.0.0.1:9080 --fail-open=false"
}

# Stops only what this script started (pid files, and containerd's shims found by this cluster's socket).
down() {
  local name pid
  for name in kube-network-policies kubelet; do stop_pid "$STATE/pids/$name"; done
  if [[ -S "$STATE/containerd/containerd.sock" && -e "/var/run/netns/$NETNS" ]]; then
    [[ -n "${CTR_BIN:-}" ]] || gvisor_node_preflight
    local ctr=("$CTR_BIN" --address "$STATE/containerd/containerd.sock" -n k8s.io)
    for name in $(in_netns "${ctr[@]}" tasks ls -q 2>/dev/null); do
      in_netns "${ctr[@]}" tasks kill -s SIGKILL "$name" >/dev/null 2>&1 || true
    done
  fi
  for name in containerd kube-scheduler kube-controller-manager kube-apiserver etcd node-namespace; do
    stop_pid "$STATE/pids/$name"
  done
  for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $STATE/containerd/containerd.sock" || true); do
    kill -9 "$pid" 2>/dev/null || true
  done
  gvisor_node_down
  local mount
  for mount in $(findmnt -rn -o TARGET | grep "^$STATE/" | sort -r); do umount -l "$mount" || true; done
  remove_cgroups
  [[ -e "/var/run/netns/$NETNS" ]] && ip netns del "$NETNS"
  rm -rf "$STATE"
  echo "k8s cluster: stopped and removed"
}

stop_pid() {
  [[ -f "$1" ]] || return 0
  local pid
  pid="$(cat "$1")"
  kill "$pid" 2>/dev/null || true

  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}

# kubelet wants its cgroup root to exist in every hierarchy; a v1 cpuset needs its cpus and mems set.
make_cgroup_root() {
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do
    mkdir -p "$hierarchy$CGROUP_ROOT"
  done
  cat /sys/fs/cgroup/cpuset/cpuset.cpus >"/sys/fs/cgroup/cpuset/$CGROUP_ROOT/cpuset.cpus"
  cat /sys/fs/cgroup/cpuset/cpuset.mems >"/sys/fs/cgroup/cpuset/$CGROUP_ROOT/cpuset.mems"
}

remove_cgroups() {
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/; do
    [[ -d "$hierarchy$CGROUP_ROOT" ]] || continue
    find "$hierarchy$CGROUP_ROOT" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

in_cluster() {
  local runtime=()
  [[ ! -f "$STATE/runtime.env" ]] || mapfile -t runtime <"$STATE/runtime.env"
  env "${runtime[@]}" KUBECONFIG="$STATE/admin.kubeconfig" I8S_CLUSTER_KUBECONFIG="$STATE/admin.kubeconfig" \
    I8S_CLUSTER_NODE_IP="$NODE_IP" I8S_CLUSTER_POD_CIDR="$POD_CIDR" \
    I8S_CLUSTER_APP_IMAGE="$(cat "$STATE/app-image" 2>/dev/null || true)" \
    PATH="$K8S_BIN:$PATH" nsenter --net="/var/run/netns/$NETNS" "$@"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  exec) shift; eval "$("$HERE/build.sh" --print-env)"; in_cluster "$@" ;;
  run)
    shift
    [[ $# -gt 0 ]] || { echo "usage: cluster.sh run CMD [ARG...]" >&2; exit 2; }
    trap down EXIT
    trap 'exit 130' INT TERM
    up || { echo "k8s cluster: DID NOT COME UP; tier 3 failed (logs above)" >&2; exit 1; }
    set +e
    in_cluster "$@"
    status=$?
    set -e
    exit "$status" ;;
  --help|-h) sed -n '2,18p' "$0" ;;
  *) echo "usage: cluster.sh run CMD... | up | exec CMD... | down (try --help)" >&2; exit 2 ;;
esac
