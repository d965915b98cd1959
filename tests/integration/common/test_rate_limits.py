"""Per-source limits (issue #11, abuse limits): a route opted in with `rate_limited("<rule>")` counts each source's
requests in the area's own table and answers 429 with `Retry-After` past the county's limit, until the window ends."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import boto3
import pytest
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common import ratelimit
from common.clock import KST
from common.http import build_app
from tests.builders import LambdaContext, api_event, demo_county_with

DEMO_RULE = "  resident_write: { requests: 30, window_seconds: 60 }"
START = datetime(2026, 11, 30, 10, 0, 0, tzinfo=KST)  # a window boundary: 60 s windows start on the minute
ROUTE = "/mileage/rate-probe"  # under /mileage: the counters go to MILEAGE_TABLE, the area's own


def probe_app():
    router = APIGatewayHttpRouter()

    @router.put(ROUTE, middlewares=[ratelimit.rate_limited("resident_write")])
    def probe() -> dict:
        return {"ok": True}

    @router.get("/mileage/unlimited-probe")
    def unlimited() -> dict:
        return {"ok": True}

    app = build_app(title="probe", docs_path="/mileage/probe-docs")
    app.include_router(router)
    return app


def call(app, source: str = "203.0.113.7", method: str = "PUT", path: str = ROUTE) -> dict:
    event = api_event(method, path, body={})
    event["requestContext"]["http"]["sourceIp"] = source
    return app.resolve(event, LambdaContext())


@pytest.fixture
def limited(stack, tmp_path, monkeypatch):
    """The demo county with resident_write at 3 per 60 s, time standing at START until a test moves it."""
    clock = {"now": START}
    monkeypatch.setattr(ratelimit, "now", lambda: clock["now"])
    with demo_county_with(tmp_path, monkeypatch, DEMO_RULE, "  resident_write: { requests: 3, window_seconds: 60 }"):
        yield probe_app(), clock


def statuses(app, n: int, **kwargs) -> list[int]:
    return [call(app, **kwargs)["statusCode"] for _ in range(n)]


def counters(stack) -> list[dict]:
    table = stack.physical("MileageTable")
    return [i for i in boto3.client("dynamodb").scan(TableName=table)["Items"] if i["pk"]["S"].startswith("RATE#")]


def test_the_request_past_the_limit_is_429_with_retry_after_and_the_error_body(limited):
    app, clock = limited
    assert statuses(app, 3) == [200, 200, 200]
    clock["now"] = START + timedelta(seconds=15.5)
    refused = call(app)
    assert refused["statusCode"] == 429
    assert refused["headers"]["Retry-After"] == "45"  # ceil(60 - 15.5): seconds to the window's end
    body = json.loads(refused["body"])
    assert body["code"] == "TOO_MANY_REQUESTS"
    assert body["message"] == "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요."
    assert body["details"] == {"retry_after_seconds": 45}
    assert call(app, method="GET", path="/mileage/unlimited-probe")["statusCode"] == 200  # a route not opted in


def test_the_counter_starts_again_in_the_next_window(limited):
    app, clock = limited
    assert statuses(app, 4) == [200, 200, 200, 429]
    clock["now"] = START + timedelta(seconds=59.9)
    assert call(app)["statusCode"] == 429
    assert call(app)["headers"]["Retry-After"] == "1"
    clock["now"] = START + timedelta(seconds=60)
    assert statuses(app, 4) == [200, 200, 200, 429]


def test_sources_are_counted_apart(limited):
    app, _ = limited
    assert statuses(app, 4, source="203.0.113.7") == [200, 200, 200, 429]
    assert statuses(app, 4, source="198.51.100.20") == [200, 200, 200, 429]
    assert statuses(app, 1, source="2001:db8::1") == [200]


def test_the_source_address_is_never_stored_and_the_counter_expires_with_its_window(stack, limited):
    app, _ = limited
    statuses(app, 2, source="203.0.113.7")
    [item] = counters(stack)
    assert "203.0.113.7" not in json.dumps(item)
    assert item["hits"] == {"N": "2"}
    assert int(item["expiration"]["N"]) == int((START + timedelta(seconds=60)).timestamp())  # TTL at the window's end
    assert item["pk"]["S"] == "RATE#" + ratelimit.source_key(
        county_code="demo", route=f"PUT {ROUTE}", window_start=int(START.timestamp()), source="203.0.113.7")


def test_a_county_limit_change_takes_effect(limited, tmp_path, monkeypatch):
    app, clock = limited
    assert statuses(app, 4) == [200, 200, 200, 429]
    clock["now"] = START + timedelta(minutes=5)
    with demo_county_with(tmp_path, monkeypatch, "  resident_write: { requests: 3, window_seconds: 60 }",
                          "  resident_write: { requests: 5, window_seconds: 600 }"):
        assert statuses(app, 6) == [200, 200, 200, 200, 200, 429]
        assert call(app)["headers"]["Retry-After"] == "300"  # the 10-minute window began at 10:00
