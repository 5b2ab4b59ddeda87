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
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing_packages[@]}"
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
