"""The API contract: every function's OpenAPI spec says what its routes really answer.

Powertools builds the spec from the routes (parameters, bodies, the 200 model, a 422 of its own shape). This module
completes it in one place, for every function, instead of a long `responses={...}` on every route:

- every operation lists the statuses it can answer with the project's one error body (`ErrorBody`: `code`, Korean
  `message`, optional `details` and `correlation_id`); the 401 that API Gateway itself answers has its own body
  (`GatewayMessage`), a 429 either (the stage's throttle, or a per-source limit with `Retry-After`); a route that
  creates answers 201;
- the bearer (JWT) security scheme, so Swagger UI has an Authorize button;
- the `Idempotency-Key` header where a route reads it (required where it refuses a request without one);
- file request bodies for the roster import (CSV, XLSX), so an import can be tried from Swagger UI.

Routes whose answers differ from the rules below are declared by their area (`Contract`, in its `api.py`; a unit
test checks them against the route functions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.openapi.models import OpenAPI

BEARER = "bearerAuth"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REF = "#/components/schemas/"


@dataclass(frozen=True)
class Contract:
    """What an area's routes answer beyond what Powertools reads from them, declared in the area's `api.py`
    (keys: (method, OpenAPI path)); a unit test compares it with the route functions' source.

    created: the success statuses of routes that do not answer 200: 201 for a route that creates (201 and 200 where
      repeating creates nothing), 204 for one that answers without a body;
    idempotency_key: the routes that read an `Idempotency-Key` header, and whether they refuse a request without one;
    file_bodies: the media types of a file body a route reads raw."""

    created: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    idempotency_key: dict[tuple[str, str], bool] = field(default_factory=dict)
    file_bodies: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


ERROR_BODY: dict[str, Any] = {
    "title": "ErrorBody",
    "type": "object",
    "description": "모든 오류 응답의 형식",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "기계가 읽는 오류 코드 (예: VALIDATION_FAILED, FORBIDDEN)"},
        "message": {"type": "string", "description": "사람이 읽는 한국어 설명"},
        "details": {"description": "항목별 오류, 잘못된 행 목록 등 (있을 때만)"},
        "correlation_id": {"type": "string", "description": "문의할 때 알려 줄 요청 번호"},
    },
}
GATEWAY_MESSAGE: dict[str, Any] = {
    "title": "GatewayMessage",
    "type": "object",
    "description": "API Gateway 가 함수 호출 전에 직접 답할 때의 형식 (인증 실패, 호출 한도 초과)",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
}

DESCRIPTIONS = {
    "200": "성공",
    "201": "만들었습니다",
    "204": "처리했습니다 (본문 없음)",
    "400": "잘못된 요청 (읽을 수 없는 본문, 형식·크기 위반)",
    "401": "로그인 필요 (토큰이 없거나 유효하지 않음: API Gateway 가 답함)",
    "403": "권한 없음",
    "404": "대상을 찾을 수 없음",
    "409": "다른 변경과 충돌 (다시 시도)",
    "413": "본문이 너무 큼 (지자체 설정 limits.max_json_body_kb)",
    "415": "지원하지 않는 본문 형식 (Content-Type)",
    "422": "입력값 검증 실패 또는 규정 위반",
    "429": "호출 한도 초과 (API Gateway 의 단계 한도, 또는 주소별 한도: Retry-After 초 뒤에 다시 시도)",
    "500": "서버 오류 (correlation_id 로 문의)",
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _error(status: str) -> dict[str, Any]:
    if status == "401":
        schema: dict[str, Any] = {"$ref": REF + "GatewayMessage"}
    elif status in ("429", "500"):  # ours (a per-source limit; a failure), or API Gateway's own
        schema = {"anyOf": [{"$ref": REF + "ErrorBody"}, {"$ref": REF + "GatewayMessage"}]}
    else:
        schema = {"$ref": REF + "ErrorBody"}
    response: dict[str, Any] = {"description": DESCRIPTIONS[status], "content": _json(schema)}
    if status == "429":
        response["headers"] = {"Retry-After": {"description": "다시 시도할 수 있을 때까지의 초 (주소별 한도)",
                                               "schema": {"type": "integer", "minimum": 1}}}
    return response


def error_statuses(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer with, from what it takes."""
    parameters = operation.get("parameters") or []
    takes_input = bool(parameters) or "requestBody" in operation or "422" in operation["responses"]
    statuses = ["400", "401", "403"]
    if any(p.get("in") == "path" for p in parameters):
        statuses.append("404")
    if method in ("post", "put", "patch", "delete"):
        statuses.append("409")
    if "requestBody" in operation:
        statuses += ["413", "415"]
    if takes_input or method != "get":
        statuses.append("422")
    return [*statuses, "429", "500"]


