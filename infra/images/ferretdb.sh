#!/usr/bin/env bash
# Builds integr8scode-ferretdb:<tag>: FerretDB, a MongoDB wire-protocol server, with its SQLite backend, from
# the Go module proxy. It is the compose test's stand-in for MongoDB: the official `mongo` image cannot be
# pulled here (no registry of container images is reachable) and no MongoDB server binary can be
# downloaded, while FerretDB is a Go module. It is a different implementation from the app's embedded
# mongo-java-server, so the stack is checked against a second server. One static binary, no base image;
# it runs as uid 10003 and keeps its data in /data/db and listens on 27017, as the official mongo image does. Cached by a digest of this definition.
# Usage: ferretdb.sh [--print-dir]. Needs Go (the Go module proxy), umoci and skopeo.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

VERSION=v1.24.2
MODULE=github.com/FerretDB/FerretDB
RUN_AS=10003

TAG="$(echo "$MODULE@$VERSION $RUN_AS" | image_tag ferretdb.sh lib.sh)"
case "${1:-}" in
  "") ;;
  --print-dir) cached_dir ferretdb "$TAG"; exit 0 ;;
  *) echo "usage: $0 [--print-dir]" >&2; exit 2 ;;
esac
command -v go >/dev/null 2>&1 || [[ ! -x /usr/local/go/bin/go ]] || export PATH="$PATH:/usr/local/go/bin"
begin_build ferretdb "$TAG" go

step "building FerretDB $VERSION from the Go module proxy (a few minutes cold)"
src="$(go mod download -json "$MODULE@$VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
cp -r "$src" "$WORK/src"
chmod -R u+w "$WORK/src"
# FerretDB reads its version from files its own release tooling writes (a module download has none).
echo "$VERSION" >"$WORK/src/build/version/version.txt"
echo "integr8scode-image" >"$WORK/src/build/version/package.txt"
ROOT="$WORK/rootfs"
mkdir -p "$ROOT/usr/local/bin" "$ROOT/data/db" "$ROOT/tmp"
# No PostgreSQL backend: the stand-in only ever uses SQLite (files in /data/db).
quiet env -C "$WORK/src" GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
  go build -trimpath -tags ferretdb_no_postgresql -ldflags=-s -o "$ROOT/usr/local/bin/ferretdb" ./cmd/ferretdb
"$ROOT/usr/local/bin/ferretdb" --version | head -1 | sed 's/^/  /'
chown "$RUN_AS:$RUN_AS" "$ROOT/data/db"
chmod 1777 "$ROOT/tmp"

step "packing the layer"
layer_tar "$ROOT" "$WORK/layer.tar"
new_image
add_layer "$WORK/layer.tar"
# Listens on every address of its container (its port is published to the host's loopback only); no
# telemetry (nothing outside the test's network is reachable anyway); the debug listener stays inside.
finish_image integr8scode-ferretdb --config.user "$RUN_AS:$RUN_AS" --config.workingdir /data/db \
  --config.volume /data/db --config.exposedports 27017/tcp \
  --config.entrypoint /usr/local/bin/ferretdb \
  --config.cmd --handler=sqlite --config.cmd --sqlite-url=file:/data/db/ \
  --config.cmd --listen-addr=:27017 --config.cmd --telemetry=disable --config.cmd --state-dir=/data/db
