#!/usr/bin/env bash
# Builds integr8scode-runtime:<tag>, what the app image adds its jar to: the JRE base image (base.sh, with
# runc) plus the sandbox image's root file system and manifest (infra/sandbox-image/build.sh) under
# /opt/integr8scode/sandbox-image, where the local runner finds them (integr8scode.sandbox.image-dir).
# A layer of its own, so that a new jar adds a few MB on top instead of repacking the sandbox. Cached by a
# digest of this definition and of the base and sandbox images' tags.
# Usage: app-runtime.sh [--print-dir]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

SANDBOX_BUILD="$IMAGES_HERE/../sandbox-image/build.sh"
BASE_DIR="$("$IMAGES_HERE/base.sh" --print-dir)"
SANDBOX_DIR="$("$SANDBOX_BUILD" --print-dir)"

TAG="$(echo "${BASE_DIR##*/} sandbox-${SANDBOX_DIR##*/}" | image_tag app-runtime.sh lib.sh)"
case "${1:-}" in
  "") ;;
  --print-dir) cached_dir runtime "$TAG"; exit 0 ;;
  *) echo "usage: $0 [--print-dir]" >&2; exit 2 ;;
esac
"$IMAGES_HERE/base.sh"
"$SANDBOX_BUILD"
begin_build runtime "$TAG"

step "the sandbox image's rootfs and manifest ($SANDBOX_DIR)"
ROOT="$WORK/rootfs"
mkdir -p "$ROOT/opt/integr8scode/sandbox-image"
cp -a "$SANDBOX_DIR/rootfs" "$SANDBOX_DIR/manifest.json" "$ROOT/opt/integr8scode/sandbox-image/"
layer_tar "$ROOT" "$WORK/layer.tar"
new_image "$BASE_DIR/oci"
add_layer "$WORK/layer.tar"
WRITE_ARCHIVE=no finish_image integr8scode-runtime --config.env INTEGR8SCODE_SANDBOX_IMAGE_DIR=/opt/integr8scode/sandbox-image