def complete(spec: dict[str, Any], contract: Contract | None = None) -> dict[str, Any]:
    """The spec Powertools built, with every operation's statuses, security, headers and file bodies."""
    contract = contract or Contract()
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorBody"] = ERROR_BODY
    schemas["GatewayMessage"] = GATEWAY_MESSAGE
    spec["components"]["securitySchemes"] = {
        BEARER: {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                 "description": "Cognito ID 토큰 (로컬: make -s token EMP=<사번>)"}}
    spec["security"] = [{BEARER: []}]
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _complete_operation(method, path, operation, contract)
    schemas.pop("HTTPValidationError", None)  # our 422 is the ErrorBody, not Powertools' shape
    return spec


def _complete_operation(method: str, path: str, operation: dict[str, Any], contract: Contract) -> None:
    key = (method, path)
    media_types = contract.file_bodies.get(key)
    if media_types:
        operation["requestBody"] = {
            "required": True,
            "description": "명부 파일 (CSV: UTF-8 또는 CP949/EUC-KR; XLSX)",
            "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in media_types},
        }
    if key in contract.idempotency_key:
        operation.setdefault("parameters", []).append({
            "name": "Idempotency-Key", "in": "header", "required": contract.idempotency_key[key],
            "description": "같은 키로 다시 보내면 처음 결과를 돌려주고 한 번만 처리합니다.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 128},
        })
    responses: dict[str, Any] = operation["responses"]
    success = responses.pop("200", None) or {"description": DESCRIPTIONS["200"]}
    for status in contract.created.get(key, (200,)):
        responses[str(status)] = ({"description": DESCRIPTIONS["204"]} if status == 204
                                  else {**success, "description": DESCRIPTIONS[str(status)]})
    for status in error_statuses(method, operation):
        responses[status] = _error(status)
    operation["responses"] = dict(sorted(responses.items()))


class DocumentedResolver(APIGatewayHttpResolver):
    """Powertools' HTTP API resolver whose OpenAPI spec (and so Swagger UI) is completed by `complete`, with the
    area's `contract`; Swagger UI is set up by the first request for it (`enable_docs`)."""

    contract: Contract = Contract()
    _docs: dict[str, str] | None = None

    def enable_docs(self, *, path: str, title: str, version: str) -> None:
        """Swagger UI at `path` (`?format=json`: the spec), as Powertools' `enable_swagger` serves it, enabled when
        the first request for it arrives: `enable_swagger` imports Powertools' OpenAPI models (41 pydantic classes),
        which no other request needs, and that was the largest cost of a cold start (docs/decisions.md)."""
        self._docs = {"path": path, "title": title, "version": version}

    def resolve(self, event: Any, context: Any) -> dict[str, Any]:
        if self._docs is not None and event.get("rawPath") == self._docs["path"]:
            docs, self._docs = self._docs, None
            self.enable_swagger(**docs)
        return super().resolve(event, context)

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPI:
        from aws_lambda_powertools.event_handler.openapi.models import OpenAPI, PathItem  # as Powertools: when asked

        built = complete(super().get_openapi_schema(**kwargs).model_dump(by_alias=True, exclude_none=True, mode="json"),
                         self.contract)
        built["paths"] = {path: PathItem(**item) for path, item in built["paths"].items()}  # as Powertools builds it
        return OpenAPI(**built)
