"""Local event delivery against a moto server, with the real relay: the stream mapping's filter, partial-batch retries
from the failed sequence number, and the on-failure destination once the retries are exhausted; a poison entry is
parked by the relay and never holds the shard."""

from __future__ import annotations

import json
import os
import sys

import boto3
import pytest

pytestmark = pytest.mark.http


@pytest.fixture(scope="module")
def pump():
    from devstack.emulator import Emulator
    from devstack.pump import Pump
    from devstack.runtime import Runtime, reset_module_state

    saved_environ, saved_path = dict(os.environ), list(sys.path)
    emulator = Emulator("demo").start()
    runtime = Runtime(emulator.stack)
    runtime.apply_environment()
    try:
        yield Pump(runtime, retry_delay=0)
    finally:
        emulator.stop()
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.path[:] = saved_path
        reset_module_state(runtime.packages())


def put(pump, pk: str, body: str) -> None:
    boto3.client("dynamodb").put_item(TableName=pump.stack.physical("DirectoryTable"), Item={
        "pk": {"S": pk}, "sk": {"S": "EVENT"}, "body": {"S": body}})


def messages(pump, logical_id: str) -> list[dict]:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=pump.stack.queue_name(logical_id))["QueueUrl"]
    found: list[dict] = []
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", []):
        for message in batch:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        found += batch
    return [json.loads(m["Body"]) for m in found]


def refused_by_eventbridge(event_id: str) -> None:
    """EventBridge (moto) refuses this event's entry every time: the relay's client sends it without a Source."""
    from relay.handler import _publisher

    def drop_source(params, **_):
        for entry in params["Entries"]:
            if json.loads(entry["Detail"])["id"] == event_id:
                del entry["Source"]

    _publisher().client.meta.events.register("before-parameter-build.events.PutEvents", drop_source)


def test_filter_then_retry_from_the_failed_record_then_on_failure_destination(pump):
    from common.events import new_event

    relay_only = {"RelayFunction"}
    put(pump, "STAFF#1", "not an outbox entry")  # filtered out by the mapping's FilterCriteria: never delivered
    put(pump, "OUTBOX#poison", "{not json")  # parked by the relay: not a failure, never retried
    bad = new_event("directory", "EmployeeJoined", {"employee_no": "2026097", "department": "FIN"})
    put(pump, f"OUTBOX#{bad.id}", bad.model_dump_json())
    good = new_event("directory", "EmployeeJoined", {"employee_no": "2026099", "department": "FIN"})
    put(pump, f"OUTBOX#{good.id}", good.model_dump_json())
    refused_by_eventbridge(bad.id)

    first = pump.pump_once(relay_only)
    assert first == {"stream_records": 3, "sqs_messages": 0, "failed": 2}  # bad + the record after it, as Lambda
    parked = boto3.client("dynamodb").get_item(TableName=pump.stack.physical("DirectoryTable"),
                                               Key={"pk": {"S": "OUTBOX#poison"}, "sk": {"S": "EVENT"}})["Item"]
    assert parked["gsi1pk"]["S"] == "OUTBOX_POISON"
    retries = 0
    while pump.pump_once(relay_only)["failed"]:
        retries += 1
    assert retries == 10  # MaximumRetryAttempts in template.yaml

    (failure,) = messages(pump, "RelayDLQ")
    assert failure["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert failure["DDBStreamBatchInfo"]["batchSize"] == 2
    delivered = messages(pump, "DirectoryCognitoSyncQueue")  # the good one at once, and again on every retry
    assert [m["detail"]["id"] for m in delivered] == [good.id] * 11

    later = new_event("directory", "EmployeeJoined", {"employee_no": "2026098", "department": "FIN"})
    put(pump, f"OUTBOX#{later.id}", later.model_dump_json())
    assert pump.pump_once(relay_only) == {"stream_records": 1, "sqs_messages": 0, "failed": 0}  # the shard moved on
    assert [m["detail"]["id"] for m in messages(pump, "DirectoryCognitoSyncQueue")] == [later.id]
