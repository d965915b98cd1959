"""Event delivery in local mode, as the deployed event source mappings do it (moto cannot invoke Lambda code).

- DynamoDB streams: the table's stream is read through moto's `dynamodbstreams` API from TRIM_HORIZON; records that
  pass the mapping's `FilterCriteria` reach the function in Lambda's stream event shape. A record reported in
  `batchItemFailures` (or a batch whose invocation raised) is retried from that sequence number on the next poll, up
  to `MaximumRetryAttempts`; then the batch's description goes to the `OnFailure` destination and the shard moves on.
- SQS: each consumer queue is received in Lambda's SQS event shape. Successes are deleted; failures become visible
  again after `retry_delay` seconds (instead of the queue's long visibility timeout) and, once received
  `maxReceiveCount` times, moto's SQS moves them to the DLQ itself on the next receive, as SQS does.
  EventBridge deliveries from moto lack `account` (Powertools' `EventBridgeModel` requires it): it is added here.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import boto3

from devstack.runtime import Runtime
from devstack.stack import ACCOUNT, REGION, Stack

log = logging.getLogger("devstack.pump")


def _client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def _failed_ids(result: Any) -> list[str] | None:
    """The item identifiers a partial-batch response reports, or None if it reports none."""
    if isinstance(result, dict) and result.get("batchItemFailures"):
        return [str(f["itemIdentifier"]) for f in result["batchItemFailures"]]
    return None


# ---------------------------------------------------------------- DynamoDB streams
@dataclass
class StreamMapping:
    function: str
    table: str  # logical id
    batch_size: int = 100
    max_retries: int = -1  # -1: until the record expires, as Lambda's default
    on_failure: str | None = None  # logical id of an SQS destination
    filters: list[Any] = field(default_factory=list)  # moto EventPattern
    stream_arn: str = ""
    iterators: dict[str, str | None] = field(default_factory=dict)  # shard id → next iterator (None: closed)
    pending: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # shard id → records not yet processed
    attempts: dict[str, int] = field(default_factory=dict)

    def matches(self, record: dict[str, Any]) -> bool:
        return not self.filters or any(p.matches_event(record) for p in self.filters)


def _lambda_stream_record(raw: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    dynamodb = dict(raw["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        dynamodb["ApproximateCreationDateTime"] = int(created.timestamp())
    return {
        "eventID": raw["eventID"], "eventName": raw["eventName"], "eventVersion": "1.1",
        "eventSource": "aws:dynamodb", "awsRegion": REGION,  # moto reports us-east-1 whatever the region
        "dynamodb": dynamodb, "eventSourceARN": stream_arn,
    }


# ---------------------------------------------------------------- SQS
@dataclass
class QueueMapping:
    function: str
    queue: str  # logical id
    batch_size: int = 10
    url: str = ""
    arn: str = ""


def _with_account(body: str) -> str:
    """EventBridge envelopes delivered by moto lack `account`; add it as EventBridge would have."""
    try:
        event = json.loads(body)
    except ValueError:
        return body
    if isinstance(event, dict) and "detail-type" in event and "account" not in event:
        event["account"] = ACCOUNT
        return json.dumps(event, ensure_ascii=False)
    return body


def _lambda_sqs_record(message: dict[str, Any], arn: str) -> dict[str, Any]:
    attributes = message.get("Attributes", {})
    return {
        "messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"],
        "body": _with_account(message["Body"]),
        "attributes": {k: attributes[k] for k in ("ApproximateReceiveCount", "SentTimestamp", "SenderId",
                                                   "ApproximateFirstReceiveTimestamp") if k in attributes},
        "messageAttributes": {
            name: {"stringValue": value.get("StringValue"), "binaryValue": value.get("BinaryValue"),
                   "stringListValues": [], "binaryListValues": [], "dataType": value.get("DataType")}
            for name, value in message.get("MessageAttributes", {}).items()},
        "md5OfBody": message.get("MD5OfBody", ""), "eventSource": "aws:sqs", "eventSourceARN": arn,
        "awsRegion": REGION,
    }


# ---------------------------------------------------------------- the pump
class Pump:
    """Delivers stream records and queue messages to the functions the template maps them to."""

    def __init__(self, runtime: Runtime, *, retry_delay: int = 1):
        from moto.events.models import EventPattern  # the same matcher moto's EventBridge uses

        self.runtime = runtime
        self.stack: Stack = runtime.stack
        self.retry_delay = retry_delay
        self.streams: list[StreamMapping] = []
        self.queues: list[QueueMapping] = []
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._unavailable: set[str] = set()  # functions whose code is missing: warned once
        self.dynamodb, self.dynamodbstreams, self.sqs = _client("dynamodb"), _client("dynamodbstreams"), _client("sqs")
        for logical_id, resource in self.stack.of_type("AWS::Serverless::Function").items():
            for event in resource["Properties"].get("Events", {}).values():
                props = event.get("Properties", {})
                if event["Type"] == "DynamoDB":
                    destination = ((props.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
                    patterns = [f["Pattern"] for f in (props.get("FilterCriteria") or {}).get("Filters", [])]
                    self.streams.append(StreamMapping(
                        function=logical_id, table=props["Stream"]["Fn::GetAtt"][0],
                        batch_size=int(props.get("BatchSize", 100)),
                        max_retries=int(props.get("MaximumRetryAttempts", -1)),
                        on_failure=destination["Fn::GetAtt"][0] if isinstance(destination, dict) else None,
                        filters=[EventPattern.load(p if isinstance(p, str) else json.dumps(p)) for p in patterns],
                    ))
                elif event["Type"] == "SQS":
                    queue = props["Queue"]["Fn::GetAtt"][0]
                    self.queues.append(QueueMapping(logical_id, queue, int(props.get("BatchSize", 10)),
                                                    arn=self.stack.attribute(queue, "Arn")))
        self._bind()

    def _bind(self) -> None:
        dynamodb, streams, sqs = self.dynamodb, self.dynamodbstreams, self.sqs
        for mapping in self.streams:
            table = dynamodb.describe_table(TableName=self.stack.physical(mapping.table))["Table"]
            mapping.stream_arn = table["LatestStreamArn"]
            for shard in streams.describe_stream(StreamArn=mapping.stream_arn)["StreamDescription"]["Shards"]:
                mapping.iterators[shard["ShardId"]] = streams.get_shard_iterator(
                    StreamArn=mapping.stream_arn, ShardId=shard["ShardId"],
                    ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                mapping.pending[shard["ShardId"]] = []
                mapping.attempts[shard["ShardId"]] = 0
        for mapping in self.queues:
            mapping.url = sqs.get_queue_url(QueueName=self.stack.queue_name(mapping.queue))["QueueUrl"]

    def queue_url(self, logical_id: str) -> str:
        return self.sqs.get_queue_url(QueueName=self.stack.queue_name(logical_id))["QueueUrl"]

    def _invoke(self, function: str, event: dict[str, Any]) -> Any:
        try:
            return self.runtime.invoke(function, event)
        except ModuleNotFoundError as error:
            if function not in self._unavailable:
                self._unavailable.add(function)
                log.warning("%s cannot be loaded (%s): its events fail and retry as in Lambda", function, error)
            raise

    # ------------------------------------------------------------ one pass
    def pump_once(self, functions: Collection[str] | None = None) -> dict[str, int]:
        """Poll every stream and queue once (only those mapped to `functions`, if given) and deliver what is there.
        Counts records delivered and failed."""
        counts = {"stream_records": 0, "sqs_messages": 0, "failed": 0}
        with self._lock:
            for stream in self.streams:
                if functions is not None and stream.function not in functions:
                    continue
                delivered, failed = self._poll_stream(stream)
                counts["stream_records"] += delivered
                counts["failed"] += failed
            for queue in self.queues:
                if functions is not None and queue.function not in functions:
                    continue
                delivered, failed = self._poll_queue(queue)
                counts["sqs_messages"] += delivered
                counts["failed"] += failed
        return counts

    def drain(self, timeout: float = 10.0, functions: Collection[str] | None = None) -> dict[str, int]:
        """Pump until a pass finds nothing to deliver (or `timeout`). Returns the totals."""
        totals = {"stream_records": 0, "sqs_messages": 0, "failed": 0}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            counts = self.pump_once(functions)
            for key, value in counts.items():
                totals[key] += value
            if not counts["stream_records"] and not counts["sqs_messages"]:
                break
        return totals

    def _poll_stream(self, mapping: StreamMapping) -> tuple[int, int]:
        streams = self.dynamodbstreams
        delivered = failed = 0
        for shard_id, iterator in list(mapping.iterators.items()):
            pending = mapping.pending[shard_id]
            if not pending and iterator:
                page = streams.get_records(ShardIterator=iterator, Limit=mapping.batch_size)
                mapping.iterators[shard_id] = page.get("NextShardIterator")
                records = [_lambda_stream_record(r, mapping.stream_arn) for r in page.get("Records", [])]
                pending.extend(r for r in records if mapping.matches(r))  # filtered-out records are skipped
            if not pending:
                continue
            batch = pending[:mapping.batch_size]
            try:
                failures = _failed_ids(self._invoke(mapping.function, {"Records": batch}))
            except ModuleNotFoundError:
                failures = [batch[0]["dynamodb"]["SequenceNumber"]]
            except Exception:
                log.exception("%s failed on a stream batch; retrying from its first record", mapping.function)
                failures = [batch[0]["dynamodb"]["SequenceNumber"]]
            delivered += len(batch)
            if not failures:
                del pending[:len(batch)]
                mapping.attempts[shard_id] = 0
                continue
            # Lambda checkpoints before the lowest failed sequence number and retries from there.
            sequence_numbers = [r["dynamodb"]["SequenceNumber"] for r in batch]
            first = min(sequence_numbers.index(s) for s in failures if s in sequence_numbers)
            del pending[:first]
            failed += len(batch) - first
            mapping.attempts[shard_id] += 1
            if 0 <= mapping.max_retries < mapping.attempts[shard_id]:
                self._stream_gave_up(mapping, shard_id, pending[:mapping.batch_size])
        return delivered, failed

    def _stream_gave_up(self, mapping: StreamMapping, shard_id: str, batch: list[dict[str, Any]]) -> None:
        log.error("%s: stream batch failed %d times; skipping it", mapping.function, mapping.attempts[shard_id])
        if mapping.on_failure:  # what Lambda sends an on-failure destination: the batch's coordinates, not its data
            info = {"requestContext": {"condition": "RetryAttemptsExhausted",
                                       "functionArn": self.runtime.context(mapping.function).invoked_function_arn},
                    "DDBStreamBatchInfo": {"shardId": shard_id, "streamArn": mapping.stream_arn,
                                           "startSequenceNumber": batch[0]["dynamodb"]["SequenceNumber"],
                                           "endSequenceNumber": batch[-1]["dynamodb"]["SequenceNumber"],
                                           "batchSize": len(batch)}}
            self.sqs.send_message(QueueUrl=self.queue_url(mapping.on_failure), MessageBody=json.dumps(info))
        del mapping.pending[shard_id][:len(batch)]
        mapping.attempts[shard_id] = 0

    def _poll_queue(self, mapping: QueueMapping) -> tuple[int, int]:
        sqs = self.sqs
        messages = sqs.receive_message(QueueUrl=mapping.url, MaxNumberOfMessages=min(mapping.batch_size, 10),
                                       AttributeNames=["All"], MessageAttributeNames=["All"],
                                       WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return 0, 0
        records = [_lambda_sqs_record(m, mapping.arn) for m in messages]
        try:
            failures = set(_failed_ids(self._invoke(mapping.function, {"Records": records})) or ())
        except ModuleNotFoundError:
            failures = {m["MessageId"] for m in messages}
        except Exception:
            log.exception("%s failed on an SQS batch; every message returns to the queue", mapping.function)
            failures = {m["MessageId"] for m in messages}
        done = [m for m in messages if m["MessageId"] not in failures]
        for start in range(0, len(done), 10):
            sqs.delete_message_batch(QueueUrl=mapping.url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done[start:start + 10])])
        for message in messages:
            if message["MessageId"] in failures:
                sqs.change_message_visibility(QueueUrl=mapping.url, ReceiptHandle=message["ReceiptHandle"],
                                              VisibilityTimeout=self.retry_delay)
        return len(messages), len(failures)

    def replay_dlq(self, queue_logical_id: str) -> int:
        return replay_dlq(self.stack, queue_logical_id)

    # ------------------------------------------------------------ background
    def start(self, interval: float = 0.1, idle_interval: float = 1.0) -> Pump:
        """Pump in a background thread: every `interval` s while there is traffic, backing off to `idle_interval`."""

        def loop() -> None:
            wait = interval
            while not self._stop.is_set():
                try:
                    counts = self.pump_once()
                except Exception:
                    log.exception("pump pass failed")
                    counts = {"stream_records": 0, "sqs_messages": 0}
                busy = counts["stream_records"] or counts["sqs_messages"]
                wait = interval if busy else min(idle_interval, wait * 2)
                if not busy:
                    self._stop.wait(wait)

        self._stop.clear()
        self._thread = threading.Thread(target=loop, name="devstack-pump", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None


# ---------------------------------------------------------------- dead letters
def dead_letter_pair(stack: Stack, logical_id: str) -> tuple[str, str]:
    """(source queue, DLQ) from either's logical id."""
    redrive = stack.redrive(logical_id)
    if redrive:
        return logical_id, redrive[0]
    for candidate in stack.of_type("AWS::SQS::Queue"):
        redrive = stack.redrive(candidate)
        if redrive and redrive[0] == logical_id:
            return candidate, logical_id
    raise KeyError(f"{logical_id} is neither a queue with a RedrivePolicy nor one's dead-letter queue")


