#!/usr/bin/env bash
# Builds the sandbox image that image.conf defines, from Debian's packages only, and caches it under
# a tag that is a digest of its definition:
#   ${I8S_IMAGE_CACHE:-$HOME/.cache/integr8scode/images}/<tag>/
#     rootfs/         the root file system; the local runner mounts it read-only as the sandbox's root
#     oci/            OCI image layout, tag <tag> (umoci)
#     image.tar       docker-archive of integr8scode-sandbox:<tag> (`docker load`, `ctr images import`)
#     manifest.json   Python, curated modules, Python distributions, Debian packages (also in the image
#                     as /etc/integr8scode/manifest.json)
#     image.env       IMAGE=, TAG=, OCI_DIGEST=, ROOTFS= for scripts
#
# Usage: build.sh [--print-dir | --print-image] [--help]
#   (no option)     build when the cache lacks this definition's image; a no-op when it has it
#   --print-dir     print the cache folder of this definition's image and exit
#   --print-image   print the image reference (integr8scode-sandbox:<tag>) and exit
# Exit codes:
#   0  image ready
#   1  the build failed (mirror unreachable, package missing, ...); nothing was cached
#   2  bad usage
#   3  cannot build here: not root, or mmdebstrap, umoci or skopeo missing
# Environment: I8S_IMAGE_CACHE; I8S_DEBIAN_SOURCES (a sources.list file or mirror URI instead of
# Debian's default mirror).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=image.conf
source "$HERE/image.conf"
# Everything that decides the image's bytes; the tag changes when any of it does.
DEFINITION=(image.conf build.sh purge_list.py manifest.py)
TAG="$(cd "$HERE" && sha256sum "${DEFINITION[@]}" | sha256sum | cut -c1-12)"
IMAGE="$IMAGE_NAME:$TAG"
CACHE_ROOT="${I8S_IMAGE_CACHE:-$HOME/.cache/integr8scode/images}"
TARGET="$CACHE_ROOT/$TAG"

case "${1:-}" in
  "") ;;
  --print-dir) echo "$TARGET"; exit 0 ;;
  --print-image) echo "$IMAGE"; exit 0 ;;
  --help|-h) sed -n '2,24p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

# The target appears only by the final rename, so its presence means a finished build.
if [[ -d "$TARGET" ]]; then
  echo "sandbox image $IMAGE: cached in $TARGET"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "sandbox image: building needs root (files owned by root and by nobody, chroot)" >&2
  exit 3
fi
for tool in mmdebstrap umoci skopeo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "sandbox image: $tool is missing (Debian package $tool)" >&2
    exit 3
  fi
done

mkdir -p "$CACHE_ROOT"
# Two builds racing for the same cache (parallel CI steps, a developer and CI) wait for each other.
exec 9>"$CACHE_ROOT/.build.lock"
flock 9
if [[ -d "$TARGET" ]]; then
  echo "sandbox image $IMAGE: built by a concurrent run, cached in $TARGET"
  exit 0
fi

# Built next to the cache (same file system, so the final move is an atomic rename). Work folders
# left by a killed build are stale: with the lock held, no other build owns one.
rm -rf --one-file-system "$CACHE_ROOT"/.build-*
WORK="$(mktemp -d "$CACHE_ROOT/.build-$TAG.XXXXXX")"
cleanup() {
  # mmdebstrap mounts /proc, /sys and /dev only inside its own mount namespace; should anything
  # under the work folder still be mounted, unmount it before deleting, and never cross into it.
  local mounted
  mounted="$(awk -v w="$WORK/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r)"
  [[ -z "$mounted" ]] || xargs -r umount -l <<<"$mounted" || true
  rm -rf --one-file-system "$WORK"
}
finish() {
  local status=$?
  # A signal stops the running step and all it started (mmdebstrap would go on for minutes after
  # a TERM); its mounts live in its own mount namespace and vanish with it.
  if [[ -n "${CHILD:-}" ]] && kill -TERM -- "-$CHILD" 2>/dev/null; then
    local waited
    for waited in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- "-$CHILD" 2>/dev/null && sleep 1 || break; done
    kill -KILL -- "-$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  cleanup
  if [[ $status -ne 0 ]]; then
    echo "sandbox image $IMAGE: BUILD FAILED (see above); nothing was cached" >&2
    exit 1
  fi
}
trap finish EXIT
trap 'exit 130' INT TERM HUP

