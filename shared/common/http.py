"""The one way every function builds its HTTP API: validation, OpenAPI/Swagger, error mapping, the caller.

    app = build_app(title="직원 명부 API", docs_path="/directory/docs")
    app.include_router(routes.router)
    handler = lambda_handler(app)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.shared.json_encoder import Encoder

from common.county import county
from common.errors import DomainError
from common.identity import Caller, caller_from_event
from common.observability import logger, tracer
from common.openapi import DocumentedResolver

# pydantic error types → Korean, so a resident or an officer reads what is wrong with a field.
_VALIDATION_MESSAGES_KO: dict[str, str] = {
    "missing": "필수 항목이 빠졌습니다.",
    "string_too_short": "너무 짧습니다.",
    "string_too_long": "너무 깁니다.",
    "string_pattern_mismatch": "형식이 올바르지 않습니다.",
    "string_type": "문자열이어야 합니다.",
    "int_parsing": "정수여야 합니다.",
    "int_type": "정수여야 합니다.",
    "float_parsing": "숫자여야 합니다.",
    "bool_parsing": "참/거짓 값이어야 합니다.",
    "greater_than": "값이 너무 작습니다.",
    "greater_than_equal": "값이 너무 작습니다.",
    "less_than": "값이 너무 큽니다.",
    "less_than_equal": "값이 너무 큽니다.",
    "date_parsing": "날짜 형식(YYYY-MM-DD)이 아닙니다.",
    "date_from_datetime_parsing": "날짜 형식(YYYY-MM-DD)이 아닙니다.",
    "datetime_parsing": "일시 형식(ISO 8601)이 아닙니다.",
    "enum": "허용된 값이 아닙니다.",
    "literal_error": "허용된 값이 아닙니다.",
    "extra_forbidden": "알 수 없는 항목입니다.",
    "json_invalid": "JSON 형식이 올바르지 않습니다.",
    "model_attributes_type": "객체(JSON)여야 합니다.",
    "list_type": "목록이어야 합니다.",
    "too_short": "항목이 너무 적습니다.",
    "too_long": "항목이 너무 많습니다.",
    "value_error": "값이 올바르지 않습니다.",
}


def field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pydantic errors → [{field, type, message (ko), detail (en)}]."""
    out = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        error_type = error.get("type", "value_error")
        out.append({
            "field": ".".join(loc),
            "type": error_type,
            "message": _VALIDATION_MESSAGES_KO.get(error_type, "값이 올바르지 않습니다."),
            "detail": error.get("msg", ""),
        })
    return out


def error_response(status: int, body: dict[str, Any]) -> Response:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body)


def _json(value: Any) -> str:
    # Korean stays readable in responses (no \uXXXX escapes); dates and decimals as Powertools encodes them
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), cls=Encoder)


def build_app(*, title: str, docs_path: str, version: str = "1.0.0") -> APIGatewayHttpResolver:
    app = DocumentedResolver(enable_validation=True, serializer=_json)  # its OpenAPI spec completed: common.openapi
    app.enable_swagger(path=docs_path, title=title, version=version)

    @app.exception_handler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        logger.info("domain error", extra={"error_code": error.code, "status": error.status})
        return error_response(error.status, error.body())

    @app.exception_handler(RequestValidationError)
    def _validation_error(error: RequestValidationError) -> Response:
        details = field_errors(list(error.errors()))
        logger.info("validation error", extra={"fields": [d["field"] for d in details]})
        body = {"code": "VALIDATION_FAILED", "message": "입력값을 확인해 주세요.", "details": details}
        return error_response(422, body)

    return app


def current_caller(app: APIGatewayHttpResolver) -> Caller:
    return caller_from_event(app.current_event.raw_event)


def lambda_handler(app: APIGatewayHttpResolver) -> Callable[[dict, Any], dict]:
    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP, clear_state=True)
    @tracer.capture_lambda_handler
    def handler(event: dict, context: Any) -> dict:
        county()  # the county's policy is validated on the cold start: a bad file fails loudly, before any request
        return app.resolve(event, context)

    return handler
