#!/usr/bin/env bash
# Checks the built sandbox image for real (build it first with build.sh):
#   - its files: no setuid/setgid file, no package manager or compiler, the manifest in place;
#   - a script on it, run by runc with the rootfs as a read-only root, as nobody, without network,
#     under the app's default limits (128 MB, 1 CPU, 96 pids, 16 MB /tmp): the curated modules import
#     at the versions the manifest lists, matplotlib renders a PNG with Agg, ...;
#   - and measures the import time and peak memory of the curated set (printed; docs/benchmarks.md).
#
# Usage: test.sh [--help]
# Exit codes: 0 all checks passed; 1 a check failed; 2 bad usage; 3 no image built or no runc
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
case "${1:-}" in
  "") ;;
  --help|-h) sed -n '2,10p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

IMAGE_DIR="$("$HERE/build.sh" --print-dir)"
ROOTFS="$(realpath -e "$IMAGE_DIR/rootfs" 2>/dev/null || echo "$IMAGE_DIR/rootfs")"
if [[ ! -d "$ROOTFS" ]]; then
  echo "sandbox image test: no image in $IMAGE_DIR (run infra/sandbox-image/build.sh)" >&2
  exit 3
fi
if ! command -v runc >/dev/null 2>&1; then
  echo "sandbox image test: runc is missing (Debian package runc)" >&2
  exit 3
fi
# shellcheck source=image.conf
source "$HERE/image.conf"

failures=0
check() { # check LABEL COMMAND... : COMMAND's success is the check's
  local label="$1"
  shift
  if "$@"; then echo "ok   $label"; else echo "FAIL $label"; failures=$((failures + 1)); fi
}
none_found() { [[ -z "$(find "$@" -print -quit)" ]]; }
absent() { local path; for path in "$@"; do [[ ! -e "$ROOTFS/$path" && ! -L "$ROOTFS/$path" ]] || return 1; done; }

echo "== files of $(cat "$IMAGE_DIR/image.env" | sed -n 's/^IMAGE=//p') in $ROOTFS"
check "no setuid or setgid file" none_found "$ROOTFS" -xdev -perm /6000 -type f
check "no package manager" absent usr/bin/apt usr/bin/apt-get usr/bin/dpkg usr/bin/dpkg-deb usr/bin/pip \
  usr/bin/pip3 usr/lib/python3/dist-packages/pip etc/apt var/lib/apt
check "no compiler, assembler or linker" absent usr/bin/gcc usr/bin/cc usr/bin/g++ usr/bin/c++ usr/bin/cpp \
  usr/bin/as usr/bin/ld usr/bin/x86_64-linux-gnu-gcc-12
check "no perl" absent usr/bin/perl usr/lib/x86_64-linux-gnu/perl-base
check "no man pages or info" absent usr/share/man usr/share/info
check "no packages' test suites" none_found "$ROOTFS/usr/lib/python3/dist-packages" -type d -name tests
check "the manifest in the image is the cached one" cmp -s "$ROOTFS/etc/integr8scode/manifest.json" \
  "$IMAGE_DIR/manifest.json"
check "dpkg's record lists neither apt, dpkg nor gcc" \
  bash -c "! grep -qxE 'Package: (apt|dpkg|gcc-12|python3-pythran)' '$ROOTFS/var/lib/dpkg/status'"
check "/tmp has mode 1777 (runc gives the tmpfs the root's mode)" \
  bash -c "[[ \$(stat -c %a '$ROOTFS/tmp') == 1777 ]]"
