"""Powertools Logger, Tracer and Metrics, set up once for every function.

Personal data never reaches the logs: the formatter masks known personal keys wherever they appear, and code logs
codes and identifiers, never names, contacts or free text written by residents.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

PERSONAL_KEYS = frozenset({
    "name", "phone", "email", "contact", "address", "reporter", "reporter_name", "reporter_contact",
    "resident_registration_no", "birth_date", "password", "token", "authorization", "id_token", "access_token",
})


def redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("***" if str(k).lower() in PERSONAL_KEYS else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class RedactingFormatter(LambdaPowertoolsFormatter):
    def serialize(self, log: dict[str, Any]) -> str:
        return super().serialize(redact(log))


logger = Logger(logger_formatter=RedactingFormatter())
tracer = Tracer()
metrics = Metrics(namespace="jeokgeuk")
