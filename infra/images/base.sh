#!/usr/bin/env bash
# Builds the JRE base image, integr8scode-jre:<tag>, from Debian's packages only (mmdebstrap): a minimal
# Debian bookworm with OpenJDK 17's headless JRE and runc, and the users the images on it run as.
# The app image and the Artemis image are built on it and share its layer. runc is here for the app's local
# runner (one OCI sandbox per script); it is one small binary, and keeping it in the shared layer keeps one
# base for both images. Cached by a digest of this definition (see lib.sh for the layout).
# Usage: base.sh [--print-dir]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

PACKAGES=(openjdk-17-jre-headless runc)
# uid:gid name home: the app (the Helm chart's runAsUser) and the broker.
USERS=("10001:10001 integr8scode /var/lib/integr8scode" "10002:10002 artemis /var/lib/artemis-instance")

TAG="$(echo "${PACKAGES[*]} ${USERS[*]}" | image_tag base.sh lib.sh)"
case "${1:-}" in
  "") ;;
  --print-dir) cached_dir jre "$TAG"; exit 0 ;;
  *) echo "usage: $0 [--print-dir]" >&2; exit 2 ;;
esac
begin_build jre "$TAG" mmdebstrap

ROOT="$WORK/rootfs"
step "bootstrapping Debian bookworm with ${PACKAGES[*]} (mmdebstrap; the slow part)"
debian_rootfs "$ROOT" "${PACKAGES[@]}"

step "users and layout"
for user in "${USERS[@]}"; do
  read -r ids name home <<<"$user"
  echo "$name:x:$ids::$home:/usr/sbin/nologin" >>"$ROOT/etc/passwd"
  echo "$name:x:${ids#*:}:" >>"$ROOT/etc/group"
  echo "$name:!:19000::::::" >>"$ROOT/etc/shadow"
  install -d -m 0750 -o "${ids%:*}" -g "${ids#*:}" "$ROOT$home"
done
chmod 1777 "$ROOT/tmp"
# No file may raise privileges (the app image's pods run with allowPrivilegeEscalation false anyway).
find "$ROOT" -xdev -perm /6000 -type f -exec chmod ug-s {} +

step "packing the layer"
layer_tar "$ROOT" "$WORK/layer.tar"
new_image
add_layer "$WORK/layer.tar"
WRITE_ARCHIVE=no finish_image integr8scode-jre --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env LANG=C.UTF-8 --config.cmd /usr/bin/java --config.cmd -version
