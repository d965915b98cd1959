"""What one source can do against a rate-limited route (issue #11): `python -m bench.ratelimit [--seconds 3]`.

In-process on moto (the stack from template.yaml), a probe route opted in with `rate_limited("resident_write")` in the
mileage area's table, called as fast as one client can from one source address:
1. under the demo county's rule: requests answered per second, how many accepted (200) and refused (429);
2. what the limit costs per request: the same route unlimited, limited and accepted, limited and refused (medians).
Prints figures, asserts nothing; not part of `make bench` (moto's per-request cost makes it a few seconds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUTE = "/mileage/rate-bench"
SOURCE = "203.0.113.7"


def _probe_app():
    from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

    from common.http import build_app
    from common.ratelimit import rate_limited

    router = APIGatewayHttpRouter()

    @router.put(ROUTE, middlewares=[rate_limited("resident_write")])
    def limited() -> dict:
        return {"ok": True}

    @router.put(f"{ROUTE}-open")
    def unlimited() -> dict:
        return {"ok": True}

    app = build_app(title="rate bench", docs_path="/mileage/rate-bench-docs")
    app.include_router(router)
    return app


def _call(app, path: str = ROUTE, source: str = SOURCE) -> int:
    from tests.builders import LambdaContext, api_event

    event = api_event("PUT", path, body={})
    event["requestContext"]["http"]["sourceIp"] = source
    return app.resolve(event, LambdaContext())["statusCode"]


def _county(tmp: Path, requests: int, window_seconds: int) -> None:
    import yaml

    from common.county import county

    config = yaml.safe_load((ROOT / "infra" / "counties" / "demo.yaml").read_text(encoding="utf-8"))
    config["limits"]["resident_write"] = {"requests": requests, "window_seconds": window_seconds}
    path = tmp / f"county-{requests}-{window_seconds}.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    os.environ["COUNTY_CONFIG_PATH"] = str(path)
    county.cache_clear()


def _median_ms(app, path: str, rounds: int, *, source: str) -> tuple[float, set[int]]:
    times, statuses = [], set()
    for _ in range(rounds):
        started = time.perf_counter()
        statuses.add(_call(app, path, source))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statuses


def run(seconds: float, rounds: int) -> None:
    from moto import mock_aws

    from bench.cases import build_stack
    from common.county import county

    with mock_aws(), tempfile.TemporaryDirectory() as tmp:
        build_stack()
        app = _probe_app()
        _call(app, f"{ROUTE}-open")  # warm: imports, the first client

        rule = county().limits.resident_write
        counts = {200: 0, 429: 0}
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            status = _call(app)
            counts[status] = counts.get(status, 0) + 1
        elapsed = time.perf_counter() - started
        total = sum(counts.values())
        print(f"one source against PUT {ROUTE} under the demo's resident_write "
              f"({rule.requests} per {rule.window_seconds} s), {elapsed:.1f} s flat out:")
        print(f"  answered {total / elapsed:7.0f} req/s: accepted {counts[200]} (the window's allowance, at once), "
              f"then refused 429 {counts[429]} ({counts[429] / elapsed:.0f}/s)")
        print(f"  sustained: at most {rule.requests / rule.window_seconds:.2f} accepted req/s per source and route")

        tmp_path = Path(tmp)
        print(f"cost per request (median of {rounds}, in-process on moto):")
        unlimited, _ = _median_ms(app, f"{ROUTE}-open", rounds, source="198.51.100.1")
        _county(tmp_path, 10**9, 3600)
        accepted, accepted_statuses = _median_ms(app, ROUTE, rounds, source="198.51.100.2")
        _county(tmp_path, 1, 3600)
        _call(app, ROUTE, "198.51.100.3")
        refused, refused_statuses = _median_ms(app, ROUTE, rounds, source="198.51.100.3")
        print(f"  unlimited route            {unlimited:6.2f} ms")
        print(f"  limited, accepted {sorted(accepted_statuses)!s:8} {accepted:6.2f} ms  "
              f"(+{accepted - unlimited:.2f} ms: one conditional UpdateItem)")
        print(f"  limited, refused  {sorted(refused_statuses)!s:8} {refused:6.2f} ms  "
              f"(+{refused - unlimited:.2f} ms: the failed UpdateItem and the 429)")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ratelimit", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="how long one source calls flat out")
    parser.add_argument("--rounds", type=int, default=200, help="requests per median")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "shared"), *(str(p) for p in sorted((ROOT / "functions").iterdir()))]
    run(args.seconds, args.rounds)


if __name__ == "__main__":
    main()
