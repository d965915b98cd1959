"""Local mode over real HTTP: moto server + the real handlers + the local gateway, with the demo roster loaded through
the directory API and its events delivered (stream → relay → EventBridge → queue → Cognito sync), as deployed."""

from __future__ import annotations

import base64
import json
import logging
import time
import urllib.error
import urllib.request
from typing import Any

import boto3
import jwt
import pytest

from tests.builders import local_token, running_local

pytestmark = pytest.mark.http


@pytest.fixture(scope="module")
def local():
    with running_local() as started:
        yield started


def call(local, method: str, path: str, *, token: str | None = None, body: bytes | None = None,
         content_type: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(local.gateway.url + path, method=method, data=body)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


token_of = local_token


def users(local) -> list[dict[str, Any]]:
    from devstack.demo import describe_users

    return describe_users(local.stack.physical("UserPool"))


def forged(local, **changes: Any) -> str:
    """A token signed with moto's own Cognito key (so the signature is valid), with some claims changed."""
    import gzip
    from pathlib import Path

    import moto.cognitoidp

    real = jwt.decode(token_of(local, "2026012"), options={"verify_signature": False})
    resources = Path(moto.cognitoidp.__file__).parent / "resources"
    key = jwt.PyJWK(json.loads(gzip.decompress((resources / "jwks-private.json.gz").read_bytes()))).key
    return jwt.encode({**real, **changes}, key, algorithm="RS256", headers={"kid": "dummy"})


# ---------------------------------------------------------------- the authorizer
def test_no_token_is_401_without_calling_the_function(local):
    status, _, body = call(local, "GET", "/directory/me")
    assert (status, json.loads(body)) == (401, {"message": "Unauthorized"})


def test_tampered_token_is_401(local):
    header, payload, signature = token_of(local, "2026012").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["cognito:groups"] = ["staff", "admin"]  # promote myself, keep the old signature
    tampered = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    status, _, body = call(local, "GET", "/directory/me", token=f"{header}.{tampered}.{signature}")
    assert (status, json.loads(body)) == (401, {"message": "Unauthorized"})


def test_expired_or_foreign_tokens_are_401_even_when_signed(local):
    assert call(local, "GET", "/directory/me", token=forged(local))[0] == 200  # control: the forgery itself is fine
    assert call(local, "GET", "/directory/me", token=forged(local, exp=int(time.time()) - 60))[0] == 401
    assert call(local, "GET", "/directory/me", token=forged(local, aud="another-app-client"))[0] == 401
    other_pool = "https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_other"
    assert call(local, "GET", "/directory/me", token=forged(local, iss=other_pool))[0] == 401


def test_unknown_route_is_404(local):
    status, _, body = call(local, "GET", "/directory/nothing-here")
    assert (status, json.loads(body)) == (404, {"message": "Not Found"})


def test_request_log_has_no_token(local, caplog):
    token = token_of(local, "2026012")
    with caplog.at_level(logging.INFO, logger="devstack.gateway"):
        status, _, _ = call(local, "GET", "/directory/me?secret=x", token=token)
    assert status == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "devstack.gateway"]
    assert lines == [lines[0]] and lines[0].startswith("GET /directory/me 200 ")
    assert token not in caplog.text and "secret" not in caplog.text


# ---------------------------------------------------------------- documentation
def test_swagger_ui_and_openapi_are_served_without_a_token(local):
    status, headers, body = call(local, "GET", "/directory/docs")
    assert status == 200 and "text/html" in headers["content-type"] and b"swagger" in body.lower()
    status, _, body = call(local, "GET", "/directory/docs?format=json")
    spec = json.loads(body)
    assert status == 200 and spec["openapi"].startswith("3.")
    assert "/directory/me" in spec["paths"] and "/directory/imports" in spec["paths"]


