"""The outbox: an event is written with its state change or not at all, relayed once from the stream (or the sweep),
and delivered by the bus's rules to the consumer queues."""

from __future__ import annotations

import json
from datetime import timedelta

import boto3
import pytest
from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from common.clock import now
from common.dynamo import table_meta, transaction
from common.errors import Conflict
from common.events import OUTBOX_PENDING, EventBridgePublisher, PublishError, new_event, outbox_model
from relay import handler as relay

Meta = table_meta("DIRECTORY_TABLE", "jeokgeuk-demo-directory")
Outbox = outbox_model(Meta)


class Thing(Model):
    Meta = Meta
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    state = UnicodeAttribute()


def stream_event(table: str, items: list[dict]) -> dict:
    """Lambda's DynamoDB stream event for INSERTs of `items` (already in DynamoDB JSON)."""
    arn = f"arn:aws:dynamodb:ap-northeast-2:123456789012:table/{table}/stream/2026-11-23T00:00:00.000"
    return {"Records": [{
        "eventID": str(i), "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
        "awsRegion": "ap-northeast-2", "eventSourceARN": arn,
        "dynamodb": {"Keys": {"pk": item["pk"], "sk": item["sk"]}, "NewImage": item,
                     "SequenceNumber": str(100 + i), "SizeBytes": 100, "StreamViewType": "NEW_IMAGE"},
    } for i, item in enumerate(items)]}


def outbox_items(table: str) -> list[dict]:
    return boto3.client("dynamodb").query(
        TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :p",
        ExpressionAttributeValues={":p": {"S": OUTBOX_PENDING}})["Items"]


def queue_messages(stack, logical_id: str) -> list[dict]:
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=stack.queue_name(logical_id))["QueueUrl"]
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
    return [json.loads(m["Body"]) for m in messages]


def commit_with_event(detail_type: str = "EmployeeJoined", key: str = "THING#1"):
    event = new_event("directory", detail_type, {"employee_no": "2026001"})
    with transaction() as tx:
        tx.save(Thing(pk=key, sk="META", state="new"), condition=Thing.pk.does_not_exist())
        tx.save(Outbox.of(event))
    return event


def test_state_change_and_event_commit_together(stack):
    table = stack.physical("DirectoryTable")
    event = commit_with_event()
    pending = outbox_items(table)
    assert [json.loads(i["body"]["S"])["id"] for i in pending] == [event.id]
    assert Thing.get("THING#1", "META").state == "new"


def test_no_event_for_a_change_that_did_not_commit(stack):
    table = stack.physical("DirectoryTable")
    commit_with_event()
    with pytest.raises(Conflict):
        commit_with_event()  # same key: the condition fails, so the whole transaction is cancelled
    assert len(outbox_items(table)) == 1


def test_stream_relay_publishes_to_the_bus_and_the_rule_delivers(stack, context):
    table = stack.physical("DirectoryTable")
    event = commit_with_event()
    response = relay.on_stream(stream_event(table, outbox_items(table)), context)
    assert response == {"batchItemFailures": []}
    delivered = queue_messages(stack, "DirectoryCognitoSyncQueue")
    assert [(m["detail-type"], m["source"], m["detail"]["id"]) for m in delivered] == [
        ("EmployeeJoined", "jeokgeuk.directory", event.id)]
    assert delivered[0]["detail"]["data"] == {"employee_no": "2026001"}
    assert outbox_items(table) == []  # published entries leave the pending index


def test_rule_ignores_event_types_it_does_not_route(stack, context):
    table = stack.physical("DirectoryTable")
    commit_with_event(detail_type="SomethingElseHappened")
    relay.on_stream(stream_event(table, outbox_items(table)), context)
    assert queue_messages(stack, "DirectoryCognitoSyncQueue") == []


def test_non_outbox_stream_records_are_ignored(stack, context):
    table = stack.physical("DirectoryTable")
    item = {"pk": {"S": "EMP#1"}, "sk": {"S": "META"}}
    assert relay.on_stream(stream_event(table, [item]), context) == {"batchItemFailures": []}


def test_sweep_republishes_only_entries_past_the_grace_period(stack, context):
    table = stack.physical("DirectoryTable")
    old = new_event("directory", "EmployeeJoined", {"employee_no": "1"}).model_copy(
        update={"occurred_at": now() - timedelta(minutes=10)})
    fresh = new_event("directory", "EmployeeJoined", {"employee_no": "2"})
    Outbox.of(old).save()
    Outbox.of(fresh).save()
    assert relay.sweep({}, context) == {"republished": 1}
    assert [m["detail"]["id"] for m in queue_messages(stack, "DirectoryCognitoSyncQueue")] == [old.id]
    assert [json.loads(i["body"]["S"])["id"] for i in outbox_items(table)] == [fresh.id]
    assert relay.sweep({}, context) == {"republished": 0}


class RejectingEventBridge:
    """EventBridge answering that the second entry of each call failed."""

    def __init__(self):
        self.calls: list[int] = []

    def put_events(self, Entries):
        self.calls.append(len(Entries))
        results = [{"EventId": "ok"} for _ in Entries]
        if len(Entries) > 1:
            results[1] = {"ErrorCode": "InternalFailure", "ErrorMessage": "try again"}
        return {"FailedEntryCount": int(len(Entries) > 1), "Entries": results}


def test_publisher_sends_batches_of_ten_and_reports_failed_entries():
    client = RejectingEventBridge()
    events = [new_event("directory", "EmployeeJoined", {"n": i}) for i in range(23)]
    with pytest.raises(PublishError) as error:
        EventBridgePublisher(client, "bus").publish(events)
    assert client.calls == [10, 10, 3]
    assert error.value.failed_ids == [events[1].id, events[11].id, events[21].id]
