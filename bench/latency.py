"""Hello-world latency and throughput: bare python3, a bare runtime run, and Integr8sCode.

Subcommands, each appending JSON lines to a results file that `report` turns into one table:
  baseline RESULTS RUNS ROOTFS [RUNTIME...]  bare `python3 -I -S -c` (sequential, two at a time) and a bare
                                             `<runtime> run` of the same hello world in the sandbox image's root
  platform RESULTS RUNS URL LABEL APP_PID    Integr8sCode at concurrency 1, 2, 4 and 8, with the app's own CPU
                                             time per execution and its RSS while 8 run
  phases RESULTS LABEL APP_LOG                the runner's own phases per run, from its debug log lines
  report RESULTS                             the table, and the issue's targets met or not

Platform latency is measured from just before the POST to the moment the result was stored (the execution's
finished_at, same host clock), so how the client learns of the end adds no error. App CPU is the JVM's own user+system time (its
threads; the runtime processes it starts are counted apart, as "runtime CPU").
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

HELLO = "print('Hello, Integr8sCode!')"
BARE_PYTHON = ["/usr/bin/python3", "-I", "-S", "-c", HELLO]
CLOCK_TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
WARMUP_RUNS = int(os.environ.get("I8S_BENCH_WARMUP", "100"))


def timed_runs(runs, parallel, once):
    wall = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        latencies = list(pool.map(once, range(runs)))
    return latencies, runs / (time.perf_counter() - wall)


def bare_python(runs, parallel):
    def once(_):
        start = time.perf_counter()
        subprocess.run(BARE_PYTHON, check=True, stdout=subprocess.DEVNULL)
        return (time.perf_counter() - start) * 1000
    return timed_runs(runs, parallel, once)


def bare_runtime_bundle(runtime, rootfs, workdir):
    """The runtime's default spec, reduced to what the image's root has mount points for, running hello world."""
    bundle = os.path.join(workdir, "bundle")
    os.makedirs(bundle)
    subprocess.run([runtime, "spec"], cwd=bundle, check=True)
    path = os.path.join(bundle, "config.json")
    with open(path) as handle:
        config = json.load(handle)
    config["root"] = {"path": rootfs, "readonly": True}
    config["process"]["terminal"] = False
    config["process"]["args"] = BARE_PYTHON
    config["mounts"] = [m for m in config["mounts"] if m["destination"] in ("/proc", "/dev", "/dev/pts", "/dev/shm")]
    config["linux"]["resources"] = {"devices": [{"allow": False, "access": "rwm"}], "pids": {"limit": 96},
                                    "memory": {"limit": 256 << 20}}
    with open(path, "w") as handle:
        json.dump(config, handle)
    return bundle


def bare_runtime(runtime, rootfs, runs, parallel):
    workdir = tempfile.mkdtemp(prefix="i8s-bench-")
    try:
        bundle = bare_runtime_bundle(runtime, rootfs, workdir)
        state = os.path.join(workdir, "state")
        extra = ["--network=none", "--platform=ptrace"] if runtime == "runsc" else []

        def once(index):
            start = time.perf_counter()
            subprocess.run([runtime, "--root", state, *extra, "run", "--bundle", bundle, "bench-%d" % index],
                           check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
            return (time.perf_counter() - start) * 1000
        return timed_runs(runs, parallel, once)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def post(base, body):
    request = urllib.request.Request(base + "/api/v1/executions", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["execution_id"]


def get(base, execution_id):
    with urllib.request.urlopen(f"{base}/api/v1/executions/{execution_id}", timeout=30) as response:
        return json.load(response)


def one_execution(base):
    """Submits hello world and waits on the execution's event stream (which ends at a terminal status), then
    reads the result once: three requests per execution, so the client's own load on the app stays small
    (polling every few ms would cost the app more CPU than the execution)."""
    started = time.time()
    execution_id = post(base, {"script": HELLO})
    request = urllib.request.Request(f"{base}/api/v1/executions/{execution_id}/events",
                                     headers={"Accept": "text/event-stream"})
    with urllib.request.urlopen(request, timeout=60) as events:
        for _ in events:
            pass
    execution = get(base, execution_id)
    if execution["status"] != "completed":
        raise RuntimeError(f"execution {execution_id} ended {execution['status']}: {execution}")
    started_at, finished = (datetime.fromisoformat(execution[key].replace("Z", "+00:00")).timestamp()
                            for key in ("started_at", "finished_at"))
    return (finished - started) * 1000, (started_at - started) * 1000, (finished - started_at) * 1000


def cpu_ticks(pid):
    """(own user+system, reaped children's user+system) of a process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def jit_ticks(pid):
    """User+system clock ticks of the JVM's JIT compiler threads (C1/C2): work a young JVM does once, not per run."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        if "CompilerThre" in stat[stat.index("(") + 1:stat.rindex(")")]:
            fields = stat.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssPeak(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, 0.0, threading.Event()

    def run(self):
        while not self.stopped.wait(0.05):
            self.peak = max(self.peak, rss_mb(self.pid))


def platform_level(base, runs, concurrency, pid):
    own_before, children_before = cpu_ticks(pid)
    jit_before = jit_ticks(pid)
    sampler = RssPeak(pid)
    sampler.start()
    timings, rate = timed_runs(runs, concurrency, lambda _: one_execution(base))
    sampler.stopped.set()
    own_after, children_after = cpu_ticks(pid)
    jit_after = jit_ticks(pid)
    return {"latencies": [t[0] for t in timings], "rate": rate,
            "to_started_ms": statistics.median(t[1] for t in timings),
            "started_to_finished_ms": statistics.median(t[2] for t in timings),
            "app_cpu_ms": (own_after - own_before) * CLOCK_TICK_MS / runs,
            "jit_cpu_ms": (jit_after - jit_before) * CLOCK_TICK_MS / runs,
            "runtime_cpu_ms": (children_after - children_before) * CLOCK_TICK_MS / runs,
            "rss_mb": sampler.peak}


def append(results, record):
    with open(results, "a") as handle:
        handle.write(json.dumps(record) + "\n")


def baseline(results, runs, rootfs, runtimes):
    for parallel in (1, 2):
        latencies, rate = bare_python(runs * 2, parallel)
        append(results, {"kind": "python", "parallel": parallel, "latencies": latencies, "rate": rate})
    for runtime in runtimes:
        for parallel in (1, 2, 8):
            latencies, rate = bare_runtime(runtime, rootfs, runs, parallel)
            append(results, {"kind": "runtime", "runtime": runtime, "parallel": parallel,
                             "latencies": latencies, "rate": rate})


def platform(results, runs, base, label, pid):
    # Warm up the JIT, the sandbox rootfs and the page cache: a serving app has run many scripts. (A JVM's first
    # hundred runs cost several times the CPU of later ones, mostly compiling; docs/benchmarks.md has the curve.)
    for _ in range(WARMUP_RUNS):
        one_execution(base)
    # What the app burns with nothing to do (timers, the store's background commits, the broker), so that the
    # CPU per execution can be read against it.
    own_before, _ = cpu_ticks(pid)
    time.sleep(10)
    own_after, _ = cpu_ticks(pid)
    append(results, {"kind": "idle", "label": label, "cpu_ms_per_s": (own_after - own_before) * CLOCK_TICK_MS / 10})
    for concurrency in (1, 2, 4, 8):
        append(results, {"kind": "platform", "label": label, "concurrency": concurrency,
                         **platform_level(base, runs, concurrency, pid)})


PHASES = {"job": re.compile(r"got its limits and job after (\d+) us"),
          "exited": re.compile(r"exited (\d+) ms after the run started"),
          "deleted": re.compile(r"deleted in (\d+) ms")}


def phases(results, label, log):
    found = {name: [] for name in PHASES}
    with open(log, errors="replace") as handle:
        for line in handle:
            for name, pattern in PHASES.items():
                match = pattern.search(line)
                if match:
                    found[name].append(int(match.group(1)))
    append(results, {"kind": "phases", "label": label,
                     **{name: statistics.median(values) if values else None for name, values in found.items()}})


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(results):
    with open(results) as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    rows = ["| what | p50 ms | p95 ms | runs/s | app CPU ms/run (of it JIT) | runtime CPU ms/run | app RSS MB |",
            "|---|---|---|---|---|---|---|"]
    for record in [r for r in records if r["kind"] in ("python", "runtime", "platform")]:
        latencies = record["latencies"]
        if record["kind"] == "python":
            name = "bare `python3 -I -S -c`" + (" (sequential)" if record["parallel"] == 1 else
                                                 f" ({record['parallel']} at a time)")
            extra = " | | |"
        elif record["kind"] == "runtime":
            name = f"bare `{record['runtime']} run` hello world ({record['parallel']} at a time)"
            extra = " | | |"
        else:
            name = f"Integr8sCode {record['label']}, concurrency {record['concurrency']}"
            cpu = f" {record['app_cpu_ms']:.1f} ({record.get('jit_cpu_ms', 0):.1f}) | {record['runtime_cpu_ms']:.1f} |"
            extra = cpu + (f" {record['rss_mb']:.0f} |" if record["concurrency"] == 8 else " |")
        rows.append(f"| {name} | {statistics.median(latencies):.0f} | {percentile(latencies, 0.95):.0f} |"
                    f" {record['rate']:.1f} |{extra}")
    print("\n".join(rows))
    print("\nWhere a platform run's time goes (medians, ms): POST to started_at (intake, store, queue, claim) |"
          " started_at to finished_at (the sandbox run and the stored result)")
    for record in records:
        if record["kind"] == "platform":
            print(f"- {record['label']}, concurrency {record['concurrency']}: {record['to_started_ms']:.0f} |"
                  f" {record['started_to_finished_ms']:.0f}")
    print("\nThe runner's own phases (medians over every level, ms): limits and job handed to a warm sandbox |"
          " run start to the runtime's exit | `delete --force`")
    for record in records:
        if record["kind"] == "phases":
            job = "-" if record["job"] is None else f"{record['job'] / 1000:.1f}"
            print(f"- {record['label']}: {job} | {record['exited']} | {record['deleted']}")
    for record in records:
        if record["kind"] == "idle":
            print(f"- {record['label']}: the idle app uses {record['cpu_ms_per_s']:.0f} ms of CPU per second")
    python = next(r for r in records if r["kind"] == "python" and r["parallel"] == 1)
    bare_p50 = statistics.median(python["latencies"])
    print()
    for label in dict.fromkeys(r["label"] for r in records if r["kind"] == "platform"):
        levels = {r["concurrency"]: r for r in records if r["kind"] == "platform" and r["label"] == label}
        runtime = label.split()[0]
        ceiling = max((r["rate"] for r in records if r["kind"] == "runtime" and r["runtime"] == runtime),
                      default=None)
        ratio = statistics.median(levels[1]["latencies"]) / bare_p50
        line = (f"{label}: p50 at concurrency 1 is {ratio:.1f}x a bare python3 start (target <= 3x, aim 1.5x)"
                f" {'MET' if ratio <= 3 else 'NOT MET'}")
        if ceiling:
            share = levels[8]["rate"] / ceiling
            line += (f"; at concurrency 8 {share:.0%} of the bare {runtime} ceiling ({ceiling:.1f}/s, target >= 80%)"
                     f" {'MET' if share >= 0.8 else 'NOT MET'}")
        cpu = levels[8]["app_cpu_ms"]
        line += (f"; app CPU {cpu:.1f} ms/run, {cpu - levels[8].get('jit_cpu_ms', 0):.1f} without the JIT compiler"
                 f" (target <= 2) {'MET' if cpu <= 2 else 'NOT MET'}"
                 f"; app RSS at 8 {levels[8]['rss_mb']:.0f} MB (target <= 400) "
                 f"{'MET' if levels[8]['rss_mb'] <= 400 else 'NOT MET'}")
        print(line)


def main():
    command, results = sys.argv[1], sys.argv[2]
    if command == "baseline":
        baseline(results, int(sys.argv[3]), sys.argv[4], sys.argv[5:])
    elif command == "platform":
        platform(results, int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif command == "phases":
        phases(results, sys.argv[3], sys.argv[4])
    elif command == "report":
        report(results)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
