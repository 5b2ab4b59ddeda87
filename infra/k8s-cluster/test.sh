#!/usr/bin/env bash
# Tier 3 of the test command: builds what the single-node cluster needs (cached), starts it in its own network
# namespace, runs the cluster test classes (JUnit tag `cluster`) inside that namespace, and removes it all.
# Where the tier cannot run here, it says so loudly and exits 0 (the rest of the suite goes on).
set -euo pipefail
cd "$(dirname "$0")/../.."

started=$(date +%s)
status=0
infra/k8s-cluster/build.sh || status=$?
if [[ $status -eq 3 ]]; then
  echo "################################################################################" >&2
  echo "##  TIER 3 (real pods on a single-node cluster) SKIPPED: cannot build it here  ##" >&2
  echo "################################################################################" >&2
  exit 0
fi
[[ $status -eq 0 ]] || exit "$status"
# The app image of the jar the earlier steps built (cached by the jar's digest), for the app node below.
infra/images/app.sh
echo "tier 3: cluster binaries and images ready after $(( $(date +%s) - started ))s"

# Maven runs offline: the namespace has no link out (the earlier test steps resolved every dependency).
status=0
infra/k8s-cluster/cluster.sh run mvn -B -o -Pfull -Dskip.npm -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='RealPodsTest,PodIsolationTest,AppRestartWhilePodsRunTest,LivePodOutputTest,RealPodCancelTest,PodArtifactsTest' test || status=$?
if [[ $status -eq 3 ]]; then exit 0; fi  # cluster.sh printed which requirement is missing

# The same cases with the pods under gVisor (RuntimeClass gvisor, handler runsc): an app with one setting
# changed, so a Maven run (one JVM) of its own, on a cluster of its own.
gvisor_missing="$(eval "$(infra/k8s-cluster/build-gvisor-node.sh --print-env)"
  for binary in "$CONTAINERD_DIR/containerd" "$RUNSC_SHIM" "$RUNSC"; do [[ -x "$binary" ]] || printf '%s ' "$binary"; done)"
if [[ -n "$gvisor_missing" ]]; then
  echo "################################################################################" >&2
  echo "##  TIER 3 UNDER gVISOR SKIPPED: not built: $gvisor_missing" >&2
  echo "##  (infra/k8s-cluster/build-gvisor-node.sh; docs/kubernetes.md, gVisor in pods)" >&2
  echo "################################################################################" >&2
else
  gvisor_status=0
  infra/k8s-cluster/cluster.sh run mvn -B -o -Pfull -Dskip.npm -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='GvisorPodsTest' test || gvisor_status=$?
  [[ $gvisor_status -ne 3 ]] || gvisor_status=0  # cluster.sh printed which requirement is missing
  [[ $status -ne 0 ]] || status=$gvisor_status
fi

# The app itself deployed by the chart, on a cluster of its own: a node that runs the app is no sandbox node (its
# pods need more than the sandbox's podPidsLimit), so cluster.sh starts it as an app node with the app image.
app_status=0
I8S_CLUSTER_APP_NODE=on infra/k8s-cluster/cluster.sh run mvn -B -o -Pfull -Dskip.npm \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AppInClusterTest test || app_status=$?
if [[ $app_status -eq 3 ]]; then app_status=0; fi  # skipped loudly, as above
[[ $status -ne 0 ]] || status=$app_status
echo "tier 3: finished in $(( $(date +%s) - started ))s (exit $status)"
exit "$status"
