"""Drives the compose stack from outside, over its published ports, as its users would.

  stack_check.py submit STATE   one script over REST (POST /api/v1/executions) and one over AMQP (a message
                                on integr8scode.submit with a reply-to, Qpid Proton), waits for both results
                                (the AMQP one as the reply), checks them and writes both ids to STATE
  stack_check.py reread STATE   reads both executions again over REST and checks the same results

Environment: I8S_APP_URL (http://127.0.0.1:8080), I8S_AMQP_URL (amqp://127.0.0.1:61616), I8S_AMQP_USER,
I8S_AMQP_PASSWORD. Exits non-zero with a message on the first failed check.
"""
import json
import os
import sys
import time
import urllib.request
import uuid

APP = os.environ.get("I8S_APP_URL", "http://127.0.0.1:8080")
AMQP = os.environ.get("I8S_AMQP_URL", "amqp://127.0.0.1:61616")
WAIT_SECONDS = 180

# What each path runs and must print. The AMQP one imports numpy: the sandbox image's rootfs is in the app image.
EXPECTED = {
    "rest": ("print(sum(range(10)))", "45\n"),
    "amqp": ("import numpy\nprint(int(numpy.arange(4).sum()))", "6\n"),
}


def fail(message):
    sys.exit(f"stack check FAILED: {message}")


def http(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(APP + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.load(response)


def wait_finished(execution_id):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        _, execution = http("GET", f"/api/v1/executions/{execution_id}")
        if execution["status"] not in ("queued", "running"):
            return execution
        time.sleep(0.5)
    fail(f"execution {execution_id} did not finish within {WAIT_SECONDS}s")


def check(kind, execution):
    script, output = EXPECTED[kind]
    got = (execution.get("status"), execution.get("exit_code"), execution.get("output"))
    if got != ("completed", 0, output):
        fail(f"{kind} execution {execution.get('execution_id')}: expected completed, 0, {output!r}; got {got}"
             f" (errors {execution.get('errors')!r}, failure_reason {execution.get('failure_reason')!r})")
    print(f"  {kind}: {execution['execution_id']} completed, output {output.strip()!r}, runner"
          f" {execution.get('runner')}")


def submit_rest():
    status, accepted = http("POST", "/api/v1/executions", {"script": EXPECTED["rest"][0]})
    if status != 202 or accepted.get("status") != "queued":
        fail(f"REST submission answered {status} {accepted}")
    execution = wait_finished(accepted["execution_id"])
    check("rest", execution)
    return execution["execution_id"]


def submit_amqp():
    from proton import Message
    from proton.utils import BlockingConnection

    connection = BlockingConnection(AMQP, timeout=30, user=os.environ["I8S_AMQP_USER"],
                                    password=os.environ["I8S_AMQP_PASSWORD"], allowed_mechs="PLAIN",
                                    allow_insecure_mechs=True)
    try:
        replies_address = f"compose-test.replies.{uuid.uuid4().hex[:8]}"
        replies = connection.create_receiver(replies_address)
        correlation = f"compose-test-{uuid.uuid4()}"
        sender = connection.create_sender("integr8scode.submit")
        sender.send(Message(body=json.dumps({"script": EXPECTED["amqp"][0]}), reply_to=replies_address,
                            correlation_id=correlation, durable=True))
        reply = replies.receive(timeout=WAIT_SECONDS)
        replies.accept()
    finally:
        connection.close()
    if reply.correlation_id != correlation:
        fail(f"AMQP reply carries correlation id {reply.correlation_id!r}, sent {correlation!r}")
    execution = json.loads(reply.body)
    check("amqp", execution)
    # The stored execution says the same as the reply.
    check("amqp", http("GET", f"/api/v1/executions/{execution['execution_id']}")[1])
    return execution["execution_id"]


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("submit", "reread"):
        sys.exit(__doc__)
    phase, state = sys.argv[1], sys.argv[2]
    if phase == "submit":
        ids = {"rest": submit_rest(), "amqp": submit_amqp()}
        with open(state, "w") as out:
            json.dump(ids, out)
    else:
        with open(state) as source:
            ids = json.load(source)
        for kind, execution_id in ids.items():
            status, execution = http("GET", f"/api/v1/executions/{execution_id}")
            check(kind, execution)


if __name__ == "__main__":
    main()
