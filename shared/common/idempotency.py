"""`Idempotency-Key` on POST routes, for every area: the same caller repeating the same key gets the first answer,
and the side effect happens once. Powertools idempotency on the use-case call, records in the calling area's table.

    once("grant", create, caller=caller, key=headers.get("idempotency-key"), payload=body, table_variable=
         "MILEAGE_TABLE", context=lambda_context)
"""

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

from common.dynamo import boto3_session
from common.errors import Conflict, RuleViolation
from common.identity import Caller
from common.settings import env

Operation = Callable[[Caller, dict[str, Any]], dict[str, Any]]
MAX_KEY_LENGTH = 200


@lru_cache(maxsize=16)
def _once(table_variable: str, name: str, operation: Operation) -> Callable[..., dict[str, Any]]:
    area = table_variable.removesuffix("_TABLE").lower()
    persistence = DynamoDBPersistenceLayer(table_name=env(table_variable), key_attr="pk", sort_key_attr="sk",
                                           static_pk_value=f"IDEMPOTENCY#{area}-{name}", boto3_session=boto3_session())
    config = IdempotencyConfig(event_key_jmespath="[caller, key]", payload_validation_jmespath="payload",
                               expires_after_seconds=24 * 3600)

    @idempotent_function(data_keyword_argument="request", persistence_store=persistence, config=config)
    def run(request: dict[str, Any]) -> dict[str, Any]:
        return operation(Caller.from_dict(request["who"]), request["payload"])

    run.config = config  # type: ignore[attr-defined]
    return run


def once(name: str, operation: Operation, *, caller: Caller, key: str | None, payload: dict[str, Any],
         table_variable: str, context: Any = None) -> dict[str, Any]:
    """Run `operation(caller, payload)`, once per (caller, key) when a key is given; the records live in the table
    named by the environment variable `table_variable` (the calling area's own)."""
    if not key:
        return operation(caller, payload)
    if len(key) > MAX_KEY_LENGTH:
        raise RuleViolation(f"Idempotency-Key 가 너무 깁니다 ({MAX_KEY_LENGTH}자 이하).",
                            code="IDEMPOTENCY_KEY_INVALID")
    request = {"caller": caller.employee_no or caller.subject, "key": key, "payload": payload,
               "who": caller.as_dict()}
    run = _once(table_variable, name, operation)
    if context is not None:
        run.config.register_lambda_context(context)
    try:
        return run(request=request)
    except IdempotencyValidationError as error:
        raise RuleViolation("같은 Idempotency-Key 로 다른 내용을 보냈습니다.", code="IDEMPOTENCY_KEY_REUSED") from error
    except IdempotencyAlreadyInProgressError as error:
        raise Conflict("같은 요청을 처리하고 있습니다. 잠시 후 다시 확인해 주세요.", code="IN_PROGRESS") from error
