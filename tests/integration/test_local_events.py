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


def refused_by_eventbridge(event_id: str):
    """EventBridge (moto) refuses this event's entry until the returned function is called: the relay's client sends
    it without a Source."""
    from relay.handler import _publisher

    def drop_source(params, **_):
        for entry in params["Entries"]:
            if json.loads(entry["Detail"])["id"] == event_id:
                del entry["Source"]

    events, hook = _publisher().client.meta.events, "before-parameter-build.events.PutEvents"
    events.register(hook, drop_source, unique_id=f"refuse-{event_id}")
    return lambda: events.unregister(hook, unique_id=f"refuse-{event_id}")


def test_filter_then_retry_from_the_failed_record_then_on_failure_destination(pump):
    from common.events import new_event

    relay_only = {"RelayFunction"}
    put(pump, "STAFF#1", "not an outbox entry")  # filtered out by the mapping's FilterCriteria: never delivered
    put(pump, "OUTBOX#poison", "{not json")  # parked by the relay: not a failure, never retried
    bad = new_event("directory", "EmployeeJoined", {"employee_no": "2026097", "department": "FIN"})
    put(pump, f"OUTBOX#{bad.id}", bad.model_dump_json())
    good = new_event("directory", "EmployeeJoined", {"employee_no": "2026099", "department": "FIN"})
    put(pump, f"OUTBOX#{good.id}", good.model_dump_json())
    accept = refused_by_eventbridge(bad.id)

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
    accept()


def test_replaying_the_relay_dlq_republishes_what_is_still_pending(pump):
    from common.events import new_event
    from devstack.pump import replay_stream_failures

    relay_only = {"RelayFunction"}
    stuck = new_event("directory", "EmployeeJoined", {"employee_no": "2026096", "department": "FIN"})
    boto3.client("dynamodb").put_item(TableName=pump.stack.physical("DirectoryTable"), Item={
        "pk": {"S": f"OUTBOX#{stuck.id}"}, "sk": {"S": "EVENT"}, "body": {"S": stuck.model_dump_json()},
        "gsi1pk": {"S": "OUTBOX_PENDING"}, "gsi1sk": {"S": stuck.occurred_at.isoformat()}})
    accept = refused_by_eventbridge(stuck.id)
    while pump.pump_once(relay_only)["stream_records"]:
        pass  # every retry refused: the stream gives up, its position goes to RelayDLQ
    sqs = boto3.client("sqs")
    dlq_url = sqs.get_queue_url(QueueName=pump.stack.queue_name("RelayDLQ"))["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["ApproximateNumberOfMessages"])[
        "Attributes"]["ApproximateNumberOfMessages"] == "1"
    accept()  # EventBridge is back

    replayed = replay_stream_failures(pump.runtime, "RelayDLQ")

    assert replayed.sweeper == "OutboxSweepFunction" and replayed.discarded == 1
    assert replayed.sweep["failed"] == 0 and replayed.sweep["republished"] >= 1
    assert "holds stream positions only" in replayed.report()
    assert stuck.id in [m["detail"]["id"] for m in messages(pump, "DirectoryCognitoSyncQueue")]
    assert messages(pump, "RelayDLQ") == []
    pending = boto3.client("dynamodb").query(
        TableName=pump.stack.physical("DirectoryTable"), IndexName="gsi1", KeyConditionExpression="gsi1pk = :p",
        ExpressionAttributeValues={":p": {"S": "OUTBOX_PENDING"}})["Items"]
    assert pending == []


def test_replay_dlq_knows_which_queues_are_not_a_consumers_dlq(pump):
    from devstack.pump import dead_letter_pair, scheduled_job_failures, stream_failure_sources

    assert stream_failure_sources(pump.stack, "RelayDLQ") == ["RelayFunction"]
    scheduled = sorted(f.logical_id for f in pump.stack.functions().values() if f.schedules)
    assert {"MileageYearEndFunction", "OutboxSweepFunction", "CommitteeDeadlinesFunction"} <= set(scheduled)
    assert scheduled_job_failures(pump.stack, "ScheduledJobsDLQ") == scheduled  # every scheduled job's failures
    assert dead_letter_pair(pump.stack, "DirectoryCognitoSyncDLQ") == ("DirectoryCognitoSyncQueue",
                                                                       "DirectoryCognitoSyncDLQ")


def test_a_cancelled_transaction_does_not_stop_the_tables_events(pump):
    """moto undoes a cancelled transaction by putting a copy of the table back; the stream kept flowing only since
    `devstack.moto_fixes` keeps the table's shard (before, every later event of the table waited for the sweep)."""
    from botocore.exceptions import ClientError

    from common.events import new_event

    table = pump.stack.physical("DirectoryTable")
    pump.drain()
    messages(pump, "DirectoryCognitoSyncQueue")
    with pytest.raises(ClientError, match="TransactionCanceled"):
        boto3.client("dynamodb").transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": "OUTBOX#never"}, "sk": {"S": "EVENT"},
                                                  "body": {"S": "{}"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "NOPE"}, "sk": {"S": "NOPE"}},
                                "ConditionExpression": "attribute_exists(pk)"}}])
    after = new_event("directory", "EmployeeJoined", {"employee_no": "2026096", "department": "FIN"})
    put(pump, f"OUTBOX#{after.id}", after.model_dump_json())
    assert pump.pump_once({"RelayFunction"}) == {"stream_records": 1, "sqs_messages": 0, "failed": 0}
    assert [m["detail"]["id"] for m in messages(pump, "DirectoryCognitoSyncQueue")] == [after.id]
