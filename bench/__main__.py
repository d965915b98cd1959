"""Benchmarks: prints figures, asserts nothing.  `make bench` (or `python -m bench`).

1. Cold import: each function's handler module against a bare handler importing the same libraries (ratio).
2. Warm requests on moto (in-process): each route's time beside the raw DynamoDB calls it makes, replayed with a
   plain boto3 client (ratio), and the DynamoDB requests per route (a Scan on a request path is flagged).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# ours: the layer's packages and every function's (a new area counts the day its folder exists)
OWN_PACKAGES = tuple(sorted({p.name for p in (ROOT / "shared").iterdir() if (p / "__init__.py").exists()}
                            | {p.name for p in (ROOT / "functions").iterdir() if p.is_dir()}))


def _third_party_modules(module: str, code_uri: Path) -> list[str]:
    """Every module outside our own packages that importing `module` loads, in load order."""
    program = (f"import sys; before = set(sys.modules); import {module}; import json; "
               "print(json.dumps([m for m in sys.modules if m not in before]))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", program], env=_env(code_uri), check=True,
                                       capture_output=True, text=True).stdout)
    return [m for m in loaded if m.split(".")[0] not in OWN_PACKAGES and not m.startswith("_")]


def _env(code_uri: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "shared"), str(code_uri)]),
            "AWS_DEFAULT_REGION": "ap-northeast-2"}


def _import_ms(statement: str, code_uri: Path, repeats: int = 5) -> float:
    program = f"import time\nt = time.perf_counter()\n{statement}\nprint((time.perf_counter() - t) * 1000)"
    samples = [float(subprocess.run([sys.executable, "-c", program], env=_env(code_uri), check=True,
                                    capture_output=True, text=True).stdout.strip()) for _ in range(repeats)]
    return statistics.median(samples)


def cold_imports() -> None:
    from devstack.stack import Stack

    print("\n== cold import (median of 5 fresh interpreters; bare = the same third-party modules, none of ours) ==")
    print(f"{'function':34} {'handler ms':>11} {'bare ms':>9} {'ratio':>6}")
    for function in Stack("demo").functions().values():
        module = function.handler.rsplit(".", 1)[0]
        ours = _import_ms(f"import {module}", function.code_uri)
        libraries = _third_party_modules(module, function.code_uri)
        bare = _import_ms("import importlib\nfor m in " + repr(libraries) + ":\n    try: importlib.import_module(m)\n"
                          "    except Exception: pass", function.code_uri)
        print(f"{function.logical_id:34} {ours:11.0f} {bare:9.0f} {ours / bare:6.2f}")


def warm_requests(rounds: int = 50) -> None:
    from bench.routes import run_route_bench

    print(f"\n== warm requests on moto, in-process (median of {rounds}) ==")
    run_route_bench(rounds)


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "shared"), *(str(p) for p in sorted((ROOT / "functions").iterdir()))]
    cold_imports()
    warm_requests()
