"""Drives the Piston-compatible API with piston-rspy (PyPI 0.4.3, Python bindings of the piston_rs client), unchanged.

Usage: piston_client.py BASE_URL (the server plus /api/v2, e.g. http://127.0.0.1:18090/api/v2)
"""
import asyncio
import os
import sys

import piston_rspy


async def main(url):
    client = piston_rspy.Client.with_url(url)
    runtimes = await client.fetch_runtimes()
    assert [(r.language, r.aliases) for r in runtimes] == [("python", ["py", "python3"])], runtimes

    def executor(code, stdin=""):
        return (piston_rspy.Executor().set_language("python").set_version("*").set_stdin(stdin)
                .add_file(piston_rspy.File(name="main.py", content=code)))

    hello = await client.execute(executor("print('hello from piston-rspy')"))
    assert hello.is_ok() and hello.language == "python" and hello.version == runtimes[0].version, hello
    assert hello.run.stdout == "hello from piston-rspy\n" and hello.run.code == 0 and hello.run.is_ok(), hello.run

    echo = await client.execute(executor("print(input().upper())", stdin="shout"))
    assert echo.run.output == "SHOUT\n", echo.run

    failing = await client.execute(executor("import sys\nsys.exit('bad input')"))
    assert failing.run.is_err() and failing.run.code == 1 and failing.run.stderr == "bad input\n", failing.run

    slow = await client.execute(executor("while True: pass").set_run_timeout(1000))
    assert slow.run.signal == "SIGKILL" and slow.run.code is None, slow.run

    refused = await client.execute(executor("print(1)").add_arg("x"))
    assert refused.is_err() and refused.status == 400, refused.status

    print("piston-rspy 0.4.3: runtimes, hello world, stdin, a failing script, a timeout and a refusal all as expected")


asyncio.run(main(sys.argv[1]))
# piston-rspy's Rust runtime sometimes crashes (SIGSEGV) while the interpreter tears down, after every check
# above has passed (seen once in five runs here): leave at once, with the checks' verdict as the status. A
# failed check raised above and never gets here.
sys.stdout.flush()
os._exit(0)
