"""Two ways an outbox entry reaches EventBridge, both idempotent for consumers (they dedupe on the event id):

- `on_stream`: the table's DynamoDB stream (INSERTs of `OUTBOX#` items, filtered in the template) — normal path;
- `sweep`: a schedule that republishes entries still pending after a grace period — the safety net when stream
  processing failed past its retries.
A published entry loses its `OUTBOX_PENDING` index keys, so the sweep never sees it again.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from common.clock import now
from common.events import OUTBOX_PENDING, OUTBOX_PREFIX, EventBridgePublisher, EventEnvelope
from common.observability import logger, metrics
from common.settings import env, region

SWEEP_GRACE = timedelta(minutes=2)


@lru_cache(maxsize=1)
def _dynamodb() -> Any:
    return boto3.client("dynamodb", region_name=region())


@lru_cache(maxsize=1)
def _publisher() -> EventBridgePublisher:
    return EventBridgePublisher(boto3.client("events", region_name=region()), env("EVENT_BUS_NAME"))


def _table_of(event_source_arn: str) -> str:
    # arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
    return event_source_arn.split(":table/", 1)[1].split("/", 1)[0]


def mark_published(table: str, pk: str) -> None:
    _dynamodb().update_item(
        TableName=table, Key={"pk": {"S": pk}, "sk": {"S": "EVENT"}},
        UpdateExpression="REMOVE gsi1pk, gsi1sk SET published_at = :at",
        ExpressionAttributeValues={":at": {"S": now().isoformat()}},
    )


def relay(table: str, pk: str, body: str) -> None:
    envelope = EventEnvelope.model_validate_json(body)
    _publisher().publish([envelope])
    mark_published(table, pk)
    metrics.add_metric(name="EventsRelayed", unit=MetricUnit.Count, value=1)
    logger.info("event relayed", extra={"event_id": envelope.id, "detail_type": envelope.detail_type})


def _relay_record(record: DynamoDBRecord) -> None:
    image = record.dynamodb.new_image if record.dynamodb else None
    if record.event_name is None or record.event_name.name != "INSERT" or not image:
        return
    pk = image.get("pk")
    if not isinstance(pk, str) or not pk.startswith(OUTBOX_PREFIX):
        return
    relay(_table_of(record.event_source_arn), pk, image["body"])


@metrics.log_metrics
def on_stream(event: dict, context: Any) -> dict:
    return process_partial_response(event=event, record_handler=_relay_record,
                                    processor=BatchProcessor(event_type=EventType.DynamoDBStreams), context=context)


def pending_entries(table: str, older_than: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {
        "TableName": table, "IndexName": "gsi1",
        "KeyConditionExpression": "gsi1pk = :p AND gsi1sk < :t",
        "ExpressionAttributeValues": {":p": {"S": OUTBOX_PENDING}, ":t": {"S": older_than}},
    }
    while True:
        page = _dynamodb().query(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


@metrics.log_metrics
def sweep(event: dict, context: Any) -> dict:
    """Republish every outbox entry still pending after the grace period, in every table named in OUTBOX_TABLES."""
    cutoff = (now() - SWEEP_GRACE).isoformat()
    republished = 0
    for table in filter(None, env("OUTBOX_TABLES").split(",")):
        for item in pending_entries(table, cutoff):
            relay(table, item["pk"]["S"], item["body"]["S"])
            republished += 1
    logger.info("outbox sweep finished", extra={"republished": republished})
    return {"republished": republished}
