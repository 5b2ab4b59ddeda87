# shellcheck shell=bash
# Shared by the image builders in this folder (sourced). Each image is cached under a tag that is a digest of
# everything that decides its bytes:
#   ${I8S_IMAGE_CACHE:-$HOME/.cache/integr8scode/images}/<name>-<tag>/
#     oci/          OCI image layout, tag <tag> (umoci)
#     image.tar     docker-archive of <image name>:<tag> (`docker load`, `ctr images import`); not for the
#                   JRE base and the app runtime, which only other images are built from
#     image.env     IMAGE=, TAG=, OCI_DIGEST= for scripts
# The same approach as infra/sandbox-image/build.sh: mmdebstrap from Debian's packages, one reproducible tar
# per layer (sorted, numeric owners, clamped times), umoci for the layout, skopeo for the docker-archive.
# A build runs in a work folder next to the cache and appears only by the final rename, under a lock.
# Exit codes of the builders: 0 image ready, 1 build failed (nothing cached), 2 bad usage, 3 cannot build
# here (not root, or a tool missing).

IMAGES_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGE_CACHE_ROOT="${I8S_IMAGE_CACHE:-$HOME/.cache/integr8scode/images}"
# 2025-01-01, as the sandbox image: the same definition and the same packages give the same bytes.
SOURCE_DATE_EPOCH=1735689600
export SOURCE_DATE_EPOCH

# image_tag FILE... : 12 hex digits of a digest of the files (paths relative to this folder, or absolute)
# and of the lines on stdin (versions and tags of what the image is built from).
image_tag() {
  { (cd "$IMAGES_HERE" && sha256sum "$@" | cut -d' ' -f1); cat; } | sha256sum | cut -c1-12
}

# cached_dir NAME TAG: the cache folder of that image.
cached_dir() { echo "$IMAGE_CACHE_ROOT/$1-$2"; }

# begin_build NAME TAG TOOL...: exits 0 at once when the image is cached; otherwise checks root and the
# tools, takes the build lock and sets WORK (a fresh work folder), OUT (what becomes the cache folder) and
# TARGET. Call it at the top level of the builder, never in a subshell.
begin_build() {
  BUILD_NAME=$1 BUILD_TAG=$2
  shift 2
  TARGET="$(cached_dir "$BUILD_NAME" "$BUILD_TAG")"
  if [[ -d "$TARGET" ]]; then
    echo "image $BUILD_NAME:$BUILD_TAG: cached in $TARGET"
    exit 0
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "image $BUILD_NAME: building needs root (files owned by several users, chroot)" >&2
    exit 3
  fi
  local tool
  for tool in umoci skopeo "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "image $BUILD_NAME: $tool is missing (Debian package $tool)" >&2; exit 3; }
  done
  mkdir -p "$IMAGE_CACHE_ROOT"
  exec 8>"$IMAGE_CACHE_ROOT/.build-$BUILD_NAME.lock"
  flock 8
  if [[ -d "$TARGET" ]]; then
    echo "image $BUILD_NAME:$BUILD_TAG: built by a concurrent run, cached in $TARGET"
    exit 0
  fi
  # Work folders left by a killed build of this image are stale: with the lock held, no build owns one.
  rm -rf --one-file-system "$IMAGE_CACHE_ROOT/.work-$BUILD_NAME".*
  WORK="$(mktemp -d "$IMAGE_CACHE_ROOT/.work-$BUILD_NAME.XXXXXX")"
  OUT="$WORK/out"
  mkdir -p "$OUT"
  BUILD_STARTED=$(date +%s)
  trap finish_build EXIT
  trap 'exit 130' INT TERM HUP
}

finish_build() {
  local status=$?
  if [[ -n "${CHILD:-}" ]] && kill -TERM -- "-$CHILD" 2>/dev/null; then
    local waited=0
    while kill -0 -- "-$CHILD" 2>/dev/null && ((waited++ < 10)); do sleep 1; done
    kill -KILL -- "-$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  rm -rf --one-file-system "$WORK"
  if [[ $status -ne 0 ]]; then
    echo "image $BUILD_NAME:$BUILD_TAG: BUILD FAILED (see above); nothing was cached" >&2
    exit 1
  fi
}