def replay_dlq(stack: Stack, queue_logical_id: str) -> int:
    """Move every message of a DLQ back to its source queue (by the source queue's or the DLQ's logical id), as the
    console's "start DLQ redrive" does. Returns how many moved."""
    source, dlq = dead_letter_pair(stack, queue_logical_id)
    sqs = _client("sqs")
    dlq_url = sqs.get_queue_url(QueueName=stack.queue_name(dlq))["QueueUrl"]
    source_url = sqs.get_queue_url(QueueName=stack.queue_name(source))["QueueUrl"]
    moved = 0
    while True:
        messages = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=30,
                                       MessageAttributeNames=["All"], WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return moved
        for message in messages:
            kwargs: dict[str, Any] = {"QueueUrl": source_url, "MessageBody": message["Body"]}
            if message.get("MessageAttributes"):
                kwargs["MessageAttributes"] = message["MessageAttributes"]
            sqs.send_message(**kwargs)
            sqs.delete_message(QueueUrl=dlq_url, ReceiptHandle=message["ReceiptHandle"])
            moved += 1


# ---------------------------------------------------------------- queues that are not a consumer's DLQ
def stream_failure_sources(stack: Stack, logical_id: str) -> list[str]:
    """Functions whose stream mappings send exhausted batches to this queue (their `OnFailure` destination)."""
    sources = set()
    for function, resource in stack.of_type("AWS::Serverless::Function").items():
        for event in resource["Properties"].get("Events", {}).values():
            on_failure = ((event.get("Properties") or {}).get("DestinationConfig") or {}).get("OnFailure") or {}
            if event["Type"] == "DynamoDB" and _arn_of(on_failure.get("Destination")) == logical_id:
                sources.add(function)
    return sorted(sources)


