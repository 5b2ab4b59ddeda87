#!/usr/bin/env bash
# Builds the app image, integr8scode:<tag>: the app's jar on integr8scode-runtime (app-runtime.sh: the JRE
# base with runc and the sandbox image's rootfs). Build the jar first (mvn -B package -DskipTests).
#   - Runs as integr8scode (uid 10001), the user the Helm chart's securityContext names; the Kubernetes
#     runner needs nothing more (the chart adds a read-only root and an emptyDir /tmp).
#   - The local runner starts one runc container per script: that needs root and a privileged container
#     (user: "0", privileged: true, as docker-compose.yml sets for the app).
# Cached by a digest of the jar and the runtime image's tag; only the newest app image is kept in the cache.
# Usage: app.sh [--print-dir] [JAR]   (JAR defaults to target/integr8scode-*.jar)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

print_dir=""
[[ "${1:-}" == --print-dir ]] && { print_dir=1; shift; }
JAR="${1:-$(ls "$IMAGES_HERE"/../../target/integr8scode-*.jar 2>/dev/null | head -1)}"
[[ -f "$JAR" ]] || { echo "app image: no jar ($JAR); build it first: mvn -B package -DskipTests" >&2; exit 2; }
RUNTIME_DIR="$("$IMAGES_HERE/app-runtime.sh" --print-dir)"
# The JVM settings of infra/lib/app.sh (app_java_opts); INTEGR8SCODE_JAVA_OPTS overrides them.
# shellcheck source=../lib/app.sh
JAVA_OPTS="$(source "$IMAGES_HERE/../lib/app.sh" && INTEGR8SCODE_JAVA_OPTS="" app_java_opts)"

TAG="$( { sha256sum <"$JAR"; echo "${RUNTIME_DIR##*/} $JAVA_OPTS"; } | image_tag app.sh lib.sh)"
if [[ -n "$print_dir" ]]; then cached_dir app "$TAG"; exit 0; fi
"$IMAGES_HERE/app-runtime.sh"
begin_build app "$TAG"

step "the app's jar ($JAR)"
ROOT="$WORK/rootfs"
install -D -m 0644 "$JAR" "$ROOT/opt/integr8scode/app.jar"
layer_tar "$ROOT" "$WORK/layer.tar"
new_image "$RUNTIME_DIR/oci"
add_layer "$WORK/layer.tar"
# No VOLUME: where the data lives is the deployment's choice (compose mounts a volume; the chart, whose root is
# read-only, sets INTEGR8SCODE_DATA_DIR). sh -c: INTEGR8SCODE_JAVA_OPTS is split into options at start; arguments after the image name reach the app.
finish_image integr8scode --config.user 10001:10001 --config.workingdir /var/lib/integr8scode \
  --config.env INTEGR8SCODE_DATA_DIR=/var/lib/integr8scode --config.env "INTEGR8SCODE_JAVA_OPTS=$JAVA_OPTS" \
  --config.exposedports 8080/tcp \
  --config.entrypoint /bin/sh --config.entrypoint -c \
  --config.entrypoint 'exec java $INTEGR8SCODE_JAVA_OPTS -jar /opt/integr8scode/app.jar "$@"' --config.entrypoint app
# Older app images (other jars) are not kept: each is the size of the runtime image.
for old in "$IMAGE_CACHE_ROOT"/app-*; do
  [[ "$old" == "$TARGET" ]] || rm -rf --one-file-system "$old"
done
