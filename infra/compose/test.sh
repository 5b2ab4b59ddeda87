#!/usr/bin/env bash
# Starts the shipped docker-compose.yml for real, with the images built here (infra/compose/docker-compose.test.yml
# on top: FerretDB stands in for mongo, Artemis from its own distribution), on Debian's Docker engine, and
# drives it over its published ports: a script over REST and one over AMQP, both results read, the app
# container restarted, both read again.
#
# Network hygiene: the engine (dockerd, its containerd, the shims, every bridge and container) runs inside a
# network namespace this script creates and deletes; the host's own namespace gets no address and no route,
# and nothing in the namespace can reach beyond it (it has no link out). Its data root, exec root and socket
# live in a throwaway folder; its cgroups under a parent of its own. The EXIT trap stops the engine, kills
# what is left of it by process id, unmounts, deletes the namespace, the cgroups and the folder, and checks
# that the host's addresses and links are as they were. Images stay cached under ~/.cache/integr8scode/images.
#
# Needs root, a built jar (mvn -B package), and Debian's docker.io, docker-compose, iptables and
# python3-qpid-proton (installed by infra/test.sh through infra/lib/packages.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in dockerd docker-compose iptables ip curl capsh jq; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x "/usr/sbin/$tool" ]] ||
    { echo "compose test: $tool is missing (infra/lib/packages.sh need_compose_packages)" >&2; exit 1; }
done
DOCKER=/usr/bin/docker            # Debian's client (docker.io), whatever else is first on PATH
PYTHON=/usr/bin/python3           # Debian's Python, which has python3-qpid-proton
started=$(date +%s)
elapsed() { echo "$(( $(date +%s) - started ))s"; }

echo "compose test: images (cached by the digest of their definitions; the app image by its jar)"
for builder in base artemis ferretdb app; do
  status=0
  infra/images/$builder.sh || status=$?
  if [[ $status -eq 3 ]]; then  # the builder said which tool or right is missing (FerretDB needs Go)
    echo "################################################################################" >&2
    echo "##  COMPOSE STACK TEST SKIPPED: the $builder image cannot be built here" >&2
    echo "################################################################################" >&2
    exit 0
  fi
  [[ $status -eq 0 ]] || exit "$status"
done
tag_of() { sed -n 's/^TAG=//p' "$("infra/images/$1.sh" --print-dir)/image.env"; }
export I8S_FERRETDB_TAG I8S_ARTEMIS_TAG INTEGR8SCODE_TAG
I8S_FERRETDB_TAG="$(tag_of ferretdb)" I8S_ARTEMIS_TAG="$(tag_of artemis)" INTEGR8SCODE_TAG="$(tag_of app)"

NS="i8s-compose-$$"
TEST_DIR="$(mktemp -d /tmp/i8s-compose.XXXXXX)"
CGROUP_PARENT="$NS"
host_links_before="$(ip -o link show | awk -F': ' '{print $2}' | sort)"
host_addrs_before="$(ip -o addr show | awk '{print $2, $4}' | sort)"
docker_etc_existed="$([[ -e /etc/docker/key.json ]] && echo yes || echo no)"

