"""Runs inside a sandbox on the built image (see test.sh): checks what a script sees, or measures it.

Usage: sandbox_checks.py check   -> asserts, prints one line per check and "ALL CHECKS PASSED"
       sandbox_checks.py interfaces -> prints the network interfaces the sandbox sees, e.g. ['lo']
       sandbox_checks.py measure -> prints {"import_seconds": .., "peak_rss_mb": ..} for the curated set
"""
import json
import os
import resource
import sys
import time

MANIFEST = "/etc/integr8scode/manifest.json"


def check(label, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + label + (f": {detail}" if detail else ""), flush=True)
    if not condition:
        raise SystemExit(1)


def checks():
    check("runs as nobody", (os.getuid(), os.getgid()) == (65534, 65534), f"{os.getuid()}:{os.getgid()}")
    try:
        open("/usr/lib/i8s-write-probe", "w").close()
        writable = True
    except OSError:
        writable = False
    check("root file system is read-only", not writable)

    # matplotlibrc alone must select Agg: the local runner's environment might not set MPLBACKEND.
    os.environ.pop("MPLBACKEND", None)
    import importlib
    import matplotlib
    check("matplotlib's default backend is Agg", matplotlib.get_backend().lower() == "agg",
          matplotlib.get_backend())

    with open(MANIFEST, encoding="utf-8") as file:
        manifest = json.load(file)
    check("manifest names this Python", manifest["python"]["version"] == ".".join(map(str, sys.version_info[:3])),
          manifest["python"]["version"])
    for entry in manifest["curated"]:
        module = importlib.import_module(entry["module"])
        # Pillow's top-level module has no __version__ before 9.x in some builds; its dist version is the truth.
        version = getattr(module, "__version__", entry["version"])
        check(f"imports {entry['module']} {entry['version']} as listed", version == entry["version"], version)

    for tool in ("pip", "ensurepip"):
        try:
            importlib.import_module(tool)
            usable = True
        except (ImportError, ModuleNotFoundError, SystemExit):
            usable = False
        check(f"no {tool}", not usable)

    import numpy as np
    import pandas as pd
    import scipy.interpolate
    import scipy.optimize
    import scipy.stats
    import sympy
    from PIL import Image

    rng = np.random.default_rng(7)
    a = rng.standard_normal((200, 200))
    check("numpy linear algebra (BLAS/LAPACK)", np.allclose(a @ np.linalg.inv(a), np.eye(200), atol=1e-8))
    with open("/proc/self/maps", encoding="utf-8") as maps:
        blas = sorted({line.split()[-1] for line in maps if "libblas" in line})
    check("BLAS is OpenBLAS without threads", bool(blas) and all("/openblas-serial/" in path for path in blas),
          " ".join(blas))
    frame = pd.DataFrame({"group": ["a", "b", "a", "b"], "value": [1, 2, 3, 4]})
    check("pandas groupby", frame.groupby("group")["value"].sum().to_dict() == {"a": 4, "b": 6})
    root = scipy.optimize.brentq(lambda x: x * x - 2, 0, 2)
    check("scipy.optimize", abs(root - 2 ** 0.5) < 1e-12, str(root))
    # RBFInterpolator runs pythran-compiled code: pythran itself was purged from the image.
    points = rng.random((50, 2))
    rbf = scipy.interpolate.RBFInterpolator(points, points.sum(axis=1))
    check("scipy pythran-built module", abs(float(rbf([[0.5, 0.5]])[0]) - 1.0) < 0.05)
    check("scipy.stats", abs(scipy.stats.norm.cdf(0) - 0.5) < 1e-12)
    x = sympy.symbols("x")
    check("sympy", sympy.integrate(sympy.sin(x) ** 2, (x, 0, sympy.pi)) == sympy.pi / 2)

    import matplotlib.pyplot as plt
    figure, axes = plt.subplots()
    axes.plot([0, 1, 2], [0, 1, 4], label="y = x²")
    axes.legend()
    figure.savefig("/tmp/plot.png", dpi=50)
    with open("/tmp/plot.png", "rb") as file:
        signature = file.read(8)
    check("matplotlib renders a PNG", signature == b"\x89PNG\r\n\x1a\n", f"{os.path.getsize('/tmp/plot.png')} bytes")
    with Image.open("/tmp/plot.png") as image:
        check("pillow reads it back", image.size == (320, 240), str(image.size))
    print("ALL CHECKS PASSED")


def measure():
    started = time.perf_counter()
    import numpy, pandas, matplotlib.pyplot, scipy, sympy, PIL  # noqa: E401,F401
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"import_seconds": round(seconds, 3), "peak_rss_mb": round(peak_mb, 1)}))


def interfaces():
    import socket
    print(sorted(name for _, name in socket.if_nameindex()))


if __name__ == "__main__":
    {"check": checks, "interfaces": interfaces, "measure": measure}[sys.argv[1]]()