def _arn_of(value: Any) -> str | None:
    return value["Fn::GetAtt"][0] if isinstance(value, dict) and "Fn::GetAtt" in value else None


def scheduled_job_failures(stack: Stack, logical_id: str) -> list[str]:
    """Scheduled functions whose failed runs go to this queue (a schedule's DeadLetterConfig, or the function's
    EventInvokeConfig on-failure destination)."""
    functions = []
    for function, resource in stack.of_type("AWS::Serverless::Function").items():
        props = resource["Properties"]
        on_failure = ((props.get("EventInvokeConfig") or {}).get("DestinationConfig") or {}).get("OnFailure") or {}
        targets = [_arn_of(on_failure.get("Destination"))]
        for event in props.get("Events", {}).values():
            if event["Type"] in ("ScheduleV2", "Schedule"):
                targets.append(_arn_of((event["Properties"].get("DeadLetterConfig") or {}).get("Arn")))
        if logical_id in targets:
            functions.append(function)
    return sorted(functions)


def outbox_sweeper(stack: Stack) -> str:
    """The scheduled function that republishes pending outbox entries from the tables (it has OUTBOX_TABLES)."""
    for logical_id, function in stack.functions().items():
        if "OUTBOX_TABLES" in function.environment and function.schedules:
            return logical_id
    raise KeyError("template.yaml has no scheduled function with OUTBOX_TABLES (the outbox sweep)")


