"""The one error mapping every function shares: domain errors and validation failures as one JSON body."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import BaseModel, Field

from common.errors import Conflict, NotFound
from common.http import build_app, current_caller, lambda_handler
from common.identity import Role
from tests.builders import api_event, response_json, staff_claims

app = build_app(title="test", docs_path="/t/docs")


class Grant(BaseModel):
    points: int = Field(ge=1, le=10)
    reason: str = Field(min_length=1)


@app.post("/t/grants")
def create(grant: Grant) -> dict:
    current_caller(app).require(Role.DEPT_HEAD)
    return {"points": grant.points}


@app.get("/t/things/<thing_id>")
def get_thing(thing_id: str, verbose: Annotated[bool, Query()] = False) -> dict:
    current_caller(app)
    if thing_id == "missing":
        raise NotFound("그런 것은 없습니다.")
    if thing_id == "busy":
        raise Conflict(details={"retry": True})
    return {"id": thing_id, "verbose": verbose}


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
