"""Consuming events: EventBridge → the consumer's SQS queue → this Lambda (SQS batch with partial failures).

A record that keeps failing returns to the queue until `maxReceiveCount`, then SQS moves it to the consumer's DLQ,
from which it can be replayed. Each event runs at most once per consumer: Powertools idempotency keyed on the event
id, stored in the consumer's own table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from common import import_done
from common.county import county
from common.dynamo import boto3_session
from common.events import EventEnvelope, envelope_from_eventbridge
from common.observability import logger
from common.settings import env

Handler = Callable[[EventEnvelope], None]


@lru_cache(maxsize=16)
def _exactly_once(consumer: str, table_variable: str, handle: Handler) -> Callable[..., Any]:
    persistence = DynamoDBPersistenceLayer(
        table_name=env(table_variable), key_attr="pk", sort_key_attr="sk",
        static_pk_value=f"IDEMPOTENCY#{consumer}", boto3_session=boto3_session(),
    )
    config = IdempotencyConfig(event_key_jmespath="id", expires_after_seconds=30 * 24 * 3600)

    @idempotent_function(data_keyword_argument="envelope", persistence_store=persistence, config=config)
    def run_once(envelope: dict) -> dict:
        handle(EventEnvelope.model_validate(envelope))
        return {"handled": envelope["id"]}

    run_once.config = config  # type: ignore[attr-defined]
    return run_once


def consume(event: dict, context: Any, *, consumer: str, table_variable: str, handle: Handler) -> dict:
    """Process an SQS batch of EventBridge events with `handle`, each at most once for `consumer`."""
    county()  # validated on the cold start, as in the API handlers
    run_once = _exactly_once(consumer, table_variable, handle)
    run_once.config.register_lambda_context(context)

    def record_handler(record: SQSRecord) -> None:
        envelope = envelope_from_eventbridge(json.loads(record.body))
        logger.set_correlation_id(envelope.correlation_id)  # events this handler emits continue the chain
        logger.info("event received", extra={"event_id": envelope.id, "detail_type": envelope.detail_type,
                                             "correlation_id": envelope.correlation_id})
        run_once(envelope=envelope.model_dump(mode="json"))

    return process_partial_response(event=event, record_handler=record_handler,
                                    processor=BatchProcessor(event_type=EventType.SQS), context=context)


def consumer_handler(*, consumer: str, table_variable: str, handle: Handler) -> Callable[[dict, Any], dict]:
    """An SQS-triggered Lambda handler for one consumer, in one line of its entry point:

        handler = consumer_handler(consumer="mileage-directory-projection", table_variable="MILEAGE_TABLE",
                                   handle=staff.apply)

    SQS batch with partial failures, each event at most once for `consumer` (idempotency records in the consumer's
    own table), and the logger's Lambda context and correlation id set for every record."""
    import_done()  # the import's objects frozen, the collector started (common/__init__.py)

    @logger.inject_lambda_context(clear_state=True)
    def handler(event: dict, context: Any) -> dict:
        return consume(event, context, consumer=consumer, table_variable=table_variable, handle=handle)

    handler.__name__ = f"handler_{consumer.replace('-', '_')}"
    return handler