def discard_messages(stack: Stack, logical_id: str) -> int:
    sqs = _client("sqs")
    url = sqs.get_queue_url(QueueName=stack.queue_name(logical_id))["QueueUrl"]
    removed = 0
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=30,
                                          WaitTimeSeconds=0).get("Messages", []):
        sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
        removed += len(messages)
    return removed


@dataclass
class StreamReplay:
    queue: str
    sweeper: str
    sweep: dict[str, Any]  # the sweep's result: republished, failed, parked
    discarded: int  # DLQ messages removed (0 when the sweep left failures: they stay as the record)

    def report(self) -> str:
        outcome = (f"{self.sweep.get('republished', 0)} pending event(s) republished, "
                   f"{self.sweep.get('failed', 0)} failed, {self.sweep.get('parked', 0)} parked as poison")
        if self.sweep.get("failed"):
            kept = f"messages kept in {self.queue}: fix the cause and run this again"
        else:
            kept = f"{self.discarded} message(s) removed from {self.queue}: nothing is pending any more"
        return (f"{self.queue} holds stream positions only (stream records expire after 24 h), not events; the events "
                f"are the outbox entries still pending in the tables. Ran {self.sweeper} over every pending entry "
                f"instead: {outcome}; {kept}.")


def replay_stream_failures(runtime: Runtime, queue_logical_id: str) -> StreamReplay:
    """What replaying a stream's on-failure queue means: republish every outbox entry still pending, from the tables
    (the sweep with no grace period), then drop the queue's messages if nothing failed."""
    sweeper = outbox_sweeper(runtime.stack)
    result = runtime.invoke(sweeper, {"grace_seconds": 0})
    failed = bool(result.get("failed")) if isinstance(result, dict) else True
    discarded = 0 if failed else discard_messages(runtime.stack, queue_logical_id)
    return StreamReplay(queue_logical_id, sweeper, result if isinstance(result, dict) else {}, discarded)

