"""Domain errors: raised by logic and repositories, mapped to HTTP once in `common.http`.

Every error carries a stable machine-readable `code`, a Korean `message` meant for people, and optional `details`
(for example one entry per bad field or bad row). Logic never builds HTTP responses itself.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    code = "BAD_REQUEST"
    message = "요청을 처리할 수 없습니다."

    def __init__(self, message: str | None = None, *, code: str | None = None, details: Any = None):
        self.message = message or type(self).message
        self.code = code or type(self).code
        self.details = details
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            body["details"] = self.details
        return body

    def headers(self) -> dict[str, str]:
        """Response headers the error needs beyond its body (`Retry-After` on a 429)."""
        return {}


class InvalidInput(DomainError):
    status = 400
    code = "INVALID_INPUT"
    message = "입력값이 올바르지 않습니다."


class Unauthorized(DomainError):
    status = 401
    code = "UNAUTHORIZED"
    message = "로그인이 필요합니다."


class Forbidden(DomainError):
    status = 403
    code = "FORBIDDEN"
    message = "이 작업을 할 권한이 없습니다."


class NotFound(DomainError):
    status = 404
    code = "NOT_FOUND"
    message = "요청한 대상을 찾을 수 없습니다."


class Conflict(DomainError):
    status = 409
    code = "CONFLICT"
    message = "다른 변경과 충돌했습니다. 다시 시도해 주세요."


class RuleViolation(DomainError):
    """A request that is well-formed but breaks a county rule (cap exceeded, wrong state, ...)."""

    status = 422
    code = "RULE_VIOLATION"
    message = "규정에 맞지 않는 요청입니다."


class UnsupportedMediaType(DomainError):
    """A body in a format the route does not read (JSON routes read `application/json` in UTF-8 only)."""

    status = 415
    code = "UNSUPPORTED_MEDIA_TYPE"
    message = "본문은 JSON(application/json, UTF-8)이어야 합니다."



class PayloadTooLarge(DomainError):
    """A request body over the county's `limits.max_json_body_kb`."""

    status = 413
    code = "PAYLOAD_TOO_LARGE"
    message = "요청 본문이 너무 큽니다."


class TooManyRequests(DomainError):
    """Over a per-source limit (`common.ratelimit`): try again after `retry_after` seconds."""

    status = 429
    code = "TOO_MANY_REQUESTS"
    message = "요청이 너무 많습니다. 잠시 후 다시 시도해 주세요."

    def __init__(self, retry_after: int, message: str | None = None, *, details: Any = None):
        super().__init__(message, details={"retry_after_seconds": retry_after} if details is None else details)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}