check "the OCI layout and docker-archive exist" test -s "$IMAGE_DIR/oci/index.json" -a -s "$IMAGE_DIR/image.tar"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/i8s-image-test.XXXXXX")"
STATE="$WORK/runc"
CONTAINERS=()
cleanup() {
  local id
  for id in "${CONTAINERS[@]}"; do runc --root "$STATE" delete --force "$id" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# bundle DIR ID MEMORY_MB ARG...: a bundle like the local runner's (read-only root, nobody, no
# capabilities, own namespaces with only lo, tmpfs /tmp), this folder's scripts at /sandbox.
bundle() {
  local dir="$1" id="$2" memory=$(($3 * 1024 * 1024))
  shift 3
  mkdir -p "$dir"
  jq -n --arg root "$ROOTFS" --arg checks "$HERE" --arg id "$id" --argjson memory "$memory" \
    --arg env "$(printf '%s\n' "${SANDBOX_ENV[@]}")" --args '{
    ociVersion: "1.0.2",
    root: {path: $root, readonly: true},
    hostname: "sandbox",
    process: {
      terminal: false, user: {uid: 65534, gid: 65534}, args: $ARGS.positional, env: ($env | split("\n")), cwd: "/tmp",
      capabilities: {bounding: [], effective: [], inheritable: [], permitted: [], ambient: []},
      rlimits: [{type: "RLIMIT_CORE", hard: 0, soft: 0}], noNewPrivileges: true
    },
    mounts: [
      {destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]},
      {destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]},
      {destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=16m"]},
      {destination: "/sandbox", type: "bind", source: $checks, options: ["bind", "ro", "nosuid", "nodev"]},
      {destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", "noexec", "mode=1777", "size=16m"]}
    ],
    linux: {
      resources: {
        devices: [{allow: false, access: "rwm"}],
        memory: {limit: $memory, swap: $memory},
        cpu: {quota: 100000, period: 100000},
        pids: {limit: 96}
      },
      cgroupsPath: ("/integr8scode-image-test/" + $id),
      namespaces: [{type: "pid"}, {type: "network"}, {type: "ipc"}, {type: "uts"}, {type: "mount"}, {type: "cgroup"}],
      maskedPaths: ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug", "/sys/firmware"],
      readonlyPaths: ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
    }
  }' "$@" >"$dir/config.json"
}

# run NAME MEMORY_MB ARG...: runs ARG... in a fresh sandbox; its stdout and stderr go to WORK/NAME.out.
run() {
  local name="$1" memory="$2"
  shift 2
  local id="i8s-image-test-$name-$$"
  bundle "$WORK/$name" "$id" "$memory" "$@"
  CONTAINERS+=("$id")
  timeout --signal=KILL 120 runc --root "$STATE" run --bundle "$WORK/$name" "$id" >"$WORK/$name.out" 2>&1
}

echo "== a script on the image under runc (read-only root, uid 65534, no network, 128 MB, 1 CPU)"
if run checks 128 /usr/bin/python3 /sandbox/sandbox_checks.py check; then status=0; else status=$?; fi
sed 's/^/  /' "$WORK/checks.out"
check "every in-sandbox check passed (exit $status)" grep -qx 'ALL CHECKS PASSED' "$WORK/checks.out"
if run network 128 /usr/bin/python3 /sandbox/sandbox_checks.py interfaces; then status=0; else status=$?; fi
check "the sandbox sees only lo ($(cat "$WORK/network.out"))" grep -qx "\['lo'\]" "$WORK/network.out"

echo "== import time and peak memory of numpy, pandas, matplotlib.pyplot, scipy, sympy, PIL (3 runs)"
for attempt in 1 2 3; do
  started=$(date +%s%N)
  if run "measure-$attempt" 512 /usr/bin/python3 /sandbox/sandbox_checks.py measure; then status=0; else status=$?; fi
  wall_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  echo "  run $attempt: $(cat "$WORK/measure-$attempt.out") sandbox wall ${wall_ms} ms"
  check "measurement run $attempt finished (exit $status)" grep -q '"peak_rss_mb"' "$WORK/measure-$attempt.out"
done
if run fits-default 128 /usr/bin/python3 /sandbox/sandbox_checks.py measure; then status=0; else status=$?; fi
echo "  within the default 128 MB: exit $status $(cat "$WORK/fits-default.out")"

check "the sandboxes left the shared rootfs untouched" none_found "$ROOTFS" -xdev -newer "$IMAGE_DIR/manifest.json"

if [[ $failures -ne 0 ]]; then
  echo "sandbox image test: $failures check(s) FAILED"
  exit 1
fi
echo "sandbox image test: all checks passed"
