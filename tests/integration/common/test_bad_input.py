"""Bad input is a 4xx with the one error body, refused before any work, on every JSON route of every area and for
every role (issue #8 §4, §5): bodies that are not UTF-8 JSON, other content types, deep nesting, huge integers,
control characters in free text, numbers that move balances sent as strings or booleans, page tokens that are not
the queried list's key. Nothing is written."""

from __future__ import annotations

import base64
import importlib
import json
from typing import Any

import boto3
import pytest

from tests.builders import call_api, resident_claims, staff_claims


def areas_with_api() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every area with an HTTP API, and every table, from the template (a new area is guarded the day it has one)."""
    from devstack.stack import Stack

    stack = Stack("demo")
    areas = sorted({f.handler.split(".")[0] for f in stack.functions().values() if f.handler.endswith(".api.handler")})
    return tuple(areas), tuple(sorted(stack.of_type("AWS::DynamoDB::Table")))


AREAS, TABLES = areas_with_api()
CALLERS = {
    "admin": staff_claims("2026001", "GOV", "admin"),
    "hr": staff_claims("2026002", "HRD", "hr"),
    "audit": staff_claims("2026003", "AUD", "audit"),
    "dept_head": staff_claims("2026004", "FIN", "dept_head"),
    "panel": staff_claims("2026005", "PLAN", "panel"),
    "committee": staff_claims("2026006", "PLAN", "committee"),
    "staff": staff_claims("2026007", "FIN"),
    "resident": resident_claims(),
    "no token": None,
}
BAD_BODIES: dict[str, tuple[bytes, dict[str, str], int, str]] = {
    # name: (raw body, headers, status, code)
    "invalid UTF-8": (b'{"reason": "\xc3\x28"}', {}, 422, "VALIDATION_FAILED"),
    "UTF-16 with BOM": ('{"reason": "사유입니다"}'.encode("utf-16"), {}, 422, "VALIDATION_FAILED"),
    "UTF-16 without BOM": ('{"reason": "사유입니다"}'.encode("utf-16-le"), {}, 422, "VALIDATION_FAILED"),
    "nested 100,000 deep": (b"[" * 100_000, {}, 422, "VALIDATION_FAILED"),
    "a 5,000-digit integer": (b'{"points": ' + b"9" * 5000 + b"}", {}, 422, "VALIDATION_FAILED"),
    "multipart without boundary": (b'{"reason": "x"}', {"content-type": "multipart/form-data"}, 415,
                                   "UNSUPPORTED_MEDIA_TYPE"),
    "form-encoded": (b"reason=x", {"content-type": "application/x-www-form-urlencoded"}, 415,
                     "UNSUPPORTED_MEDIA_TYPE"),
    "text/plain": (b'{"reason": "x"}', {"content-type": "text/plain"}, 415, "UNSUPPORTED_MEDIA_TYPE"),
}


def json_routes(area: str) -> list[tuple[str, str]]:
    """(METHOD, concrete path) of every route of the area that takes a JSON body, from its OpenAPI spec."""
    spec = importlib.import_module(f"{area}.api").app.get_openapi_schema().model_dump(by_alias=True,
                                                                                      exclude_none=True)
    routes = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                concrete = path
                for parameter in operation.get("parameters", []):
                    concrete = concrete.replace("{" + parameter["name"] + "}", "FIN")
                routes.append((method.upper(), concrete))
    return routes


def everything(stack) -> list[dict[str, Any]]:
    """Every item of every table (a test may scan), but the per-source request counters: counting a request, bad or
    not, is what a rate limit is for (`common.ratelimit`)."""
    client = boto3.client("dynamodb")
    return [item for table in TABLES for item in client.scan(TableName=stack.physical(table))["Items"]
            if item.get("pk", {}).get("S") != "RATE"]


def call(area: str, method: str, path: str, who: dict | None, **event: Any) -> tuple[int, Any]:
    return call_api(area, method, path, claims=who, **event)


def test_both_areas_have_json_routes_to_guard():
    assert len(json_routes("directory")) >= 2 and len(json_routes("mileage")) >= 8


@pytest.mark.parametrize("name", list(BAD_BODIES))
@pytest.mark.parametrize("area", AREAS)
def test_a_bad_body_is_refused_on_every_json_route_for_every_role_before_any_work(stack, area, name):
    raw, headers, status, code = BAD_BODIES[name]
    before = everything(stack)
    answers = {(method, path, role): call(area, method, path, who, raw_body=raw, headers=headers)
               for method, path in json_routes(area) for role, who in CALLERS.items()}
    assert {key: (s, b["code"]) for key, (s, b) in answers.items() if (s, b["code"]) != (status, code)} == {}
    assert all(body["message"] for _, body in answers.values())
    assert everything(stack) == before


# ------------------------------------------------------------------ free text and strict numbers (issue #8 §5)
def grant(**override: Any) -> dict[str, Any]:
    return {"item_code": "PROCESS", "points": 3, "act_title": "민원 처리 절차 간소화", "act_date": "2026-11-20",
            "recipients": [{"employee_no": "2026007"}], **override}


@pytest.mark.parametrize("area,method,path,who,body,field,error_type", [
    ("mileage", "POST", "/mileage/grants", "dept_head", grant(act_title="a\u0000b\u0007c\u202e"), "act_title",
     "text_forbidden_character"),
    ("mileage", "POST", "/mileage/grants", "dept_head", grant(act_description="설명\u2066숨김\u2069"),
     "act_description", "text_forbidden_character"),
    ("mileage", "POST", "/mileage/grants", "dept_head", grant(act_ref="공문\r\nX-Evil: 1"), "act_ref",
     "text_forbidden_character"),
    ("mileage", "POST", "/mileage/grants/G1/reject", "audit", {"reason": "반려\u0085사유"}, "reason",
     "text_forbidden_character"),
    ("mileage", "POST", "/mileage/proposals/P1/dismiss", "dept_head", {"reason": "기각\u202d사유"}, "reason",
     "text_forbidden_character"),
    ("directory", "POST", "/directory/committee/members", "admin",
     {"civilian": True, "gender": "F", "name": "김\u202e위원", "affiliation": "대학교", "term_start": "2026-01-01",
      "term_end": "2027-12-31"}, "name", "text_forbidden_character"),
    ("mileage", "POST", "/mileage/grants", "dept_head", grant(points="5"), "points", "int_type"),
    ("mileage", "POST", "/mileage/grants", "dept_head", grant(points=True), "points", "int_type"),
    ("mileage", "POST", "/mileage/grants", "dept_head", grant(points=5.0), "points", "int_type"),
    ("mileage", "POST", "/mileage/grants", "dept_head",
     grant(recipients=[{"employee_no": "2026007", "share": "2"}]), "recipients.0.share", "int_type"),
    ("mileage", "POST", "/mileage/proposals/P1/confirm", "dept_head", {"points": "5"}, "points", "int_type"),
    ("mileage", "POST", "/mileage/proposals/P1/confirm", "dept_head", {"points": False}, "points", "int_type"),
])
def test_control_characters_and_loose_numbers_are_refused_with_a_korean_field_message(
        stack, area, method, path, who, body, field, error_type):
    before = everything(stack)
    status, answer = call(area, method, path, CALLERS[who], body=body)
    assert (status, answer["code"]) == (422, "VALIDATION_FAILED")
    assert [(d["field"], d["type"]) for d in answer["details"]] == [(field, error_type)]
    assert answer["details"][0]["message"]
    assert everything(stack) == before


# ------------------------------------------------------------------ page tokens (issue #8 §4)
def token_of(key: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


@pytest.mark.parametrize("path,who,key", [
    ("/mileage/accounts/E1/ledger", "E1", {"pk": {"S": "ACCT#E1"}}),
    ("/mileage/accounts/E1/ledger", "E1", {"pk": {"S": "ACCT#E1"}, "sk": {"S": "LEDGER#1"}, "gsi1pk": {"S": "x"}}),
    ("/mileage/departments/FIN/accounts", "H1", {"gsi1pk": {"S": "DEPTACCT#FIN"}, "gsi1sk": {"S": "E1"}}),
    ("/mileage/departments/FIN/accounts", "H1", {"pk": {"S": "ACCT#E1"}, "sk": {"S": "BALANCE"},
                                                 "gsi1pk": {"S": "DEPTACCT#FIN"}}),
    ("/mileage/grants", "A1", {"gsi1pk": {"S": "GRANTS#SUBMITTED"}, "gsi1sk": {"S": "2026"}}),
])
def test_a_page_token_without_the_lists_key_attributes_is_refused(stack, path, who, key):
    from tests.integration.mileage.conftest import claims, directory_event, project

    assert project(*(directory_event("EmployeeJoined", no) for no in ("E1", "H1", "A1"))) == {
        "batchItemFailures": []}
    status, answer = call("mileage", "GET", path, claims(who), query={"next_token": token_of(key)})
    assert (status, answer["code"]) == (422, "INVALID_TOKEN")


def path_routes(area: str) -> list[tuple[str, str, list[str]]]:
    """(METHOD, OpenAPI path, path parameter names) of every route of the area with a path parameter."""
    spec = importlib.import_module(f"{area}.api").app.get_openapi_schema().model_dump(
        mode="json", by_alias=True, exclude_none=True)
    return [(method.upper(), path, [p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"])
            for path, item in spec["paths"].items() for method, operation in item.items()
            if any(p.get("in") == "path" for p in operation.get("parameters", []))]


def test_the_areas_have_path_ids_to_guard():
    assert len(path_routes("mileage")) >= 3 and sum(len(path_routes(area)) for area in AREAS) >= 50


@pytest.mark.parametrize("area", AREAS)
def test_a_path_id_that_cannot_be_a_key_is_refused_before_any_work(stack, area):
    # A 3,000-character id reaches no table (DynamoDB refuses keys over 1,024/2,048 bytes with an error → 500)
    routes = path_routes(area)  # none for an area whose routes are all the caller's own (residents)
    before = everything(stack)
    for method, path, names in routes:
        concrete = path
        for name in names:
            concrete = concrete.replace("{" + name + "}", "A" * 3000)
        status, body = call(area, method, concrete, CALLERS["admin"], body={})
        assert (status, body["code"]) == (422, "VALIDATION_FAILED"), (method, path)
    assert everything(stack) == before
