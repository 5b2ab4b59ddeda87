"""Puts a little load on a running app, then checks every Grafana panel query and every alert rule against the
Prometheus that scrapes it (see dashboards.sh). Usage: dashboards_check.py APP_URL PROMETHEUS_URL DASHBOARD_DIR ALERTS_YML"""
import json
import pathlib
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

APP, PROMETHEUS, DASHBOARDS, ALERTS = sys.argv[1:5]
# Grafana's variables as a dashboard would fill them in against this Prometheus (2 s scrapes).
VARIABLES = {"$__rate_interval": "30s", "$__interval": "10s", "$interval": "10s", "$job": "integr8scode",
             "${job}": "integr8scode"}
# Each script with the status it must end in: the load runs in real sandboxes, not into a broken runtime.
SCRIPTS = [
    ({"script": "print('quick')"}, "completed"),
    ({"script": "import sys; sys.exit(2)"}, "failed"),
    ({"script": "b = bytearray(200 * 1024 * 1024)", "limits": {"memory_mb": 64}}, "failed"),
    ({"script": "import time; time.sleep(2); print('slow')"}, "completed"),
]


def call(method, url, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as refused:
        return refused.code, None


def prometheus(path, **params):
    url = PROMETHEUS + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def await_terminal(execution_id, token=None):
    deadline, execution = time.monotonic() + 120, None
    while time.monotonic() < deadline:
        status, execution = call("GET", f"{APP}/api/v1/executions/{execution_id}", token=token)
        if status == 200 and execution["status"] in ("completed", "failed", "timeout"):
            return execution
        time.sleep(0.2)
    raise SystemExit(f"execution {execution_id} did not finish within 120 s: {execution}")


def load(rounds):
    for _ in range(rounds):
        for script, expected in SCRIPTS:
            status, accepted = call("POST", f"{APP}/api/v1/executions", script)
            assert status == 202, f"submission refused: {status}"
            execution = await_terminal(accepted["execution_id"])
            assert execution["status"] == expected and execution["failure_reason"] in (None, "memory limit exceeded (64 MB)"), \
                f"{script['script']!r} ended {execution['status']}: {execution['failure_reason']}"
        assert call("POST", f"{APP}/api/v1/executions", {"script": 42})[0] == 400


def saved_script_run():
    name = f"dash{int(time.time() * 1000)}"
    status, account = call("POST", f"{APP}/api/v1/auth/register", {"username": name, "password": "a-long-passphrase-1"})
    assert status in (200, 201), f"sign-up refused: {status}"
    token = account["access_token"]
    status, script = call("POST", f"{APP}/api/v1/scripts", {"name": "dash", "script": "print(3)"}, token)
    assert status == 201, f"saving refused: {status}"
    status, accepted = call("POST", f"{APP}/api/v1/scripts/{script['script_id']}/run", None, token)
    assert status == 202, f"run refused: {status}"
    assert await_terminal(accepted["execution_id"], token)["status"] == "completed"


def await_scraped():
    for _ in range(60):
        targets = prometheus("/api/v1/targets")["data"]["activeTargets"]
        if targets and all(target["health"] == "up" for target in targets):
            return
        time.sleep(1)
    raise SystemExit(f"Prometheus never scraped the app: {targets}")


def substitute(expr):
    for variable, value in VARIABLES.items():
        expr = expr.replace(variable, value)
    assert "$" not in expr, f"unfilled variable in {expr}"
    return expr


def check_dashboards():
    problems, queries = [], 0
    for path in sorted(pathlib.Path(DASHBOARDS).glob("*.json")):
        dashboard = json.loads(path.read_text())
        for variable in dashboard["templating"]["list"]:
            match = re.fullmatch(r"label_values\((\w+), *(\w+)\)", variable.get("definition", ""))
            if match and not prometheus("/api/v1/series", **{"match[]": match.group(1)})["data"]:
                problems.append(f"{path.name}: variable {variable['name']} finds no {match.group(1)}")
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                queries += 1
                answer = prometheus("/api/v1/query", query=substitute(target["expr"]))
                if answer["status"] != "success" or not answer["data"]["result"]:
                    problems.append(f"{path.name} / {panel['title']}: no data for {target['expr']}")
    return problems, queries


def check_alerts():
    expected = len(re.findall(r"^\s*- alert:", pathlib.Path(ALERTS).read_text(), re.M))
    exported = set(prometheus("/api/v1/label/__name__/values")["data"])
    for _ in range(30):
        rules = [rule for group in prometheus("/api/v1/rules")["data"]["groups"] for rule in group["rules"]]
        if len(rules) == expected and all(rule.get("lastEvaluation", "").startswith("2") and
                                          not rule["lastEvaluation"].startswith("0001") for rule in rules):
            break
        time.sleep(1)
    problems = [] if len(rules) == expected else [f"Prometheus loaded {len(rules)} of {expected} alert rules"]
    for rule in rules:
        if rule["health"] != "ok":
            problems.append(f"alert {rule['name']}: {rule['health']} {rule.get('lastError', '')}")
        for name in re.findall(r"\b(integr8scode_\w+|up)\b(?=\s*[{\[)]|\s)", rule["query"]):
            if name not in exported:
                problems.append(f"alert {rule['name']}: the app exports no {name}")
    return problems, len(rules)


def run_all(*jobs):
    """Runs the jobs in parallel; the first failure of any ends the check."""
    failures = []

    def guarded(job):
        try:
            job()
        except BaseException as failure:  # noqa: BLE001 - reported below, whatever it is
            failures.append(failure)

    workers = [threading.Thread(target=guarded, args=(job,)) for job in jobs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failures:
        raise SystemExit(f"the load failed: {failures[0]!r}")


def main():
    await_scraped()
    run_all(lambda: load(3), lambda: load(3), saved_script_run)
    # Two more scrapes after the last execution, and more than one sample of everything inside the rate windows.
    time.sleep(12)
    dashboard_problems, queries = check_dashboards()
    alert_problems, rules = check_alerts()
    for problem in dashboard_problems + alert_problems:
        print("FAIL", problem)
    if dashboard_problems or alert_problems:
        sys.exit(1)
    print(f"All {queries} panel queries returned data; all {rules} alert rules evaluate over exported metrics.")


main()
