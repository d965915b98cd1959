"""The one way every function builds its HTTP API: validation, OpenAPI/Swagger, error mapping, the caller.

    app = build_app(title="직원 명부 API", docs_path="/directory/docs")
    app.include_router(routes.router)
    handler = lambda_handler(app)
"""

from __future__ import annotations

import base64
import binascii
import json
import traceback
from collections.abc import Callable
from functools import cache
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import ServiceError
from aws_lambda_powertools.event_handler.middlewares import openapi_validation
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import (
    OpenAPIRequestValidationMiddleware,
    OpenAPIResponseValidationMiddleware,
)
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestUnsupportedContentType, RequestValidationError
from aws_lambda_powertools.shared.json_encoder import Encoder
from pydantic import BaseModel

from common import import_done
from common.county import county
from common.errors import DomainError, PayloadTooLarge, UnsupportedMediaType
from common.identity import Caller, caller_from_event
from common.observability import logger, tracer
from common.openapi import Contract, DocumentedResolver
from common.text import FORBIDDEN_CHARACTER

# pydantic error types → Korean, so a resident or an officer reads what is wrong with a field.
_VALIDATION_MESSAGES_KO: dict[str, str] = {
    "missing": "필수 항목이 빠졌습니다.",
    "string_too_short": "너무 짧습니다.",
    "string_too_long": "너무 깁니다.",
    "string_pattern_mismatch": "형식이 올바르지 않습니다.",
    "string_type": "문자열이어야 합니다.",
    "int_parsing": "정수여야 합니다.",
    "int_type": "정수여야 합니다.",
    "int_from_float": "정수여야 합니다.",
    "int_parsing_size": "숫자가 너무 깁니다.",
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
    "json_not_utf8": "본문은 UTF-8 로 쓴 JSON 이어야 합니다.",
    "json_too_deep": "JSON 이 너무 깊게 중첩되어 있습니다.",
    "json_number_too_long": "숫자가 너무 깁니다.",
    FORBIDDEN_CHARACTER: "제어 문자나 글자 방향을 바꾸는 문자는 쓸 수 없습니다.",
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


def error_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body, headers=headers)


def _json(value: Any) -> str:
    # Korean stays readable in responses (no \uXXXX escapes); dates and decimals as Powertools encodes them
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), cls=Encoder)


# ------------------------------------------------------------------------------------------- request bodies
MAX_JSON_INT_DIGITS = 32  # no field takes more; Python itself gives up (ValueError) past 4,300 digits


def _body_error(error_type: str, detail: str) -> RequestValidationError:
    return RequestValidationError([{"type": error_type, "loc": ("body",), "msg": detail, "input": {}}])


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_INT_DIGITS:
        raise _body_error("json_number_too_long", f"integers have at most {MAX_JSON_INT_DIGITS} digits")
    return int(text)


def _constant(text: str) -> Any:
    raise _body_error("json_invalid", f"{text} is not JSON")


def json_body(event: dict[str, Any]) -> Any:
    """The request body of a JSON route, read the one way every route reads it: UTF-8 JSON (RFC 8259), integers of
    at most `MAX_JSON_INT_DIGITS` digits, no NaN/Infinity, nesting as deep as the interpreter parses. Anything else
    is a `RequestValidationError` (422), never an exception from deep inside the parser; a body over the county's
    `limits.max_json_body_kb` is 413, before it is parsed."""
    body = event.get("body")
    if not body:
        return None
    if event.get("isBase64Encoded"):
        try:
            raw = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError) as error:
            raise _body_error("json_invalid", "the body is not valid base64") from error
    else:
        raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)
    if len(raw) > (limit := county().limits.max_json_body_kb) * 1024:
        raise PayloadTooLarge(f"요청 본문이 너무 큽니다 (최대 {limit}KB).", details={"max_bytes": limit * 1024})
    try:
        text = raw.decode("utf-8")  # strict: invalid sequences, UTF-16/32 (with or without BOM), lone surrogates
    except UnicodeDecodeError as error:
        raise _body_error("json_not_utf8", "the body is not UTF-8") from error
    try:
        return json.loads(text, parse_int=_int, parse_constant=_constant)
    except RecursionError as error:
        raise _body_error("json_too_deep", "the body is nested too deeply") from error
    except json.JSONDecodeError as error:
        raise _body_error("json_invalid", f"{error.msg} at {error.pos}") from error


# Powertools asks of each query and header parameter, on every request, whether its type is a scalar (a walk through
# its annotation: ~0.1 ms of a listing with five parameters); a route's parameters never change, so each is asked
# once. A Powertools upgrade that drops the name fails here, loudly.
assert callable(openapi_validation.is_scalar_field)
openapi_validation.is_scalar_field = cache(openapi_validation.is_scalar_field)


class _JsonRouteValidation(OpenAPIRequestValidationMiddleware):
    """Powertools' request validation, with the body of a route that takes one read by `json_body` (JSON only:
    another content type is 415) instead of Powertools' reader, which lets non-UTF-8, deep nesting, huge integers
    and a multipart type without a boundary escape as 500s."""

    def _get_body(self, app: Any) -> Any:
        content_type = app.current_event.headers.get("content-type") or ""
        media_type, *parameters = [part.strip().lower() for part in content_type.split(";")]
        charsets = [p.partition("=")[2].strip('"') for p in parameters if p.startswith("charset=")]
        if (media_type not in ("", "application/json") and not media_type.endswith("+json")) or any(
                charset not in ("utf-8", "utf8") for charset in charsets):
            raise UnsupportedMediaType(details={"content_type": content_type[:100]})
        return json_body(app.current_event.raw_event)


