"""`Idempotency-Key` on POST routes: the same caller repeating the same key gets the first answer, and the side
effect happens once. Powertools idempotency on the logic call, records in the mileage table."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from common.errors import Conflict, RuleViolation
from common.identity import Caller, Role
from common.settings import env

Operation = Callable[[Caller, dict[str, Any]], dict[str, Any]]


def _who(caller: Caller) -> dict[str, Any]:
    return {"subject": caller.subject, "roles": sorted(r.value for r in caller.roles),
            "employee_no": caller.employee_no, "department": caller.department}


def _caller(who: dict[str, Any]) -> Caller:
    return Caller(subject=who["subject"], roles=frozenset(Role(r) for r in who["roles"]),
                  employee_no=who["employee_no"], department=who["department"])


@lru_cache(maxsize=8)
def _once(name: str, operation: Operation) -> Callable[..., dict[str, Any]]:
    persistence = DynamoDBPersistenceLayer(table_name=env("MILEAGE_TABLE"), key_attr="pk", sort_key_attr="sk",
                                           static_pk_value=f"IDEMPOTENCY#mileage-{name}")
    config = IdempotencyConfig(event_key_jmespath="[caller, key]", payload_validation_jmespath="payload",
                               expires_after_seconds=24 * 3600)

    @idempotent_function(data_keyword_argument="request", persistence_store=persistence, config=config)
    def run(request: dict[str, Any]) -> dict[str, Any]:
        return operation(_caller(request["who"]), request["payload"])

    run.config = config  # type: ignore[attr-defined]
    return run


def once(name: str, operation: Operation, *, caller: Caller, key: str | None, payload: dict[str, Any],
         context: Any = None) -> dict[str, Any]:
    """Run `operation(caller, payload)`, once per (caller, key) when a key is given."""
    if not key:
        return operation(caller, payload)
    request = {"caller": caller.employee_no or caller.subject, "key": key, "payload": payload, "who": _who(caller)}
    if len(key) > 200:
        raise RuleViolation("Idempotency-Key 가 너무 깁니다 (200자 이하).", code="IDEMPOTENCY_KEY_INVALID")
    run = _once(name, operation)
    if context is not None:
        run.config.register_lambda_context(context)
    try:
        return run(request=request)
    except IdempotencyValidationError as error:
        raise RuleViolation("같은 Idempotency-Key 로 다른 내용을 보냈습니다.", code="IDEMPOTENCY_KEY_REUSED") from error
    except IdempotencyAlreadyInProgressError as error:
        raise Conflict("같은 요청을 처리하고 있습니다. 잠시 후 다시 확인해 주세요.", code="IN_PROGRESS") from error
