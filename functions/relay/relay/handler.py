"""Two ways an outbox entry reaches EventBridge, both idempotent for consumers (they dedupe on the event id):

- `on_stream`: the table's DynamoDB stream (INSERTs of `OUTBOX#` items, filtered in the template) — normal path;
- `sweep`: a schedule that republishes entries still pending after a grace period — the safety net when stream
  processing failed past its retries.
Both publish in PutEvents batches of up to 10 and look at every entry's result: one entry that fails never holds
back the others. A published entry loses its `OUTBOX_PENDING` index keys, so the sweep never sees it again. An entry
that cannot be read as an event (a poison entry: retrying cannot help) is parked under `OUTBOX_POISON` with the error,
where it stays visible (`OutboxPoisoned` metric, error log) until its TTL, instead of blocking the stream or being
retried by every sweep.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBStreamEvent
from pydantic import ValidationError

from common import import_done
from common.clock import now
from common.events import OUTBOX_PENDING, OUTBOX_PREFIX, EventBridgePublisher, EventEnvelope, PublishError
from common.observability import logger, metrics
from common.settings import env, region

SWEEP_GRACE = timedelta(minutes=2)
OUTBOX_POISON = "OUTBOX_POISON"  # gsi1pk of parked entries: query it to see what could not be published
BATCH = 10  # PutEvents takes at most 10 entries


@lru_cache(maxsize=1)
def _dynamodb() -> Any:
    return boto3.client("dynamodb", region_name=region())


@lru_cache(maxsize=1)
def _publisher() -> EventBridgePublisher:
    return EventBridgePublisher(boto3.client("events", region_name=region()), env("EVENT_BUS_NAME"))


def _table_of(event_source_arn: str) -> str:
    # arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
    return event_source_arn.split(":table/", 1)[1].split("/", 1)[0]


@dataclass
class Entry:
    """One outbox entry to publish: where it lives, its body, and how the caller names it (a stream sequence number)."""

    table: str
    pk: str
    body: Any
    ref: str = ""


@dataclass
class Outcome:
    published: list[Entry] = field(default_factory=list)
    failed: list[Entry] = field(default_factory=list)  # not published (or not marked): retried later
    parked: list[Entry] = field(default_factory=list)  # poison: moved to OUTBOX_POISON, never retried

    def add(self, other: Outcome) -> None:
        self.published += other.published
        self.failed += other.failed
        self.parked += other.parked


def mark_published(table: str, pk: str) -> None:
    _dynamodb().update_item(
        TableName=table, Key={"pk": {"S": pk}, "sk": {"S": "EVENT"}},
        UpdateExpression="REMOVE gsi1pk, gsi1sk SET published_at = :at",
        ExpressionAttributeValues={":at": {"S": now().isoformat()}},
    )


def park(table: str, pk: str, error: str) -> None:
    """Move a poison entry from OUTBOX_PENDING to OUTBOX_POISON with the reason (it keeps its TTL)."""
    at = now().isoformat()
    _dynamodb().update_item(
        TableName=table, Key={"pk": {"S": pk}, "sk": {"S": "EVENT"}},
        UpdateExpression="SET gsi1pk = :poison, gsi1sk = :sk, poison_error = :error, parked_at = :at",
        ConditionExpression="attribute_exists(pk)",
        ExpressionAttributeValues={":poison": {"S": OUTBOX_POISON}, ":sk": {"S": f"{at}#{pk}"},
                                   ":error": {"S": error[:1000]}, ":at": {"S": at}},
    )


def _parse(entry: Entry) -> EventEnvelope:
    if not isinstance(entry.body, str):
        raise ValueError(f"outbox entry has no string body (got {type(entry.body).__name__})")
    return EventEnvelope.model_validate_json(entry.body)


def _reason(error: Exception) -> str:
    """Why an entry is unreadable, without the entry's content (it may hold personal data)."""
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                         for e in error.errors(include_url=False, include_input=False))
    return str(error)


def relay_entries(entries: Iterable[Entry]) -> Outcome:
    """Publish every entry it can, in batches of 10; park the unreadable ones; log and count the rest as failed."""
    outcome = Outcome()
    readable: list[tuple[Entry, EventEnvelope]] = []
    for entry in entries:
        try:
            readable.append((entry, _parse(entry)))
        except (ValidationError, ValueError) as error:
            reason = _reason(error)
            try:
                park(entry.table, entry.pk, reason)
            except Exception:
                logger.exception("poison outbox entry could not be parked", extra={"table": entry.table,
                                                                                   "pk": entry.pk})
                outcome.failed.append(entry)
                continue
            logger.error("poison outbox entry parked", extra={"table": entry.table, "pk": entry.pk, "error": reason})
            outcome.parked.append(entry)
    for start in range(0, len(readable), BATCH):
        outcome.add(_publish_batch(readable[start:start + BATCH]))
    for name, entries_ in (("EventsRelayed", outcome.published), ("EventsRelayFailed", outcome.failed),
                           ("OutboxPoisoned", outcome.parked)):
        if entries_:
            metrics.add_metric(name=name, unit=MetricUnit.Count, value=len(entries_))
    return outcome


