"""Consumers: each event runs once per consumer however often it is delivered; failures go back to the queue."""

from __future__ import annotations

import pytest

from common.consumer import consume
from common.events import EventEnvelope, new_event
from tests.builders import eventbridge_event, sqs_event


class Recorder:
    def __init__(self, fail_on: set[str] | None = None):
        self.seen: list[str] = []
        self.fail_on = fail_on or set()

    def __call__(self, envelope: EventEnvelope) -> None:
        if envelope.data.get("key") in self.fail_on:
            raise RuntimeError("downstream unavailable")
        self.seen.append(envelope.id)


@pytest.fixture
def envelopes():
    return [new_event("directory", "EmployeeJoined", {"key": k}) for k in ("a", "b")]


def test_a_redelivered_event_is_handled_once(stack, context, envelopes):
    handle = Recorder()
    batch = sqs_event(*(eventbridge_event(e) for e in envelopes))
    assert consume(batch, context, consumer="test-once", table_variable="DIRECTORY_TABLE", handle=handle) == {
        "batchItemFailures": []}
    consume(batch, context, consumer="test-once", table_variable="DIRECTORY_TABLE", handle=handle)
    assert handle.seen == [e.id for e in envelopes]


def test_another_consumer_sees_the_same_event_independently(stack, context, envelopes):
    first, second = Recorder(), Recorder()
    batch = sqs_event(eventbridge_event(envelopes[0]))
    consume(batch, context, consumer="consumer-one", table_variable="DIRECTORY_TABLE", handle=first)
    consume(batch, context, consumer="consumer-two", table_variable="DIRECTORY_TABLE", handle=second)
    assert first.seen == second.seen == [envelopes[0].id]


def test_a_failing_record_is_reported_and_retried_later(stack, context, envelopes):
    handle = Recorder(fail_on={"b"})
    batch = sqs_event(*(eventbridge_event(e) for e in envelopes))
    response = consume(batch, context, consumer="test-retry", table_variable="DIRECTORY_TABLE", handle=handle)
    assert response == {"batchItemFailures": [{"itemIdentifier": batch["Records"][1]["messageId"]}]}
    handle.fail_on.clear()  # the downstream recovered; SQS redelivers the failed record
    consume(sqs_event(eventbridge_event(envelopes[1])), context, consumer="test-retry",
            table_variable="DIRECTORY_TABLE", handle=handle)
    assert handle.seen == [envelopes[0].id, envelopes[1].id]


def test_a_malformed_message_fails_without_blocking_the_batch(stack, context, envelopes):
    handle = Recorder()
    batch = sqs_event({"not": "an event"}, eventbridge_event(envelopes[0]))
    response = consume(batch, context, consumer="test-malformed", table_variable="DIRECTORY_TABLE", handle=handle)
    assert response["batchItemFailures"] == [{"itemIdentifier": batch["Records"][0]["messageId"]}]
    assert handle.seen == [envelopes[0].id]
