"""Mileage routes for the warm-request bench, on the directory's roster delivered to mileage's projection."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bench.cases import AUDITOR, CLERK, FIN_HEAD
from bench.routes import RouteCase, project_directory
from tests.builders import LambdaContext, api_event, response_json

ORDER = 1


def cases(rounds: int) -> list[RouteCase]:
    import itertools

    from mileage.api import handler

    context = LambdaContext(function_name="mileage")
    counter = itertools.count()
    project_directory("mileage.on_employee_event")

    def grant(points: int = 1) -> dict[str, Any]:
        body = {"item_code": "PROCESS", "points": points, "act_title": f"벤치 행위 {next(counter)}",
                "act_date": "2026-11-20", "recipients": [{"employee_no": "2026013"}]}
        return handler(api_event("POST", "/mileage/grants", claims=FIN_HEAD, body=body), context)

    def approve(grant_id: str) -> dict[str, Any]:
        return handler(api_event("POST", f"/mileage/grants/{grant_id}/approve", claims=AUDITOR), context)

    def grant_ids(n: int, points: int = 1) -> Iterator[str]:
        return iter([response_json(grant(points))["grants"][0]["grant_id"] for _ in range(n)])

    for grant_id in grant_ids(rounds + 5, points=10):  # a balance to redeem from
        approve(grant_id)
    pending = grant_ids(rounds + 5)

    def redeem() -> dict[str, Any]:
        return handler(api_event("POST", "/mileage/redemptions", claims=CLERK, body={"reward_code": "COFFEE"},
                                 headers={"idempotency-key": f"bench-{next(counter)}"}), context)

    def read(path: str, who: dict[str, Any]) -> Any:
        return lambda: handler(api_event("GET", path, claims=who), context)

    return [
        RouteCase("GET /mileage/accounts/{employee_no}", read("/mileage/accounts/2026013", CLERK)),
        RouteCase("GET /mileage/accounts/{employee_no}/ledger", read("/mileage/accounts/2026013/ledger", CLERK)),
        RouteCase("GET /mileage/departments/{department}/accounts",
                  read("/mileage/departments/FIN/accounts", FIN_HEAD)),
        RouteCase("GET /mileage/items", read("/mileage/items", CLERK)),
        RouteCase("POST /mileage/grants", grant, expect_status=201),
        RouteCase("POST /mileage/grants/{grant_id}/approve", lambda: approve(next(pending))),
        RouteCase("POST /mileage/redemptions", redeem, expect_status=201),
    ]