def _publish_batch(batch: list[tuple[Entry, EventEnvelope]]) -> Outcome:
    outcome = Outcome()
    try:
        _publisher().publish(envelope for _, envelope in batch)
        rejected: set[str] = set()
    except PublishError as error:  # EventBridge refused some entries (throttling, internal failure): retry those
        rejected = set(error.failed_ids)
    except Exception:  # the call itself failed: the whole batch is retried later
        logger.exception("PutEvents failed", extra={"events": [envelope.id for _, envelope in batch]})
        outcome.failed += [entry for entry, _ in batch]
        return outcome
    for entry, envelope in batch:
        if envelope.id in rejected:
            logger.error("event not accepted by EventBridge", extra={"event_id": envelope.id, "pk": entry.pk})
            outcome.failed.append(entry)
            continue
        try:
            mark_published(entry.table, entry.pk)
        except Exception:  # published but still pending: it will be published again (consumers dedupe)
            logger.exception("event published but not marked", extra={"event_id": envelope.id, "pk": entry.pk})
            outcome.failed.append(entry)
            continue
        logger.info("event relayed", extra={"event_id": envelope.id, "detail_type": envelope.detail_type})
        outcome.published.append(entry)
    return outcome


def _stream_entries(event: dict) -> Iterator[Entry]:
    for record in DynamoDBStreamEvent(event).records:
        image = record.dynamodb.new_image if record.dynamodb else None
        if record.event_name is None or record.event_name.name != "INSERT" or not image:
            continue
        pk = image.get("pk")
        if not isinstance(pk, str) or not pk.startswith(OUTBOX_PREFIX):
            continue
        yield Entry(_table_of(record.event_source_arn), pk, image.get("body"), ref=record.dynamodb.sequence_number)


@metrics.log_metrics
def on_stream(event: dict, context: Any) -> dict:
    """A partial batch response naming only the records that failed (Lambda retries from the first of them); poison
    entries are parked and reported as done, so they cannot hold the shard."""
    outcome = relay_entries(_stream_entries(event))
    return {"batchItemFailures": [{"itemIdentifier": entry.ref} for entry in outcome.failed]}


def pending_pages(table: str, older_than: str) -> Iterator[list[dict[str, Any]]]:
    """Pages of the entries still pending before `older_than`, oldest first."""
    kwargs: dict[str, Any] = {
        "TableName": table, "IndexName": "gsi1",
        "KeyConditionExpression": "gsi1pk = :p AND gsi1sk < :t",
        "ExpressionAttributeValues": {":p": {"S": OUTBOX_PENDING}, ":t": {"S": older_than}},
    }
    while True:
        page = _dynamodb().query(**kwargs)
        yield page["Items"]
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def pending_entries(table: str, older_than: str) -> list[dict[str, Any]]:
    return [item for page in pending_pages(table, older_than) for item in page]


def _grace(event: Any) -> timedelta:
    """The schedule's event has no `grace_seconds`; a manual run may pass `{"grace_seconds": 0}` to take every pending
    entry now (e.g. after the stream relay gave up on a batch: `python -m devstack replay-dlq RelayDLQ`)."""
    seconds = event.get("grace_seconds") if isinstance(event, dict) else None
    if seconds is None:
        return SWEEP_GRACE
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
        raise ValueError(f"grace_seconds must be a whole number of seconds >= 0, got {seconds!r}")
    return timedelta(seconds=seconds)


@metrics.log_metrics
def sweep(event: dict, context: Any) -> dict:
    """Republish every outbox entry still pending after the grace period, in every table named in OUTBOX_TABLES.
    An entry that fails is logged and counted and the sweep goes on; the next sweep tries it again."""
    cutoff = (now() - _grace(event)).isoformat()
    total = Outcome()
    for table in filter(None, env("OUTBOX_TABLES").split(",")):
        for page in pending_pages(table, cutoff):
            total.add(relay_entries(Entry(table, item["pk"]["S"], item.get("body", {}).get("S"), ref=item["pk"]["S"])
                                    for item in page))
    result = {"republished": len(total.published), "failed": len(total.failed), "parked": len(total.parked)}
    logger.info("outbox sweep finished", extra=result)
    return result


import_done()  # the import is over: what it made is frozen, the collector runs again (common/__init__.py)
