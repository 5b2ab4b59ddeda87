"""Figures of a running Integr8sCode for bench/store-scale.sh, and the side-by-side table of two runs.

  store_scale.py measure BASE PID LABEL OUT.json   signs in as the bench user (registers it the first time),
                                                   measures, writes the figures (and the user's id) as JSON
  store_scale.py table EMPTY.json FULL.json        prints both runs side by side with their ratio

Request latencies are medians of sequential requests from this host. The gauge refresh and the recovery
sweep are the app's own route timings (Camel's route policy timer in /actuator/prometheus): the mean over
the runs seen while this script waits. RSS is the JVM's VmRSS at the end.
"""
import base64
import json
import re
import statistics
import sys
import time
import urllib.error
import urllib.request

USER = {"username": "bench-user", "password": "bench-password-1234"}
HELLO = {"script": "print('Hello, Integr8sCode!')"}
ROUTES = {"gauge_refresh_ms": "refresh-execution-gauges", "recovery_sweep_ms": "recovery-sweep"}


def call(base, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                     headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def timed(action, runs):
    latencies = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        latencies.append((time.perf_counter() - start) * 1000)
    return statistics.median(latencies), result


def sign_in(base):
    try:
        return call(base, "POST", "/api/v1/auth/register", USER)["access_token"]
    except urllib.error.HTTPError as error:
        if error.code not in (400, 409):  # the name is taken: this user, registered by the first run
            raise
        return call(base, "POST", "/api/v1/auth/login", USER)["access_token"]


def user_id(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


def route_timings(base):
    text = urllib.request.urlopen(base + "/actuator/prometheus", timeout=60).read().decode()
    timings = {}
    for name, route in ROUTES.items():
        figures = {}
        for kind in ("count", "sum"):
            match = re.search(r'camel_route_policy_seconds_%s\{[^}]*routeId="%s"[^}]*\} ([0-9.eE+-]+)' % (kind, route), text)
            figures[kind] = float(match.group(1)) if match else 0.0
        timings[name] = figures
    return timings


def stored_executions(base):
    """The sum of the executions-by-status gauges."""
    text = urllib.request.urlopen(base + "/actuator/prometheus", timeout=60).read().decode()
    return sum(float(value) for value in re.findall(r'^integr8scode_executions\{[^}]*\} ([0-9.eE+-]+)$', text, re.M))


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def measure(base, pid, label, out):
    token = sign_in(base)
    before = route_timings(base)
    figures = {"label": label, "user_id": user_id(token)}
    figures["post_ms"], posted = timed(lambda: call(base, "POST", "/api/v1/executions", HELLO, token), 40)
    execution_id = posted["execution_id"]
    figures["get_by_id_ms"], _ = timed(lambda: call(base, "GET", f"/api/v1/executions/{execution_id}", token=token), 40)
    figures["list_first_page_ms"], first = timed(lambda: call(base, "GET", "/api/v1/executions?page=0&size=20", token=token), 20)
    figures["list_page_1000_ms"], deep = timed(lambda: call(base, "GET", "/api/v1/executions?page=1000&size=20", token=token), 10)
    figures["own_executions"] = first["total"]
    figures["page_1000_items"] = len(deep["items"])
    time.sleep(32)  # several gauge refreshes and recovery sweeps
    after = route_timings(base)
    for name in ROUTES:
        runs = after[name]["count"] - before[name]["count"]
        seconds = after[name]["sum"] - before[name]["sum"]
        figures[name] = seconds * 1000 / runs if runs else None
        figures[name.replace("_ms", "_runs")] = runs
    figures["stored"] = stored_executions(base)
    figures["rss_mb"] = rss_mb(pid)
    with open(out, "w") as file:
        json.dump(figures, file, indent=2)
    print(json.dumps(figures, indent=2))


def table(empty_file, full_file):
    with open(empty_file) as file:
        empty = json.load(file)
    with open(full_file) as file:
        full = json.load(file)
    rows = [("stored executions", "stored", "{:,.0f}"), ("the bench user's executions", "own_executions", "{:,.0f}"),
            ("POST p50 (ms)", "post_ms", "{:.1f}"),
            ("GET by id p50 (ms)", "get_by_id_ms", "{:.1f}"), ("signed-in list, first page p50 (ms)", "list_first_page_ms", "{:.1f}"),
            ("signed-in list, page 1000 p50 (ms)", "list_page_1000_ms", "{:.1f}"), ("items on page 1000", "page_1000_items", "{:.0f}"),
            ("gauge refresh, mean (ms)", "gauge_refresh_ms", "{:.1f}"), ("recovery sweep, mean (ms)", "recovery_sweep_ms", "{:.1f}"),
            ("JVM RSS (MB)", "rss_mb", "{:.0f}")]
    print(f"| figure | {empty['label']} | {full['label']} | ratio |")
    print("|---|---|---|---|")
    for title, key, number in rows:
        a, b = empty.get(key), full.get(key)
        ratio = f"{b / a:.2f}×" if a and b is not None and key not in ("stored", "own_executions", "page_1000_items") else ""
        show = lambda value: "n/a" if value is None else number.format(value)
        print(f"| {title} | {show(a)} | {show(b)} | {ratio} |")


if __name__ == "__main__":
    if sys.argv[1] == "measure":
        measure(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
    else:
        table(sys.argv[2], sys.argv[3])