class _ModelResponse(OpenAPIResponseValidationMiddleware):
    """Powertools' response validation, with a route's own model written straight to JSON text: a body that is an
    instance of exactly the route's return type is valid by construction, and pydantic writes it in one step
    (Powertools would check it, turn it into Python values, then have `json.dumps` write those); so is a model given
    as the JSON body of a route left unannotated because it also answers files (Powertools would walk it value by
    value). Anything else (dicts, lists, files, error bodies) takes Powertools' way."""

    def _handle_response(self, *, route: Any, response: Response) -> Response:
        field, body = route.dependant.return_param, response.body
        if isinstance(body, BaseModel) and (type(body) is field.field_info.annotation if field is not None
                                            else response.is_json()):
            response.body = body.model_dump_json(by_alias=True)
            return response
        return super()._handle_response(route=route, response=response)


# ------------------------------------------------------------------------------------------- the app
INTERNAL_ERROR_MESSAGE = "처리 중 예기치 못한 오류가 발생했습니다. 계속되면 correlation_id 를 알려 주세요."


def _stack(error: BaseException | None) -> str:
    """Where it failed (file, line, function), without the exception's message: it may quote a value from the
    request, a name or a contact."""
    chain = []
    while error is not None and len(chain) < 5:
        frames = [f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__)]
        chain.append("\n".join([f"{type(error).__module__}.{type(error).__qualname__}", *frames]))
        error = error.__cause__ or error.__context__
    return "\n-- caused by --\n".join(chain)


def build_app(*, title: str, docs_path: str, version: str = "1.0.0",
              contract: Contract | None = None) -> APIGatewayHttpResolver:
    """`contract`: what the area's routes answer beyond what Powertools reads from them (201s, headers, file bodies)."""
    app = DocumentedResolver(enable_validation=True, serializer=_json)  # its OpenAPI spec completed: common.openapi
    if contract is not None:
        app.contract = contract
    app.enable_docs(path=docs_path, title=title, version=version)
    # Powertools reads a route's body in its request-validation middleware, which runs before any other: the JSON
    # guard replaces that reader (a private attribute: a Powertools upgrade that renames it fails here, loudly).
    assert isinstance(app._request_validation_middleware, OpenAPIRequestValidationMiddleware)
    assert isinstance(app._response_validation_middleware, OpenAPIResponseValidationMiddleware)
    app._request_validation_middleware = _JsonRouteValidation()
    app._response_validation_middleware = _ModelResponse(
        validation_serializer=_json, has_response_validation_error=app._has_response_validation_error)

    @app.exception_handler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        logger.info("domain error", extra={"error_code": error.code, "status": error.status})
        return error_response(error.status, error.body(), error.headers() or None)

    @app.exception_handler(RequestValidationError)
    def _validation_error(error: RequestValidationError) -> Response:
        details = field_errors(list(error.errors()))
        logger.info("validation error", extra={"fields": [d["field"] for d in details]})
        body = {"code": "VALIDATION_FAILED", "message": "입력값을 확인해 주세요.", "details": details}
        return error_response(422, body)

    @app.exception_handler(RequestUnsupportedContentType)
    def _unsupported(error: RequestUnsupportedContentType) -> Response:
        return error_response(415, UnsupportedMediaType().body())

    @app.exception_handler(ServiceError)
    def _service_error(error: ServiceError) -> Response:  # Powertools' own: no route (404) and the like
        if error.status_code >= 500:
            return _unexpected(error)
        known = {404: "요청한 대상을 찾을 수 없습니다.", 405: "허용되지 않는 메서드입니다."}
        body = {"code": HTTPStatus(error.status_code).name, "message": known.get(error.status_code,
                                                                                 DomainError.message)}
        return error_response(error.status_code, body)

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response:
        request_id = app.current_event.request_context.request_id
        logger.error("unexpected error", extra={"error_type": type(error).__name__, "stack": _stack(error)})
        body = {"code": "INTERNAL_ERROR", "message": INTERNAL_ERROR_MESSAGE, "correlation_id": request_id}
        return error_response(500, body)

    return app


def current_caller(app: APIGatewayHttpResolver) -> Caller:
    return caller_from_event(app.current_event.raw_event)


def lambda_handler(app: APIGatewayHttpResolver) -> Callable[[dict, Any], dict]:
    """The Lambda entry point of `app`, built as the entry point module's import ends."""
    import_done()  # the import's objects frozen, the collector started (common/__init__.py)

    def handler(event: dict, context: Any) -> dict:
        # the correlation id is the API's request id (what Powertools' API_GATEWAY_HTTP path reads, without jmespath)
        logger.set_correlation_id((event.get("requestContext") or {}).get("requestId"))
        county()  # the county's policy is validated on the cold start: a bad file fails loudly, before any request
        return app.resolve(event, context)

    # X-Ray's subsegment when tracing is on (the deployed stack); off (local mode, tests), no wrapper that records
    # nothing at a cost on every request
    traced = handler if tracer.disabled else tracer.capture_lambda_handler(handler)
    return logger.inject_lambda_context(clear_state=True)(traced)