# quiet COMMAND...: runs a step at the lowest CPU and I/O priority in its own process group, so that a
# signal reaches the traps at once and the traps can stop the whole step.
quiet() {
  local priority=(nice -n 19)
  ! ionice -c 3 true 2>/dev/null || priority+=(ionice -c 3)
  setsid "${priority[@]}" "$@" &
  CHILD=$!
  wait "$CHILD"
}

step() { echo "image $BUILD_NAME: [$(( $(date +%s) - BUILD_STARTED ))s] $*"; }

# layer_tar DIR TAR: one layer from DIR's contents, the same bytes for the same files.
layer_tar() {
  quiet tar --create --file="$2" --directory="$1" --format=pax --sort=name --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime .
}

# debian_rootfs DIR PACKAGE...: a minimal Debian bookworm (essential packages plus these, and what they
# depend on) without documentation, manuals, translations or apt's lists.
debian_rootfs() {
  local root=${1:?}
  shift
  command -v mmdebstrap >/dev/null 2>&1 || { echo "image $BUILD_NAME: mmdebstrap is missing (Debian package mmdebstrap)" >&2; exit 3; }
  # Maintainer scripts that register manual pages (the JRE's update-alternatives) need man1 to exist; the
  # hook's $1 is mmdebstrap's (the root it builds).
  # shellcheck disable=SC2016
  quiet mmdebstrap --mode=unshare --variant=essential --format=directory \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --include="$(IFS=,; echo "$*")" \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    bookworm "$root" ${I8S_DEBIAN_SOURCES:+"$I8S_DEBIAN_SOURCES"}
  rm -rf "${root:?}"/var/lib/apt/lists/* "${root:?}"/var/cache/* "${root:?}"/var/log/* "${root:?}"/etc/resolv.conf \
    "${root:?}"/run/* "${root:?}"/dev/*
}

# new_image [BASE_OCI_DIR]: starts $OUT/oci (tag $BUILD_TAG), empty or as a copy of a base image's layout,
# whose layers are then shared (docker stores a layer once for every image that has it).
new_image() {
  local oci="$OUT/oci"
  if [[ -n "${1:-}" ]]; then
    local base_tag
    base_tag="$(umoci ls --layout "$1" | head -1)"
    cp -a "$1" "$oci"
    umoci tag --image "$oci:$base_tag" "$BUILD_TAG"
    umoci rm --image "$oci:$base_tag"
  else
    umoci init --layout "$oci"
    umoci new --image "$oci:$BUILD_TAG"
  fi
}

# add_layer TAR: adds a layer on top of $OUT/oci.
add_layer() {
  quiet umoci raw add-layer --image "$OUT/oci:$BUILD_TAG" --history.created "$(image_created)" \
    --history.created_by "infra/images ($BUILD_NAME)" "$1"
}

image_created() { date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ; }

# finish_image IMAGE_NAME UMOCI_CONFIG_OPTION...: sets the image's config, writes the docker-archive (unless
# WRITE_ARCHIVE=no) and image.env, and moves the result into the cache.
finish_image() {
  local name=$1
  shift
  local oci="$OUT/oci" created
  created="$(image_created)"
  umoci config --image "$oci:$BUILD_TAG" --created "$created" --history.created "$created" \
    --history.created_by "infra/images ($BUILD_NAME)" --config.label "org.opencontainers.image.version=$BUILD_TAG" "$@"
  umoci gc --layout "$oci"
  if [[ "${WRITE_ARCHIVE:-yes}" != no ]]; then
    step "writing the docker-archive $name:$BUILD_TAG (skopeo)"
    quiet skopeo copy --quiet "oci:$oci:$BUILD_TAG" "docker-archive:$OUT/image.tar:$name:$BUILD_TAG"
  fi
  local digest
  digest="$(skopeo inspect --raw "oci:$oci:$BUILD_TAG" | sha256sum | cut -d' ' -f1)"
  printf 'IMAGE=%s\nTAG=%s\nOCI_DIGEST=sha256:%s\n' "$name:$BUILD_TAG" "$BUILD_TAG" "$digest" >"$OUT/image.env"
  mv -T "$OUT" "$TARGET"
  echo "image $name:$BUILD_TAG: built in $(( $(date +%s) - BUILD_STARTED ))s ($(du -sh "$TARGET" | cut -f1))," \
    "cached in $TARGET"
}
