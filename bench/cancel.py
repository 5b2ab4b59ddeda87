"""How long a cancel takes: from the POST .../cancel of a running script (one that printed, then loops) to its final
status as stored (finished_at, the same host clock), over RUNS runs, p50/p95/max.

Usage: cancel.py BASE_URL RUNS
"""
import json
import statistics
import sys
import time
import urllib.request
from datetime import datetime

LOOPS = "import time\nprint('running', flush=True)\nwhile True:\n    time.sleep(0.01)\n"


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def await_first_output(base, execution_id):
    """Reads the execution's event stream until its first output event: the script runs."""
    request = urllib.request.Request(f"{base}/api/v1/executions/{execution_id}/events",
                                     headers={"Accept": "text/event-stream"})
    with urllib.request.urlopen(request, timeout=60) as events:
        for line in events:
            field, _, value = line.decode().partition(":")
            if field == "event" and value.strip() == "output":
                return
    raise RuntimeError(f"{execution_id} ended without output")


def one_cancel(base):
    execution_id = call("POST", base + "/api/v1/executions",
                        {"script": LOOPS, "limits": {"timeout_seconds": 10}})["execution_id"]
    await_first_output(base, execution_id)
    asked = time.time()
    call("POST", f"{base}/api/v1/executions/{execution_id}/cancel")
    while True:
        execution = call("GET", f"{base}/api/v1/executions/{execution_id}")
        if execution["status"] not in ("queued", "running"):
            break
        time.sleep(0.02)
    assert execution["status"] == "cancelled", execution
    assert execution["output"] == "running\n", execution
    finished = datetime.fromisoformat(execution["finished_at"].replace("Z", "+00:00")).timestamp()
    return (finished - asked) * 1000


def main():
    base, runs = sys.argv[1], int(sys.argv[2])
    took = sorted(one_cancel(base) for _ in range(runs))
    p95 = took[max(0, round(0.95 * len(took)) - 1)]
    print(f"cancel of a running script → cancelled stored: p50 {statistics.median(took):.0f} ms, "
          f"p95 {p95:.0f} ms, max {took[-1]:.0f} ms over {runs} runs")


if __name__ == "__main__":
    main()
