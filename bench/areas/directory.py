"""Directory routes for the warm-request bench; imports the demo roster first (the other areas build on it)."""

from __future__ import annotations

from typing import Any

from bench.cases import ADMIN, AUDITOR, CLERK, DEMO, FIN_HEAD
from bench.routes import RouteCase
from tests.builders import LambdaContext, api_event

ORDER = 0


def cases(rounds: int) -> list[RouteCase]:
    from directory.api import handler

    context = LambdaContext(function_name="directory")

    def call(method: str, path: str, claims: dict[str, Any], **kwargs: Any) -> Any:
        return lambda: handler(api_event(method, path, claims=claims, **kwargs), context)

    staff_file = (DEMO / "staff.csv").read_bytes()
    for kind in ("departments", "staff"):
        response = handler(api_event("POST", "/directory/imports", claims=ADMIN, query={"kind": kind},
                                     raw_body=(DEMO / f"{kind}.csv").read_bytes(),
                                     headers={"content-type": "text/csv"}), context)
        assert response["statusCode"] == 200, response["body"]
    return [
        RouteCase("GET /directory/me", call("GET", "/directory/me", CLERK)),
        RouteCase("GET /directory/departments", call("GET", "/directory/departments", CLERK)),
        RouteCase("GET /directory/departments/{code}/members",
                  call("GET", "/directory/departments/FIN/members", FIN_HEAD)),
        RouteCase("GET /directory/staff?name= (audit)", call("GET", "/directory/staff", AUDITOR, query={"name": "김"})),
        RouteCase("GET /directory/staff/{employee_no}", call("GET", "/directory/staff/2026013", FIN_HEAD)),
        RouteCase("GET /directory/staff/{employee_no} (other dept)",
                  call("GET", "/directory/staff/2026001", FIN_HEAD), expect_status=403),
        RouteCase("POST /directory/imports (same file again)",
                  call("POST", "/directory/imports", ADMIN, query={"kind": "staff"}, raw_body=staff_file,
                       headers={"content-type": "text/csv"})),
    ]