OUT="$WORK/out"
ROOT="$OUT/rootfs"
mkdir -p "$OUT"
export SOURCE_DATE_EPOCH
# Builds share the machine with other work: lowest CPU and I/O priority. Each step runs in the
# background in its own process group and is waited for, so that a signal reaches the traps at once
# and the traps can stop the whole step.
PRIORITY=(nice -n 19)
! ionice -c 3 true 2>/dev/null || PRIORITY+=(ionice -c 3)
CHILD=""
quiet() {
  setsid "${PRIORITY[@]}" "$@" &
  CHILD=$!
  wait "$CHILD"
}
started=$(date +%s)
step() { echo "sandbox image: [$1/5 $(( $(date +%s) - started ))s] $2"; }
# The image's own Python runs the helpers, against the image's own dpkg database.
in_image() { chroot "$ROOT" /usr/bin/python3 -E -s "$@"; }

bootstrap() {
  step 1 "bootstrapping Debian $DEBIAN_SUITE with ${PACKAGES[*]} (mmdebstrap; the slow part)"
  local includes
  includes="$(IFS=,; echo "${PACKAGES[*]}")"
  # unshare mode: as root it keeps the ownership right and mounts only in a private mount namespace.
  quiet mmdebstrap --mode=unshare --variant=essential --format=directory \
    --include="$includes" \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    "$DEBIAN_SUITE" "$ROOT" ${I8S_DEBIAN_SOURCES:+"$I8S_DEBIAN_SOURCES"}
}

