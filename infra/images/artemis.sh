#!/usr/bin/env bash
# Builds integr8scode-artemis:<tag>: Apache Artemis from its own server distribution
# (org.apache.activemq:apache-artemis:<version>:bin on Maven Central, checked against a pinned SHA-512) on the
# JRE base image (base.sh). Its entrypoint (artemis/entrypoint.sh) has the official image's interface:
# ARTEMIS_USER, ARTEMIS_PASSWORD, EXTRA_ARGS, the instance in /var/lib/artemis-instance, etc-override/.
# Runs as artemis (uid 10002). Cached by a digest of this definition and of the base image's tag.
# Usage: artemis.sh [--print-dir]
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

VERSION=2.40.0
SHA512=270a00dc3028fb3b93c6aa09aa3e40fbe76015029e5308e0aac241589299a72dac9bb50a10e7e86ad66185e2d8bc7224626810df12f1ee05694322054ad32700
DIST_PATH=org/apache/activemq/apache-artemis/$VERSION/apache-artemis-$VERSION-bin.tar.gz
CENTRAL="${I8S_MAVEN_CENTRAL:-https://repo1.maven.org/maven2}"
BASE_DIR="$("$IMAGES_HERE/base.sh" --print-dir)"

TAG="$(echo "$VERSION $SHA512 ${BASE_DIR##*/}" | image_tag artemis.sh artemis/entrypoint.sh lib.sh)"
case "${1:-}" in
  "") ;;
  --print-dir) cached_dir artemis "$TAG"; exit 0 ;;
  *) echo "usage: $0 [--print-dir]" >&2; exit 2 ;;
esac
"$IMAGES_HERE/base.sh"
begin_build artemis "$TAG" curl

step "Artemis $VERSION server distribution (Maven Central, or the local Maven repository when it has it)"
dist="$HOME/.m2/repository/$DIST_PATH"
if [[ ! -f "$dist" ]]; then
  dist="$WORK/artemis.tar.gz"
  curl -fsS --retry 3 -o "$dist" "$CENTRAL/$DIST_PATH"
fi
echo "$SHA512  $dist" | sha512sum --check --quiet

ROOT="$WORK/rootfs"
mkdir -p "$ROOT/opt" "$ROOT/usr/local/bin"
tar --extract --gzip --file="$dist" --directory="$ROOT/opt" --no-same-owner
mv "$ROOT/opt/apache-artemis-$VERSION" "$ROOT/opt/activemq-artemis"
# The Windows launchers have no use here.
rm -f "$ROOT"/opt/activemq-artemis/bin/*.cmd
install -m 0755 "$IMAGES_HERE/artemis/entrypoint.sh" "$ROOT/usr/local/bin/artemis-entrypoint"

step "packing the layer on the JRE base"
layer_tar "$ROOT" "$WORK/layer.tar"
new_image "$BASE_DIR/oci"
add_layer "$WORK/layer.tar"
finish_image integr8scode-artemis --config.user 10002:10002 --config.workingdir /var/lib/artemis-instance \
  --config.env ARTEMIS_USER=artemis --config.env ARTEMIS_PASSWORD=artemis --config.env ANONYMOUS_LOGIN=false \
  --config.env "EXTRA_ARGS=--http-host 0.0.0.0 --relax-jolokia" --config.volume /var/lib/artemis-instance \
  --config.exposedports 61616/tcp --config.exposedports 8161/tcp \
  --config.entrypoint /usr/local/bin/artemis-entrypoint --config.cmd run
