"""End-to-end latency and throughput of hello-world executions against a running Integr8sCode.

Latency is measured from just before the POST to the moment the result was stored (the execution's
finished_at, same host clock), so polling adds no error. The baseline is a bare `python3 -I -S -c`
start on this machine in the same run, sequential and two at a time.
"""
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

HELLO = {"script": "print('Hello, Integr8sCode!')"}


def post(base, body):
    request = urllib.request.Request(base + "/api/v1/executions", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["execution_id"]


def get(base, execution_id):
    with urllib.request.urlopen(f"{base}/api/v1/executions/{execution_id}", timeout=30) as response:
        return json.load(response)


def one_execution(base):
    started = time.time()
    execution_id = post(base, HELLO)
    deadline = started + 60
    while time.time() < deadline:
        execution = get(base, execution_id)
        if execution["status"] in ("completed", "failed", "timeout"):
            if execution["status"] != "completed":
                raise RuntimeError(f"execution {execution_id} ended {execution['status']}: {execution}")
            finished = datetime.fromisoformat(execution["finished_at"].replace("Z", "+00:00")).timestamp()
            return (finished - started) * 1000
        time.sleep(0.01)
    raise RuntimeError(f"execution {execution_id} did not finish in 60 s")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bare_python(runs, parallel):
    def once(_):
        start = time.perf_counter()
        subprocess.run(["/usr/bin/python3", "-I", "-S", "-c", "print(1)"], check=True, stdout=subprocess.DEVNULL)
        return (time.perf_counter() - start) * 1000
    wall = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        latencies = list(pool.map(once, range(runs)))
    return latencies, runs / (time.perf_counter() - wall)


def platform(base, runs, concurrency):
    wall = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(lambda _: one_execution(base), range(runs)))
    return latencies, runs / (time.perf_counter() - wall)


def row(name, latencies, rate):
    return f"| {name} | {statistics.median(latencies):.0f} | {percentile(latencies, 0.95):.0f} | {rate:.1f} |"


def main():
    base, runs = sys.argv[1], int(sys.argv[2])
    for _ in range(5):  # warm up the JIT, the sandbox rootfs and the page cache
        one_execution(base)
    rows = ["| what | p50 ms | p95 ms | runs/s |", "|---|---|---|---|"]
    base_seq, base_seq_rate = bare_python(runs * 2, 1)
    base_par, base_par_rate = bare_python(runs * 2, 2)
    rows.append(row("bare `python3 -I -S -c` (sequential)", base_seq, base_seq_rate))
    rows.append(row("bare `python3 -I -S -c` (2 parallel)", base_par, base_par_rate))
    results = {}
    for concurrency in (1, 2, 4, 8):
        latencies, rate = platform(base, runs, concurrency)
        results[concurrency] = (latencies, rate)
        rows.append(row(f"Integr8sCode, concurrency {concurrency}", latencies, rate))
    print("\n".join(rows))
    p50 = statistics.median(results[1][0])
    print(f"\nconcurrency 1: p50 is {p50 / statistics.median(base_seq):.1f}x a bare python3 start;"
          f" best throughput {max(r for _, r in results.values()) / base_par_rate:.2f}x of bare python3 (2 parallel)")


if __name__ == "__main__":
    main()
