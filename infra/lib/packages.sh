# Installs what a fresh Debian machine lacks, from Debian's packages only. Sourced by run.sh and test.sh.

# need COMMAND PACKAGE: install PACKAGE when COMMAND is not on the machine.
missing_packages=()
need() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || missing_packages+=("$2")
}

install_missing() {
  [ ${#missing_packages[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing_packages[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # Installing never starts a service (docker.io would start dockerd in the host's network namespace, with a
  # bridge): without a policy-rc.d, one that refuses every start is in place for the installation only.
  local policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" ||
    { [ -z "$policy" ] || $sudo rm -f "$policy"; return 1; }
  [ -z "$policy" ] || $sudo rm -f "$policy"
  missing_packages=()
}

# What building and running the platform needs: JDK 17, Maven, Node + npm for the UI, an OCI runtime,
# and what builds the sandbox image (infra/sandbox-image/build.sh: mmdebstrap, umoci, skopeo; jq for its
# test). Scripts run on that image, not on the host's Python.
need_platform_packages() {
  need java openjdk-17-jdk-headless
  need mvn maven
  need node nodejs
  need npm npm
  need runc runc
  need curl curl
  need mmdebstrap mmdebstrap
  need umoci umoci
  need skopeo skopeo
  need jq jq
}

# What the compose test needs (infra/compose/test.sh): Debian's Docker engine and docker-compose (v1; the
# compose plugin is not in Debian), iptables inside the engine's network namespace, and an AMQP client.
need_compose_packages() {
  need dockerd docker.io
  need docker-compose docker-compose
  need iptables iptables
  need ip iproute2
  need capsh libcap2-bin
  [ -f /usr/lib/python3/dist-packages/proton/__init__.py ] || missing_packages+=(python3-qpid-proton)
}

# What the tier-3 single-node cluster (infra/k8s-cluster) runs: containerd with its runc shim, the CNI plugins
# (bridge, host-local, loopback), and openssl for the cluster's certificates.
need_cluster_packages() {
  need containerd containerd
  [ -x /usr/lib/cni/bridge ] || missing_packages+=(containernetworking-plugins)
  need openssl openssl
  need nsenter util-linux
}

require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Integr8sCode creates containers and cgroups for every script: run this as root (sudo $0)." >&2
    exit 1
  fi
}