cleanup() {
  local status=$?
  set +e
  echo "compose test: cleaning up ($(elapsed))"
  if [[ -S "$TEST_DIR/docker.sock" ]]; then
    compose down --volumes --timeout 10 >/dev/null 2>&1
  fi
  local pid
  pid="$(cat "$TEST_DIR/dockerd.pid" 2>/dev/null)"
  if [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null; then
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited++ < 30)); do sleep 1; done
  fi
  # Whatever of the engine is still running (containerd, shims, container processes) lives in our namespace.
  if ip netns list | grep -qw "$NS"; then
    for pid in $(ip netns pids "$NS"); do kill -KILL "$pid" 2>/dev/null; done
    sleep 1
  fi
  # The engine's mounts live in its own mount namespace; should one show up here, unmount it.
  awk -v d="$TEST_DIR/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r | xargs -r umount -l
  ip netns delete "$NS" 2>/dev/null
  local hierarchy
  for hierarchy in /sys/fs/cgroup/*/ /sys/fs/cgroup/; do
    [[ -d "$hierarchy$CGROUP_PARENT" ]] && find "$hierarchy$CGROUP_PARENT" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  [[ "$docker_etc_existed" == yes ]] || rm -f /etc/docker/key.json
  rm -rf --one-file-system "$TEST_DIR"
  if [[ "$(ip -o link show | awk -F': ' '{print $2}' | sort)" != "$host_links_before" ]] ||
     [[ "$(ip -o addr show | awk '{print $2, $4}' | sort)" != "$host_addrs_before" ]]; then
    echo "compose test: FAILED: the host's links or addresses changed" >&2
    status=1
  fi
  if ip netns list | grep -qw "$NS"; then
    echo "compose test: FAILED: network namespace $NS is still there" >&2
    status=1
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

in_ns() { ip netns exec "$NS" "$@"; }
compose() {
  DOCKER_HOST="unix://$TEST_DIR/docker.sock" docker-compose --project-name i8s-compose \
    --file docker-compose.yml --file infra/compose/docker-compose.test.yml "$@"
}
export DOCKER_HOST="unix://$TEST_DIR/docker.sock" DOCKER_CONFIG="$TEST_DIR/client"
export ARTEMIS_PASSWORD="compose-$RANDOM$RANDOM"

echo "compose test: Docker engine in network namespace $NS ($(iptables --version))"
ip netns add "$NS"
in_ns ip link set lo up
mkdir -p "$TEST_DIR/client"
# Only this daemon's own settings (never /etc/docker/daemon.json); the host's proxy settings do not apply.
# runc-bounded.sh: runc, with a container's capabilities cut to those the engine has.
cat >"$TEST_DIR/daemon.json" <<JSON
{"storage-driver": "overlay2", "log-driver": "json-file", "log-opts": {"max-size": "10m"},
 "runtimes": {"runc-bounded": {"path": "$PWD/infra/compose/runc-bounded.sh"}}, "default-runtime": "runc-bounded"}
JSON
# Into the namespace with nsenter, not `ip netns exec`, which mounts a fresh /sys and so hides the cgroup
# hierarchies; a private mount namespace of its own keeps the engine's mounts (layers, container roots) out of
# the host's, and they vanish with its last process.
# overlay2 cannot stack on an overlay file system (CI runs the suite in a container): there the data root is a
# tmpfs, mounted in that private namespace only.
mkdir -p "$TEST_DIR/data"
data_on_tmpfs=""
[[ "$(stat -f -c %T "$TEST_DIR")" != overlayfs ]] || data_on_tmpfs="mount -t tmpfs -o size=8g i8s-docker-data $TEST_DIR/data &&"
nsenter --net="/run/netns/$NS" unshare --mount --propagation private bash -c "$data_on_tmpfs exec \"\$@\"" dockerd \
  env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy nice -n 10 dockerd \
  --config-file "$TEST_DIR/daemon.json" --data-root "$TEST_DIR/data" --exec-root "$TEST_DIR/exec" \
  --host "unix://$TEST_DIR/docker.sock" --pidfile "$TEST_DIR/dockerd.pid" --cgroup-parent "$CGROUP_PARENT" \
  >"$TEST_DIR/dockerd.log" 2>&1 &
for _ in $(seq 1 60); do
  "$DOCKER" version >/dev/null 2>&1 && break
  sleep 1
done
"$DOCKER" version --format 'compose test: engine {{.Server.Version}} up ('"$(elapsed)"')' ||
  { tail -30 "$TEST_DIR/dockerd.log"; exit 1; }

echo "compose test: loading the images (docker load)"
for builder in ferretdb artemis app; do
  "$DOCKER" load --quiet --input "$("infra/images/$builder.sh" --print-dir)/image.tar"
done
echo "  loaded ($(elapsed))"

echo "compose test: docker-compose up (docker-compose.yml + infra/compose/docker-compose.test.yml)"
compose up --detach --no-build 2>&1 | sed 's/^/  /'
wait_ready() {
  for _ in $(seq 1 240); do
    in_ns curl -fs http://127.0.0.1:8080/actuator/health/readiness >/dev/null && return 0
    sleep 1
  done
  compose ps
  compose logs --tail=60
  echo "compose test: FAILED: the app did not become ready on its published port" >&2
  return 1
}
wait_ready
echo "  app ready ($(elapsed)): /actuator/health $(in_ns curl -fs http://127.0.0.1:8080/actuator/health | jq -c '{status, mongo: .components.mongo, sandbox: .components.sandbox.details}')"

export I8S_AMQP_USER=integr8scode I8S_AMQP_PASSWORD="$ARTEMIS_PASSWORD"
echo "compose test: a script over REST and one over AMQP"
in_ns "$PYTHON" infra/compose/stack_check.py submit "$TEST_DIR/executions.json"

echo "compose test: restarting the app container"
compose restart app 2>&1 | sed 's/^/  /'
wait_ready
echo "compose test: both results again after the restart ($(elapsed))"
in_ns "$PYTHON" infra/compose/stack_check.py reread "$TEST_DIR/executions.json"
# The app image as the Helm chart runs it (templates/deployment.yaml): its own user (uid 10001), a read-only
# root with a /tmp volume holding the data directory, no capabilities, no privilege escalation, the Kubernetes
# runner with the stack's broker and store.
# No cluster is reachable from here, so it proves the start and the health endpoint, not a pod run.
echo "compose test: the app image under the Helm chart's security context (Kubernetes runner, uid 10001)"
"$DOCKER" run --detach --name i8s-compose-chart --network i8s-compose_default --publish 127.0.0.1:8081:8080 \
  --read-only --tmpfs /tmp:size=256m --cap-drop ALL --security-opt no-new-privileges \
  --env INTEGR8SCODE_RUNNER=kubernetes --env INTEGR8SCODE_MONGODB_URI=mongodb://mongo:27017 \
  --env SPRING_ARTEMIS_MODE=native --env SPRING_ARTEMIS_BROKER_URL=tcp://artemis:61616 \
  --env SPRING_ARTEMIS_USER=integr8scode --env SPRING_ARTEMIS_PASSWORD="$ARTEMIS_PASSWORD" \
  --env INTEGR8SCODE_DATA_DIR=/tmp/integr8scode --env POD_NAMESPACE=default \
  "integr8scode:$INTEGR8SCODE_TAG" >/dev/null
for _ in $(seq 1 240); do
  in_ns curl -fs http://127.0.0.1:8081/actuator/health/liveness >/dev/null && break
  [[ "$("$DOCKER" inspect --format '{{.State.Running}}' i8s-compose-chart)" == true ]] || break
  sleep 1
done
if ! in_ns curl -fs http://127.0.0.1:8081/actuator/health/liveness >/dev/null; then
  "$DOCKER" logs --tail 40 i8s-compose-chart
  echo "compose test: FAILED: the app image did not start as the Helm chart runs it" >&2
  exit 1
fi
uid="$("$DOCKER" exec i8s-compose-chart awk '/^Uid:/ {print $2}' /proc/1/status)"
[[ "$uid" == 10001 ]] || { echo "compose test: FAILED: the app runs as uid $uid, not 10001" >&2; exit 1; }
# Live, not ready: without a cluster its readiness check "sandbox" (listing pods through the Kubernetes API)
# reports DOWN; the line below names what is down.
echo "  live as uid $uid ($(elapsed)): /actuator/health $(in_ns curl -s http://127.0.0.1:8081/actuator/health |
  jq -c '{status, down: [.components // {} | to_entries[] | select(.value.status != "UP") | .key]}')"
"$DOCKER" rm --force i8s-compose-chart >/dev/null

echo "compose test: passed ($(elapsed)); the MongoDB stand-in was FerretDB $(compose exec -T mongo ferretdb --version 2>/dev/null | sed -n 's/^version: //p') (SQLite)"
