"""Drives the Judge0-compatible API with Judge0's official Python SDK (PyPI judge0 0.0.8), unchanged.

Usage: judge0_client.py BASE_URL (the server plus integr8scode.judge0.path-prefix, e.g. http://127.0.0.1:18090/judge0)
The SDK reads /languages and /config_info when the client is made, maps judge0.PYTHON to a language id by the
version /about reports, creates submissions (single and batch, Base64) and polls them with ?fields=*.
"""
import sys

import judge0

client = judge0.Client(sys.argv[1], retry_strategy=judge0.MaxWaitTime(60))

assert client.version == "1.13.1", client.version
assert client.get_language_id(judge0.PYTHON) == 71
assert client.is_language_supported(judge0.PYTHON)
assert client.config.enable_wait_result and client.config.enable_callbacks

hello = judge0.run(client=client, source_code="print('hello from the Judge0 SDK')", language=judge0.PYTHON)
assert hello.status == judge0.Status.ACCEPTED, hello
assert hello.stdout == "hello from the Judge0 SDK\n", hello.stdout
assert hello.time is not None and hello.memory is not None and hello.finished_at is not None

# (The SDK Base64-decodes any text that happens to be valid Base64 when a Submission is made, so the stdin here
# must not be: "stressed" would be.)
echo = judge0.run(client=client, source_code="print(input()[::-1])", stdin="stressed out", language=judge0.PYTHON)
assert echo.stdout == "tuo desserts\n", echo.stdout

failing = judge0.run(client=client, source_code="import sys\nprint('broken', file=sys.stderr)\nsys.exit(2)",
                     language=judge0.PYTHON)
assert failing.status == judge0.Status.RUNTIME_ERROR_NZEC, failing.status
assert failing.exit_code == 2 and failing.stderr == "broken\n", (failing.exit_code, failing.stderr)

# Test cases go out as one batch with expected outputs: Accepted and Wrong Answer as Judge0 decides them.
judged = judge0.run(client=client, source_code="print(int(input()) * 2)", language=judge0.PYTHON,
                    test_cases=[judge0.TestCase(input="21", expected_output="42"),
                                judge0.TestCase(input="5", expected_output="11")])
assert [s.status for s in judged] == [judge0.Status.ACCEPTED, judge0.Status.WRONG_ANSWER], [s.status for s in judged]

slow = judge0.run(client=client, source_code="while True: pass", language=judge0.PYTHON, cpu_time_limit=1)
assert slow.status == judge0.Status.TIME_LIMIT_EXCEEDED, slow.status

print("judge0 0.0.8: hello world, stdin, a failing script, a judged batch and a time limit all as expected")