purge_unneeded_packages() {
  step 2 "purging package management, compilers and GUI front ends"
  mkdir -p "$ROOT/tmp/i8s-build"
  cp "$HERE/purge_list.py" "$HERE/manifest.py" "$ROOT/tmp/i8s-build/"
  in_image /tmp/i8s-build/purge_list.py --keep "${PACKAGES[@]}" --drop "${DROP_PACKAGES[@]}" >"$WORK/purge"
  echo "  $(wc -l <"$WORK/purge") packages: $(cut -d' ' -f2 "$WORK/purge" | tr '\n' ' ')"
  local stage
  for stage in 0 1 2; do
    # shellcheck disable=SC2046 # one word per package
    set -- $(awk -v s="$stage" '$1 == s { print $2 }' "$WORK/purge")
    [[ $# -eq 0 ]] && continue
    quiet dpkg --root="$ROOT" --force-remove-essential --force-depends --purge "$@" \
      >"$WORK/dpkg-$stage.log" 2>&1 || { cat "$WORK/dpkg-$stage.log" >&2; return 1; }
  done
}

trim_files() {
  step 3 "trimming files, setting up users and layout, compiling Python"
  # What dpkg's purge leaves (databases of the tools, logs, caches) and what scripts never read.
  # The dpkg status file stays: image scanners read it, and the manifest lists it.
  rm -rf "$ROOT"/etc/apt "$ROOT"/etc/dpkg "$ROOT"/var/lib/apt "$ROOT"/var/cache/* "$ROOT"/var/log/* \
    "$ROOT"/var/lib/dpkg/{alternatives,updates,triggers,*-old} "$ROOT"/var/lib/systemd "$ROOT"/etc/systemd \
    "$ROOT"/etc/init.d "$ROOT"/etc/rc?.d "$ROOT"/usr/share/{man,info,lintian,bash-completion,bug} \
    "$ROOT"/etc/resolv.conf "$ROOT"/run/* "$ROOT"/dev/*
  find "$ROOT/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  find "$ROOT/usr/share/doc" -mindepth 1 -depth -type d -empty -delete
  # Packages' own test suites (pandas, scipy and sympy ship 150 MB of them); *.testing modules stay.
  find "$ROOT/usr/lib/python3/dist-packages" -depth -type d -name tests -exec rm -rf {} +
  echo sandbox >"$ROOT/etc/hostname"

  # Byte code for an image that never changes: unchecked-hash .pyc files are neither compared with
  # their sources' mtimes nor rehashed at import (the root is read-only, nothing could refresh them).
  find "$ROOT/usr/lib" -depth -type d -name __pycache__ -exec rm -rf {} +
  quiet chroot "$ROOT" /usr/bin/python3 -E -s -m compileall -q -f --invalidation-mode unchecked-hash \
    /usr/lib/python3.11 /usr/lib/python3/dist-packages >"$WORK/compileall.log" 2>&1 ||
    { cat "$WORK/compileall.log" >&2; return 1; }

  # Layout: scripts run as nobody (65534:65534, from base-passwd) with /tmp as their only writable
  # place (a tmpfs at run time: runc honours its 1777 mode only if the root's /tmp has it).
  # /sandbox is where the runners mount the bootstrap and the script: present in the image, so that
  # runc never has to create it in a root file system that other sandboxes share.
  chmod 1777 "$ROOT/tmp"
  install -d -m 0755 "$ROOT/sandbox" "$ROOT/etc/integr8scode"
  grep -q '^nobody:x:65534:65534:' "$ROOT/etc/passwd" && grep -q '^nogroup:x:65534:' "$ROOT/etc/group"
  # Agg even where MPLBACKEND is not set (Debian's matplotlib reads /etc/matplotlibrc).
  sed -i 's/^#* *backend *:.*/backend: Agg/' "$ROOT/etc/matplotlibrc"
  grep -qx 'backend: Agg' "$ROOT/etc/matplotlibrc"
  # No file may raise privileges.
  find "$ROOT" -xdev -perm /6000 -type f -exec chmod ug-s {} +
}

write_manifest() {
  step 4 "writing the manifest"
  in_image /tmp/i8s-build/manifest.py "$IMAGE" "$DEBIAN_SUITE" "${CURATED_MODULES[@]}" >"$WORK/manifest.json"
  rm -rf "$ROOT/tmp/i8s-build"
  install -m 0644 "$WORK/manifest.json" "$ROOT/etc/integr8scode/manifest.json"
  install -m 0644 "$WORK/manifest.json" "$OUT/manifest.json"
}

package_images() {
  step 5 "packing the OCI image and the docker-archive (umoci, skopeo)"
  local created
  created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
  # One layer, sorted, owners numeric, times clamped: the same rootfs gives the same tar.
  quiet tar --create --file="$WORK/layer.tar" --directory="$ROOT" --format=pax --sort=name \
    --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime .
  local oci="$OUT/oci"
  umoci init --layout "$oci"
  umoci new --image "$oci:$TAG"
  quiet umoci raw add-layer --image "$oci:$TAG" --history.created "$created" \
    --history.created_by "infra/sandbox-image/build.sh" "$WORK/layer.tar"
  local config=(--config.user "$SANDBOX_USER" --config.workingdir "$SANDBOX_WORKDIR"
    --config.cmd /usr/bin/python3 --config.label "org.opencontainers.image.version=$TAG")
  local variable
  for variable in "${SANDBOX_ENV[@]}"; do config+=(--config.env "$variable"); done
  umoci config --image "$oci:$TAG" --created "$created" --history.created "$created" \
    --history.created_by "infra/sandbox-image/build.sh" "${config[@]}"
  umoci gc --layout "$oci"
  quiet skopeo copy --quiet "oci:$oci:$TAG" "docker-archive:$OUT/image.tar:$IMAGE"
  local digest
  digest="$(skopeo inspect --raw "oci:$oci:$TAG" | sha256sum | cut -d' ' -f1)"
  printf 'IMAGE=%s\nTAG=%s\nOCI_DIGEST=sha256:%s\nROOTFS=%s\n' "$IMAGE" "$TAG" "$digest" "$TARGET/rootfs" \
    >"$OUT/image.env"
}

# Each step runs at the top level so that `set -e` stops the build at the first failing command.
bootstrap
purge_unneeded_packages
trim_files
write_manifest
package_images
mv -T "$OUT" "$TARGET"
echo "sandbox image $IMAGE: built in $(( $(date +%s) - started ))s" \
  "(rootfs $(du -sh --apparent-size "$TARGET/rootfs" | cut -f1)," \
  "docker-archive $(du -h "$TARGET/image.tar" | cut -f1)), cached in $TARGET"
