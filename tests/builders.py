"""Builders for what Lambda hands our handlers: API Gateway HTTP API (v2) events, SQS batches, a context."""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode


@dataclass
class LambdaContext:
    function_name: str = "test-function"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:ap-northeast-2:123456789012:function:test-function"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 30_000


def staff_claims(employee_no: str, department: str | None, *roles: str) -> dict[str, Any]:
    """Claims as the HTTP API JWT authorizer passes them: array claims flattened to "[a b]"."""
    groups = ["staff", *roles]
    return {
        "sub": f"sub-{employee_no}",
        "cognito:username": employee_no,
        "custom:department": department or "",
        "cognito:groups": "[" + " ".join(groups) + "]",
        "token_use": "id",
    }


def resident_claims(subject: str = "resident-1") -> dict[str, Any]:
    """Claims of a resident's ID token: issued by the residents' pool (no groups, no employee number). The issuer
    names the pool of the stack the test runs on, bound when the event is built (`api_event`), so claims made at
    import time still name the pool the `stack` fixture creates."""
    return {"sub": subject, "cognito:username": subject, "email_verified": "true", "token_use": "id",
            "iss": f"{ISSUER_PREFIX}{TEST_RESIDENT_POOL}"}


def api_event(method: str, path: str, *, claims: dict[str, Any] | None = None, body: Any = None,
              query: dict[str, str] | None = None, headers: dict[str, str] | None = None,
              raw_body: bytes | None = None, route_path: str | None = None) -> dict[str, Any]:
    """An API Gateway HTTP API payload v2 event, as the JWT-authorized route would deliver it."""
    headers = {"content-type": "application/json", **(headers or {})}
    is_base64 = raw_body is not None
    if raw_body is not None:
        text_body: str | None = base64.b64encode(raw_body).decode()
    elif body is None:
        text_body = None
    else:
        text_body = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": f"{method} {route_path or path}",
        "rawPath": path,
        "rawQueryString": urlencode(query or {}),
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "local", "domainName": "localhost", "domainPrefix": "localhost",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                     "userAgent": "pytest"},
            "requestId": str(uuid.uuid4()), "routeKey": f"{method} {route_path or path}", "stage": "$default",
            "time": "23/Nov/2026:10:00:00 +0900", "timeEpoch": 1795395600000,
        },
        "isBase64Encoded": is_base64,
    }
    if query:
        event["queryStringParameters"] = dict(query)
    if text_body is not None:
        event["body"] = text_body
    if claims is not None:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": bind_resident_pool(claims), "scopes": None}}
    return event


def sqs_event(*bodies: dict[str, Any], queue_arn: str = "arn:aws:sqs:ap-northeast-2:123456789012:q") -> dict[str, Any]:
    return {"Records": [{
        "messageId": str(uuid.uuid4()), "receiptHandle": f"rh-{i}", "body": json.dumps(body, ensure_ascii=False),
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0", "SenderId": "x",
                       "ApproximateFirstReceiveTimestamp": "0"},
        "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": queue_arn,
        "awsRegion": "ap-northeast-2",
    } for i, body in enumerate(bodies)]}


def eventbridge_event(envelope: Any) -> dict[str, Any]:
    """What EventBridge puts on a consumer's queue for one envelope."""
    return {
        "version": "0", "id": str(uuid.uuid4()), "detail-type": envelope.detail_type, "source": envelope.source,
        "account": "123456789012", "time": envelope.occurred_at.isoformat(), "region": "ap-northeast-2",
        "resources": [], "detail": json.loads(envelope.model_dump_json()),
    }


def response_json(response: dict[str, Any]) -> Any:
    return json.loads(response["body"]) if response.get("body") else None


@contextmanager
def demo_county_with(tmp_path: Any, monkeypatch: Any, line: str, replacement: str,
                     *caches: Any) -> Iterator[None]:
    """The running county (the demo county, or what an enclosing `demo_county_with` made of it) with one line of its
    file replaced, until the block ends; `caches` (lru_caches of what was read from the county) are cleared on the
    way in and out."""
    import os

    from common.county import county

    root = Path(__file__).resolve().parent.parent
    current = Path(os.environ.get("COUNTY_CONFIG_PATH") or root / "infra" / "counties" / "demo.yaml")
    text = current.read_text(encoding="utf-8")
    assert line in text, line
    path = tmp_path / f"county-{len(list(tmp_path.glob('county-*.yaml')))}.yaml"
    path.write_text(text.replace(line, replacement), encoding="utf-8")
    monkeypatch.setenv("COUNTY_CONFIG_PATH", str(path))
    for cache in (county, *caches):
        cache.cache_clear()
    yield
    monkeypatch.setenv("COUNTY_CONFIG_PATH", str(current))
    for cache in (county, *caches):
        cache.cache_clear()


