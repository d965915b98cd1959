"""Benchmarks: prints figures, asserts nothing.  `make bench` (or `python -m bench`).

1. Cold import: each function's handler module against a bare handler importing the same libraries (ratio).
2. Warm requests on moto (in-process): each route's time beside the raw DynamoDB calls it makes, replayed with a
   plain boto3 client (ratio), and the DynamoDB requests per route (a Scan on a request path is flagged).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_IMPORTS = {
    # what a do-nothing handler would import to use the same libraries
    "api": "import boto3, pydantic, pynamodb.models, aws_lambda_powertools.event_handler",
    "consumer": "import boto3, pydantic, pynamodb.models, aws_lambda_powertools.utilities.batch, "
                "aws_lambda_powertools.utilities.idempotency",
    "relay": "import boto3, pydantic, aws_lambda_powertools.utilities.batch",
}


def _import_ms(statement: str, code_uri: Path, repeats: int = 5) -> float:
    program = ("import time; t = time.perf_counter(); " + statement +
               "; print((time.perf_counter() - t) * 1000)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "shared"), str(code_uri)]),
           "POWERTOOLS_TRACE_DISABLED": "1", "AWS_DEFAULT_REGION": "ap-northeast-2"}
    samples = [float(subprocess.run([sys.executable, "-c", program], env=env, check=True, capture_output=True,
                                    text=True).stdout.strip()) for _ in range(repeats)]
    return statistics.median(samples)


def cold_imports() -> None:
    from devstack.stack import Stack

    print("\n== cold import (median of 5 fresh interpreters) ==")
    print(f"{'function':34} {'handler ms':>11} {'bare ms':>9} {'ratio':>6}")
    for function in Stack("demo").functions().values():
        module = function.handler.rsplit(".", 1)[0]
        kind = "relay" if module.startswith("relay") else "consumer" if "on_event" in module else "api"
        ours = _import_ms(f"import {module}", function.code_uri)
        bare = _import_ms(BARE_IMPORTS[kind], function.code_uri)
        print(f"{function.logical_id:34} {ours:11.0f} {bare:9.0f} {ours / bare:6.2f}")


def warm_requests(rounds: int = 50) -> None:
    from bench.routes import run_route_bench

    print(f"\n== warm requests on moto, in-process (median of {rounds}) ==")
    run_route_bench(rounds)


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "shared"), *(str(p) for p in sorted((ROOT / "functions").iterdir()))]
    cold_imports()
    warm_requests()
