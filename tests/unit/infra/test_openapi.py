"""The API contract: each function's OpenAPI spec (the one Swagger UI shows) says what its routes answer."""

from __future__ import annotations

import importlib
import inspect
import json
import re
from typing import Any

import pytest
from openapi_spec_validator import validate

from devstack.stack import Stack
from tests.builders import LambdaContext, api_event

METHODS = ("get", "post", "put", "delete", "patch")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def api_apps() -> dict[str, Any]:
    stack = Stack("demo")
    handlers = {route.function for route in stack.routes()}
    functions = stack.functions()
    return {logical_id: importlib.import_module(functions[logical_id].handler.rsplit(".", 1)[0]).app
            for logical_id in sorted(handlers)}


APPS = api_apps()


def spec_of(app: Any) -> dict[str, Any]:
    return json.loads(app.get_openapi_json_schema(title="t", version="1"))


def operations(spec: dict[str, Any]):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def route_functions(app: Any) -> dict[tuple[str, str], Any]:
    """(method, OpenAPI path) → the route's Python function."""
    out = {}
    for route in app._static_routes + app._dynamic_routes:
        if route.include_in_schema:
            out[(route.method.lower(), route.openapi_path)] = route.func
    return out


def schema_ref(response: dict[str, Any]) -> str:
    return json.dumps(response["content"]["application/json"]["schema"])


@pytest.mark.parametrize("name", sorted(APPS))
def test_the_spec_is_valid_openapi_3_1(name):
    spec = spec_of(APPS[name])
    assert spec["openapi"].startswith("3.1")
    validate(spec)


@pytest.mark.parametrize("name", sorted(APPS))
def test_every_operation_declares_the_errors_it_can_answer_with_the_one_error_body(name):
    spec = spec_of(APPS[name])
    error_body = spec["components"]["schemas"]["ErrorBody"]
    assert error_body["required"] == ["code", "message"]
    assert {"code", "message", "details", "correlation_id"} <= set(error_body["properties"])
    for method, path, operation in operations(spec):
        responses = operation["responses"]
        for status in ("400", "403", "422"):
            assert "ErrorBody" in schema_ref(responses[status]), (method, path, status)
        for status in ("401", "429"):  # API Gateway's own answers: {"message": ...}
            assert "GatewayMessage" in schema_ref(responses[status]), (method, path, status)
        # a per-source limit (common.ratelimit) answers 429 with the error body and Retry-After
        assert "ErrorBody" in schema_ref(responses["429"]) and "Retry-After" in responses["429"]["headers"]
        assert "ErrorBody" in schema_ref(responses["500"]), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        if method != "get":
            assert "409" in responses, (method, path)
        if operation.get("requestBody"):
            assert "415" in responses and "413" in responses, (method, path)
    assert "HTTPValidationError" not in json.dumps(spec)  # Powertools' own 422 shape is not what we answer


@pytest.mark.parametrize("name", sorted(APPS))
def test_a_route_that_answers_without_a_body_declares_204_with_no_content_and_only_those(name):
    app = APPS[name]
    spec = spec_of(app)
    for (method, path), func in route_functions(app).items():
        empty = bool(re.search(r"Response\(\s*(status_code=)?204\b", inspect.getsource(func)))
        responses = spec["paths"][path][method]["responses"]
        assert ("204" in responses) == empty, (method, path)
        if empty:
            assert "content" not in responses["204"] and "200" not in responses, (method, path)


@pytest.mark.parametrize("name", sorted(APPS))
def test_a_route_that_creates_declares_201_and_only_those(name):
    app = APPS[name]
    spec = spec_of(app)
    for (method, path), func in route_functions(app).items():
        source = inspect.getsource(func)
        creates = bool(re.search(r"Response\(\s*(status_code=)?201\b|, 201\)", source))
        responses = spec["paths"][path][method]["responses"]
        assert ("201" in responses) == creates, (method, path)
        if creates:
            assert responses["201"]["content"]["application/json"]["schema"], (method, path)


@pytest.mark.parametrize("name", sorted(APPS))
def test_the_idempotency_key_header_is_declared_where_a_route_reads_it(name):
    app = APPS[name]
    spec = spec_of(app)
    for (method, path), func in route_functions(app).items():
        source = inspect.getsource(func).lower()
        headers = {p["name"]: p for p in spec["paths"][path][method].get("parameters", []) if p["in"] == "header"}
        assert ("idempotency-key" in source) == ("Idempotency-Key" in headers), (method, path)
        if "Idempotency-Key" in headers:
            refuses_without = "idempotency_key_required" in source
            assert headers["Idempotency-Key"]["required"] is refuses_without, (method, path)


@pytest.mark.parametrize("name", sorted(APPS))
def test_bearer_jwt_security_so_swagger_ui_has_an_authorize_button(name):
    spec = spec_of(APPS[name])
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"]}
    assert spec["security"] == [{"bearerAuth": []}]


def test_the_roster_import_takes_a_csv_or_xlsx_file_body():
    spec = spec_of(APPS["DirectoryApiFunction"])
    body = spec["paths"]["/directory/imports"]["post"]["requestBody"]
    assert body["required"] is True
    for media in ("text/csv", XLSX):
        assert body["content"][media]["schema"] == {"type": "string", "format": "binary"}


def test_swagger_ui_serves_the_completed_spec():
    """What Swagger UI loads (`?format=json` on the docs route, no token) is the completed spec."""
    module = importlib.import_module("directory.api")
    event = api_event("GET", "/directory/docs", query={"format": "json"})
    response = module.app.resolve(event, LambdaContext())
    served = json.loads(response["body"])
    assert served["info"]["title"] == "직원 명부 API"
    assert served["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "201" in served["paths"]["/directory/committee/members"]["post"]["responses"]
    validate(served)
