"""The one error mapping every function shares: domain errors and validation failures as one JSON body."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import pytest
from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import BaseModel, Field

from common.clock import KST
from common.errors import Conflict, NotFound
from common.http import build_app, current_caller, lambda_handler
from common.identity import Role
from tests.builders import api_event, response_json, staff_claims

app = build_app(title="test", docs_path="/t/docs")


class Grant(BaseModel):
    points: int = Field(ge=1, le=10)
    reason: str = Field(min_length=1)


REACHED: list[str] = []  # routes record that they ran: a refused body never reaches one


@app.post("/t/grants")
def create(grant: Grant) -> dict:
    REACHED.append("create")
    current_caller(app).require(Role.DEPT_HEAD)
    return {"points": grant.points}


@app.get("/t/broken")
def broken() -> dict:
    raise ValueError("홍길동 010-1234-5678 broke it")  # a message that quotes personal data


@app.get("/t/things/<thing_id>")
def get_thing(thing_id: str, verbose: Annotated[bool, Query()] = False) -> dict:
    current_caller(app)
    if thing_id == "missing":
        raise NotFound("그런 것은 없습니다.")
    if thing_id == "busy":
        raise Conflict(details={"retry": True})
    return {"id": thing_id, "verbose": verbose}


class Line(BaseModel):
    on: date
    note: str | None = None


class Sheet(BaseModel):
    title: str
    at: datetime
    lines: list[Line]
    total: Decimal


class Wider(Sheet):
    secret: str = "내부 메모"


SHEET = Sheet(title="군민 제안 — 검토", at=datetime(2026, 11, 30, 9, 5, tzinfo=KST), total=Decimal("12.50"),
              lines=[Line(on=date(2026, 11, 2)), Line(on=date(2026, 11, 3), note="보완 \"요청\"\n둘째 줄")])


@app.get("/t/sheet")
def sheet() -> Sheet:
    return SHEET


@app.get("/t/wider-sheet")
def wider_sheet() -> Sheet:
    return Wider(**SHEET.model_dump())


@app.get("/t/sheet-or-file")
def sheet_or_file(format: Annotated[str, Query()] = "json"):  # unannotated: it also answers a file
    if format == "json":
        return Response(200, content_types.APPLICATION_JSON, SHEET)
    return Response(200, "text/csv; charset=utf-8", b"title\r\n", compress=False)


handler = lambda_handler(app)
HEAD = staff_claims("2026001", "FIN", "dept_head")


def test_valid_request(context):
    response = handler(api_event("POST", "/t/grants", claims=HEAD, body={"points": 3, "reason": "협업"}), context)
    assert response["statusCode"] == 200 and response_json(response) == {"points": 3}


def test_validation_failure_names_each_field_in_korean(context):
    response = handler(api_event("POST", "/t/grants", claims=HEAD, body={"points": 11}), context)
    body = response_json(response)
    assert response["statusCode"] == 422
    assert body["code"] == "VALIDATION_FAILED"
    by_field = {d["field"]: d for d in body["details"]}
    assert by_field["points"]["message"] == "값이 너무 큽니다." and by_field["points"]["type"] == "less_than_equal"
    assert by_field["reason"]["message"] == "필수 항목이 빠졌습니다."


def test_malformed_json_is_a_validation_failure(context):
    response = handler(api_event("POST", "/t/grants", claims=HEAD, body="{not json"), context)
    assert response["statusCode"] == 422 and response_json(response)["code"] == "VALIDATION_FAILED"


def test_a_route_returning_its_model_answers_what_powertools_would_write(context):
    """The route's own model is written by pydantic in one step; the body is what Powertools' way writes (the
    declared model's fields, JSON values, Korean unescaped)."""
    response = handler(api_event("GET", "/t/sheet", claims=HEAD), context)
    assert response["statusCode"] == 200 and response["headers"]["Content-Type"] == "application/json"
    expected = SHEET.model_dump(mode="json")
    assert response_json(response) == expected == {
        "title": "군민 제안 — 검토", "at": "2026-11-30T09:05:00+09:00", "total": "12.50",
        "lines": [{"on": "2026-11-02", "note": None}, {"on": "2026-11-03", "note": "보완 \"요청\"\n둘째 줄"}]}
    assert "군민 제안" in response["body"]  # not \uXXXX
    # a subclass is not the declared type: Powertools' way, which writes only the declared fields
    wider = handler(api_event("GET", "/t/wider-sheet", claims=HEAD), context)
    assert wider["statusCode"] == 200 and response_json(wider) == expected
    # a route that also answers files gives its JSON answer as the model: the same body
    either = handler(api_event("GET", "/t/sheet-or-file", claims=HEAD), context)
    assert response_json(either) == expected and either["body"] == response["body"]
    file = handler(api_event("GET", "/t/sheet-or-file", claims=HEAD, query={"format": "csv"}), context)
    assert file["isBase64Encoded"] and base64.b64decode(file["body"]) == b"title\r\n"


def test_domain_errors_map_to_status_and_stable_code(context):
    missing = handler(api_event("GET", "/t/things/missing", claims=HEAD), context)
    assert missing["statusCode"] == 404
    assert response_json(missing) == {"code": "NOT_FOUND", "message": "그런 것은 없습니다."}
    busy = handler(api_event("GET", "/t/things/busy", claims=HEAD), context)
    assert busy["statusCode"] == 409 and response_json(busy)["details"] == {"retry": True}


def test_role_check_and_missing_identity(context):
    staff = handler(api_event("POST", "/t/grants", claims=staff_claims("2026002", "FIN"),
                              body={"points": 3, "reason": "x"}), context)
    assert staff["statusCode"] == 403 and response_json(staff)["code"] == "ROLE_REQUIRED"
    anonymous = handler(api_event("GET", "/t/things/1"), context)
    assert anonymous["statusCode"] == 401 and response_json(anonymous)["code"] == "UNAUTHORIZED"


def test_swagger_and_openapi_are_served(context):
    html = handler(api_event("GET", "/t/docs"), context)
    assert html["statusCode"] == 200 and "swagger" in html["body"].lower()
    spec = handler(api_event("GET", "/t/docs", query={"format": "json"}), context)
    assert response_json(spec)["openapi"].startswith("3.")


def test_korean_is_sent_as_is_not_escaped(context):
    response = handler(api_event("GET", "/t/things/missing", claims=HEAD), context)
    assert "그런 것은 없습니다." in response["body"]


# ------------------------------------------------------------------ bodies that once escaped as 500s (issue #8 §4)
BAD_BODIES = {
    "invalid UTF-8": (b'{"points": 3, "reason": "\xc3\x28"}', "json_not_utf8"),
    "UTF-16 with BOM": ('{"points": 3, "reason": "x"}'.encode("utf-16"), "json_not_utf8"),
    "UTF-16 without BOM": ('{"points": 3, "reason": "x"}'.encode("utf-16-le"), "json_invalid"),
    "nested 100,000 deep": (b"[" * 100_000, "json_too_deep"),
    "a 5,000-digit integer": (b'{"points": ' + b"9" * 5000 + b', "reason": "x"}', "json_number_too_long"),
    "NaN": (b'{"points": NaN, "reason": "x"}', "json_invalid"),
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_a_body_that_is_not_utf8_json_is_a_422_before_the_route_runs(context, name):
    raw, error_type = BAD_BODIES[name]
    REACHED.clear()
    response = handler(api_event("POST", "/t/grants", claims=HEAD, raw_body=raw), context)
    body = response_json(response)
    assert (response["statusCode"], body["code"]) == (422, "VALIDATION_FAILED")
    assert [d["type"] for d in body["details"]] == [error_type] and body["details"][0]["message"]
    assert REACHED == []


@pytest.mark.parametrize("content_type", [
    "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "application/x-www-form-urlencoded",
    "application/json; charset=utf-16",
])
def test_a_json_route_refuses_other_content_types_with_415(context, content_type):
    REACHED.clear()
    response = handler(api_event("POST", "/t/grants", claims=HEAD, body={"points": 3, "reason": "x"},
                                 headers={"content-type": content_type}), context)
    assert response["statusCode"] == 415 and response_json(response)["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert REACHED == []


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=UTF-8", ""])
def test_json_in_utf8_is_read_as_before(context, content_type):
    response = handler(api_event("POST", "/t/grants", claims=HEAD, raw_body='{"points": 3, "reason": "협업"}'.encode(),
                                 headers={"content-type": content_type}), context)
    assert response["statusCode"] == 200 and response_json(response) == {"points": 3}


@pytest.fixture
def log_lines():
    """What the shared logger writes during the test, as parsed JSON lines (same formatter as in Lambda)."""
    import io
    import logging

    from common.observability import logger

    buffer = io.StringIO()
    probe = logging.StreamHandler(buffer)
    probe.setFormatter(logger.registered_formatter)
    logger._logger.addHandler(probe)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logger._logger.removeHandler(probe)


def test_an_unexpected_error_is_a_generic_500_with_the_request_id_logged_without_its_message(context, log_lines):
    event = api_event("GET", "/t/broken", claims=HEAD)
    response = handler(event, context)
    body = response_json(response)
    assert response["statusCode"] == 500
    assert body == {"code": "INTERNAL_ERROR", "message": body["message"],
                    "correlation_id": event["requestContext"]["requestId"]}
    assert "홍길동" not in response["body"] and "ValueError" not in response["body"]
    logged = log_lines()
    error = next(line for line in logged if line.get("message") == "unexpected error")
    assert error["error_type"] == "ValueError" and "in broken" in error["stack"]
    assert error["correlation_id"] == event["requestContext"]["requestId"]
    assert "홍길동" not in json.dumps(logged, ensure_ascii=False) and "010-1234" not in json.dumps(logged)


def test_an_unknown_route_keeps_its_404_in_the_one_error_body(context):
    response = handler(api_event("GET", "/t/nowhere", claims=HEAD), context)
    assert response["statusCode"] == 404 and response_json(response)["code"] == "NOT_FOUND"
