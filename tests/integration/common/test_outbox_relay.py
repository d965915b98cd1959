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
    assert relay.sweep({}, context) == {"republished": 1, "failed": 0, "parked": 0}
    assert [m["detail"]["id"] for m in queue_messages(stack, "DirectoryCognitoSyncQueue")] == [old.id]
    assert [json.loads(i["body"]["S"])["id"] for i in outbox_items(table)] == [fresh.id]
    assert relay.sweep({}, context) == {"republished": 0, "failed": 0, "parked": 0}


def test_a_manual_sweep_may_take_fresh_entries_too(stack, context):
    fresh = new_event("directory", "EmployeeJoined", {"employee_no": "3"})
    Outbox.of(fresh).save()
    assert relay.sweep({"grace_seconds": 0}, context) == {"republished": 1, "failed": 0, "parked": 0}
    assert [m["detail"]["id"] for m in queue_messages(stack, "DirectoryCognitoSyncQueue")] == [fresh.id]
    with pytest.raises(ValueError, match="grace_seconds"):
        relay.sweep({"grace_seconds": "0"}, context)


# ---------------------------------------------------------------- one bad entry never holds back the others
def old_event(n: int, minutes: int = 10):
    return new_event("directory", "EmployeeJoined", {"employee_no": str(n)}).model_copy(
        update={"occurred_at": now() - timedelta(minutes=minutes, seconds=-n)})


def put_poison(table: str, minutes: int = 30) -> str:
    """An outbox entry no event can be read from, pending since before every other entry (the sweep meets it first)."""
    pk = "OUTBOX#poison"
    boto3.client("dynamodb").put_item(TableName=table, Item={
        "pk": {"S": pk}, "sk": {"S": "EVENT"}, "gsi1pk": {"S": OUTBOX_PENDING},
        "gsi1sk": {"S": (now() - timedelta(minutes=minutes)).isoformat()}, "body": {"S": "{not json"}})
    return pk


def poison_items(table: str) -> list[dict]:
    return boto3.client("dynamodb").query(
        TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :p",
        ExpressionAttributeValues={":p": {"S": relay.OUTBOX_POISON}})["Items"]


class EventBridgeCalls:
    """The relay's real EventBridge client (moto), watched: entries per PutEvents call, and the entries of some events
    sent without a Source so that EventBridge itself refuses them (`InvalidArgument`), as it may refuse any entry."""

    def __init__(self):
        self.sizes: list[int] = []
        self.refuse: set[str] = set()
        self.events = relay._publisher().client.meta.events

    def __call__(self, params, **_):
        self.sizes.append(len(params["Entries"]))
        for entry in params["Entries"]:
            if json.loads(entry["Detail"])["id"] in self.refuse:
                del entry["Source"]


@pytest.fixture
def eventbridge(stack):
    calls = EventBridgeCalls()
    calls.events.register("before-parameter-build.events.PutEvents", calls, unique_id="test-eventbridge-calls")
    yield calls
    calls.events.unregister("before-parameter-build.events.PutEvents", unique_id="test-eventbridge-calls")


def test_sweep_parks_a_poison_entry_and_publishes_everything_behind_it(stack, context, eventbridge):
    table = stack.physical("DirectoryTable")
    poison = put_poison(table)
    good = [old_event(n) for n in range(3)]
    for event in good:
        Outbox.of(event).save()

    assert relay.sweep({}, context) == {"republished": 3, "failed": 0, "parked": 1}
    assert sorted(m["detail"]["id"] for m in queue_messages(stack, "DirectoryCognitoSyncQueue")) == sorted(
        e.id for e in good)
    assert outbox_items(table) == []
    (parked,) = poison_items(table)
    assert parked["pk"]["S"] == poison and parked["body"]["S"] == "{not json"  # kept as it was, for a human
    assert "Invalid JSON" in parked["poison_error"]["S"]
    assert relay.sweep({}, context) == {"republished": 0, "failed": 0, "parked": 0}  # not retried forever
    assert eventbridge.sizes == [3]


def test_sweep_publishes_in_batches_of_ten_and_keeps_only_refused_entries_pending(stack, context, eventbridge):
    table = stack.physical("DirectoryTable")
    events = [old_event(n) for n in range(23)]
    for event in events:
        Outbox.of(event).save()
    eventbridge.refuse = {events[0].id, events[12].id}  # the oldest one among them: met first

    assert relay.sweep({}, context) == {"republished": 21, "failed": 2, "parked": 0}
    assert eventbridge.sizes == [10, 10, 3]
    assert sorted(json.loads(i["body"]["S"])["id"] for i in outbox_items(table)) == sorted(eventbridge.refuse)

    eventbridge.refuse = set()  # EventBridge accepts them now: the next sweep publishes them
    assert relay.sweep({}, context) == {"republished": 2, "failed": 0, "parked": 0}
    assert outbox_items(table) == []


def test_stream_relay_batches_and_reports_only_the_refused_record(stack, context, eventbridge):
    table = stack.physical("DirectoryTable")
    refused, good1, good2 = (commit_with_event(key=f"THING#{n}") for n in range(3))
    put_poison(table)
    by_pk = {i["pk"]["S"]: i for i in outbox_items(table)}
    stream = stream_event(table, [by_pk[f"OUTBOX#{e}"] for e in (refused.id, "poison", good1.id, good2.id)])
    eventbridge.refuse = {refused.id}
    sequence = {r["dynamodb"]["NewImage"]["pk"]["S"]: r["dynamodb"]["SequenceNumber"] for r in stream["Records"]}

    response = relay.on_stream(stream, context)

    assert response == {"batchItemFailures": [{"itemIdentifier": sequence[f"OUTBOX#{refused.id}"]}]}
    assert eventbridge.sizes == [3]  # one PutEvents for the batch, not one per record
    assert sorted(m["detail"]["id"] for m in queue_messages(stack, "DirectoryCognitoSyncQueue")) == sorted(
        [good1.id, good2.id])
    assert [json.loads(i["body"]["S"])["id"] for i in outbox_items(table)] == [refused.id]  # still pending
    assert [i["pk"]["S"] for i in poison_items(table)] == ["OUTBOX#poison"]


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