@contextmanager
def running_local(*, drain: bool = False) -> Iterator[Any]:
    """The local stack (moto server, the real handlers, the gateway) with the demo roster, the tests driving the pump;
    `drain`: deliver the roster's events to every consumer first (mileage's projection of heads and staff). On exit
    the environment, `sys.path` and every handler module's clients are as before."""
    import os
    import sys

    from devstack.local import Local

    saved_environ, saved_path = dict(os.environ), list(sys.path)
    started = Local(county="demo", retry_delay=0).start(background_pump=False)
    if drain:
        started.pump.drain(timeout=60)
    try:
        yield started
    finally:
        started.stop()
        packages = started.runtime.packages()
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.path[:] = saved_path
        from devstack.runtime import reset_module_state

        reset_module_state(packages)  # no handler module may keep a client for the stopped server


def local_token(local: Any, employee_no: str) -> str:
    """A demo user's ID token from the running local stack's user pool."""
    from devstack.demo import sign_in

    return sign_in(local.stack.physical("UserPool"), local.stack.physical("UserPoolClient"), employee_no)["IdToken"]


# ---------------------------------------------------------------- one harness for every area
def call_api(area: str, method: str, path: str, *, claims: dict[str, Any] | None = None,
             **event: Any) -> tuple[int, Any]:
    """Call an area's API handler as API Gateway would, as the person `claims` describes (`staff_claims(...)`,
    `resident_claims()`, None for no token): (status, JSON body)."""
    import importlib

    handler = importlib.import_module(f"{area}.api").handler
    response = handler(api_event(method, path, claims=claims, **event), LambdaContext(function_name=f"{area}-api"))
    return response["statusCode"], response_json(response)


def outbox(area: str) -> list[Any]:
    """The events an area has written and not yet relayed (its outbox, oldest first), as envelopes."""
    import os

    import boto3

    from common.events import OUTBOX_PENDING, EventEnvelope

    client, items, start = boto3.client("dynamodb"), [], None
    while True:
        page = client.query(TableName=os.environ[f"{area.upper()}_TABLE"], IndexName="gsi1",
                            KeyConditionExpression="gsi1pk = :p",
                            ExpressionAttributeValues={":p": {"S": OUTBOX_PENDING}},
                            **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return [EventEnvelope.model_validate_json(item["body"]["S"]) for item in items]


def typed(envelope: Any) -> Any:
    """An envelope's data read with its publisher's model (`contracts.<area>`)."""
    import importlib

    from common.events import events_of

    area = envelope.source.removeprefix("jeokgeuk.")
    models = {m.detail_type(): m for m in events_of(importlib.import_module(f"contracts.{area}"))}
    return models[envelope.detail_type].of(envelope)


# ---------------------------------------------------------------- residents (their own user pool)
ISSUER_PREFIX = "https://cognito-idp.ap-northeast-2.amazonaws.com/"
TEST_RESIDENT_POOL = "ap-northeast-2_residents"  # the residents' pool where a test builds no stack
os.environ.setdefault("RESIDENT_POOL_ID", TEST_RESIDENT_POOL)  # as the template sets it on every function


def bind_resident_pool(claims: dict[str, Any]) -> dict[str, Any]:
    """`resident_claims()` with the issuer of the residents' pool running now (the `stack` fixture's, a moto id)."""
    if claims.get("iss") != f"{ISSUER_PREFIX}{TEST_RESIDENT_POOL}":
        return claims
    return {**claims, "iss": f"{ISSUER_PREFIX}{os.environ.get('RESIDENT_POOL_ID') or TEST_RESIDENT_POOL}"}


def authorized_routes(function: str) -> set[tuple[str, str]]:
    """(method, path) of every route of `function` in the template that needs a token (an authorisation matrix must
    have a row for each)."""
    from devstack.stack import Stack

    return {(r.method, r.path) for r in Stack("demo").routes() if r.function == function and r.authorized}


def matrix_statuses(matrix: dict[str, tuple], callers: dict[str, Any], world: Any,
                    call: Any) -> dict[str, dict[str, int]]:
    """An authorisation matrix walked: for each row (name → (method, template path, request, …)), the status
    `call(method, path, claims, **kwargs)` answers each caller, the request built afresh from `world` every time."""
    got: dict[str, dict[str, int]] = {}
    for name, (method, _, request, *_) in matrix.items():
        got[name] = {}
        for who, claims in callers.items():
            path, kwargs = request(world)
            got[name][who] = call(method, path, claims, **kwargs)[0]
    return got
