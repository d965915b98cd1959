"""The routes the bench times, per area, against a moto stack built from template.yaml with the demo roster."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.routes import RouteCase
from tests.builders import LambdaContext, api_event, response_json, staff_claims

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
    drop_stream_records()
    for function in stack.functions().values():
        os.environ.update({k: v for k, v in function.environment.items()
                           if k not in ("COUNTY_CONFIG_PATH", "POWERTOOLS_LOG_LEVEL", "POWERTOOLS_SERVICE_NAME")})


def drop_stream_records() -> None:
    """Keep moto from recording stream records (no relay runs in the bench). moto deep-copies a whole table, its
    stream records included, once per item of every transaction, so the records would make each write slower than
    the last and drown what the bench compares; route and raw calls run against the same tables either way."""
    from moto.dynamodb.models import dynamodb_backends

    for table in dynamodb_backends["123456789012"]["ap-northeast-2"].tables.values():
        table.stream_shard = None


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


def bench_county(tmp: Path) -> None:
    """The demo county without caps or redemption ceilings, so repeated grants and redemptions keep succeeding."""
    import yaml

    config = yaml.safe_load((ROOT / "infra" / "counties" / "demo.yaml").read_text(encoding="utf-8"))
    mileage = config["mileage"]
    mileage["caps"] = {"person": {}, "department": {}}
    mileage["redemption"]["yearly_ceiling_points"] = None
    mileage["redemption"]["yearly_ceiling_won"] = None
    path = tmp / "bench-county.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    os.environ["COUNTY_CONFIG_PATH"] = str(path)


def project_directory_into_mileage() -> None:
    """Deliver the directory's outbox events to mileage's staff projection, as the bus would."""
    import json

    import boto3

    from common.events import OUTBOX_PENDING
    from mileage import on_employee_event
    from tests.builders import sqs_event

    items = boto3.client("dynamodb").query(
        TableName=os.environ["DIRECTORY_TABLE"], IndexName="gsi1", KeyConditionExpression="gsi1pk = :p",
        ExpressionAttributeValues={":p": {"S": OUTBOX_PENDING}})["Items"]
    bodies = [json.loads(i["body"]["S"]) for i in items]
    for start in range(0, len(bodies), 10):
        records = [{"version": "0", "id": b["id"], "detail-type": b["detail_type"], "source": b["source"],
                    "account": "123456789012", "time": b["occurred_at"], "region": "ap-northeast-2",
                    "resources": [], "detail": b} for b in bodies[start:start + 10]]
        assert on_employee_event.handler(sqs_event(*records), LambdaContext()) == {"batchItemFailures": []}


def mileage_cases(rounds: int) -> list[RouteCase]:
    import itertools

    from mileage.api import handler

    context = LambdaContext(function_name="mileage")
    counter = itertools.count()
    project_directory_into_mileage()

    def grant(points: int = 1) -> dict[str, Any]:
        body = {"item_code": "IDEA", "points": points, "act_title": f"벤치 행위 {next(counter)}",
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


def all_cases(rounds: int) -> Iterator[tuple[str, list[RouteCase]]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build_stack()
        bench_county(Path(tmp))
        yield "directory", directory_cases()
        yield "mileage", mileage_cases(rounds)