# ---------------------------------------------------------------- roles through real tokens
def test_department_head_sees_own_department_only(local):
    heads = [u for u in users(local) if "dept_head" in u["groups"] and u["groups"] == ["dept_head", "staff"]]
    head = heads[0]
    other = next(u["department"] for u in users(local) if u["department"] != head["department"])
    token = token_of(local, head["username"])

    status, _, body = call(local, "GET", f"/directory/departments/{head['department']}/members", token=token)
    assert status == 200, body
    members = json.loads(body)["staff"]
    expected = {u["username"] for u in users(local) if u["department"] == head["department"]}
    assert {m["employee_no"] for m in members} == expected

    status, _, body = call(local, "GET", f"/directory/departments/{other}/members", token=token)
    assert status == 403, body


# ---------------------------------------------------------------- event delivery
def test_import_events_reached_cognito_through_stream_bus_and_queue(local):
    """Every imported employee became a Cognito user (only the sync consumer creates them), with the department
    and groups the directory derived, and can sign in and call the API with the token."""
    by_name = {u["username"]: u for u in users(local)}
    assert len(by_name) == 31 and all(u["status"] == "CONFIRMED" for u in by_name.values())
    assert by_name["2026011"]["department"] == "FIN" and "dept_head" in by_name["2026011"]["groups"]
    assert "hr" in by_name["2026007"]["groups"]

    status, _, body = call(local, "GET", "/directory/me", token=token_of(local, "2026013"))
    assert status == 200, body
    me = json.loads(body)
    assert me["employee_no"] == "2026013" and me["department"] == "FIN"

    table = local.stack.physical("DirectoryTable")  # every outbox entry was published by the relay
    pending = boto3.client("dynamodb").query(
        TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :p",
        ExpressionAttributeValues={":p": {"S": "OUTBOX_PENDING"}})["Items"]
    assert pending == []


def test_failing_message_lands_in_the_dlq_after_max_receives_and_replay_moves_it_back(local):
    from devstack.pump import replay_dlq

    sqs = boto3.client("sqs")
    queue, (dlq, max_receives) = "DirectoryCognitoSyncQueue", local.stack.redrive("DirectoryCognitoSyncQueue")
    queue_url = sqs.get_queue_url(QueueName=local.stack.queue_name(queue))["QueueUrl"]
    dlq_url = sqs.get_queue_url(QueueName=local.stack.queue_name(dlq))["QueueUrl"]

    def depth(url: str) -> int:
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])

    sqs.send_message(QueueUrl=queue_url, MessageBody="{not an EventBridge event")
    failures = 0
    for _ in range(max_receives + 3):
        failures += local.pump.pump_once()["failed"]
        if depth(dlq_url):
            break
    assert failures == max_receives  # delivered maxReceiveCount times, failing each time
    assert (depth(queue_url), depth(dlq_url)) == (0, 1)

    assert replay_dlq(local.stack, queue) == 1
    assert (depth(queue_url), depth(dlq_url)) == (1, 0)
    sqs.purge_queue(QueueUrl=queue_url)


def test_make_token_signs_in_an_employee_imported_after_start_up_and_says_why_not_otherwise(local):
    """`make token` for someone imported while the stack runs: the Cognito sync created the user without a password;
    the command gives it the demo password (local mode only) instead of a traceback. Unknown users are refused with
    a sentence."""
    from devstack.demo import SignInRefused, local_sign_in, sign_in

    pool, client = local.stack.physical("UserPool"), local.stack.physical("UserPoolClient")
    admin = token_of(local, "2026010")
    row = "사번,성명,부서코드,직급,고용형태,팀장여부\n2026099,신규자,FIN,9,일반직,N\n".encode()
    status, _, body = call(local, "POST", "/directory/imports?kind=staff&mode=partial", token=admin, body=row,
                           content_type="text/csv")
    assert status == 200, body
    local.pump.drain(timeout=10)
    with pytest.raises(Exception, match=r"NotAuthorized|PasswordResetRequired|password"):
        sign_in(pool, client, "2026099")  # what `make token` did before: no password yet → a boto3 traceback

    token = local_sign_in(pool, client, "2026099")["IdToken"]
    status, _, body = call(local, "GET", "/directory/me", token=token)
    assert status == 200 and json.loads(body)["employee_no"] == "2026099"

    with pytest.raises(SignInRefused, match="no such user"):
        local_sign_in(pool, client, "2029999")
