"""The routes the bench times, per area, against a moto stack built from template.yaml with the demo roster."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.routes import RouteCase
from tests.builders import LambdaContext, api_event, staff_claims

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "infra" / "demo"

ADMIN = staff_claims("2026010", "ADM", "admin")
FIN_HEAD = staff_claims("2026011", "FIN", "dept_head")
AUDITOR = staff_claims("2026002", "AUD", "audit")
CLERK = staff_claims("2026013", "FIN")


def build_stack() -> None:
    from devstack.resources import create_all
    from devstack.stack import Stack

    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "ap-northeast-2",
                       "AWS_DEFAULT_REGION": "ap-northeast-2", "POWERTOOLS_TRACE_DISABLED": "1",
                       "POWERTOOLS_METRICS_DISABLED": "1", "POWERTOOLS_LOG_LEVEL": "WARNING",
                       "COUNTY_CONFIG_PATH": str(ROOT / "infra" / "counties" / "demo.yaml")})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    stack = create_all(Stack("demo"))
    for function in stack.functions().values():
        os.environ.update({k: v for k, v in function.environment.items()
                           if k not in ("COUNTY_CONFIG_PATH", "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_SERVICE_NAME")})


def directory_cases() -> list[RouteCase]:
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


def all_cases() -> Iterator[tuple[str, list[RouteCase]]]:
    build_stack()
    yield "directory", directory_cases()
