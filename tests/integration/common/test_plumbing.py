"""The plumbing every area shares (issue #9 §2): consumer handlers in one line, API idempotency in the calling
area's table, the caller as plain data, and labelled transactions whose failed conditions name the item."""

from __future__ import annotations

import boto3
import pytest
from pynamodb.attributes import NumberAttribute

from common.consumer import consumer_handler
from common.dynamo import TableItem, Transaction, TransactionCancelled, table_meta
from common.errors import RuleViolation
from common.events import new_event, outbox_model
from common.idempotency import once
from common.identity import Caller, Role
from tests.builders import eventbridge_event, sqs_event


class Counter(TableItem):
    Meta = table_meta("DIRECTORY_TABLE", "unset")
    value = NumberAttribute(default=0)


Outbox = outbox_model(table_meta("DIRECTORY_TABLE", "unset"))
CALLER = Caller("sub-1", frozenset({Role.STAFF, Role.DEPT_HEAD}), "2026011", "FIN")


def items(stack, prefix: str) -> list[dict]:
    table = stack.physical("DirectoryTable")
    return [i for i in boto3.client("dynamodb").scan(TableName=table)["Items"] if i["pk"]["S"].startswith(prefix)]


def test_the_caller_round_trips_as_plain_data():
    assert Caller.from_dict(CALLER.as_dict()) == CALLER
    assert CALLER.as_dict()["roles"] == ["dept_head", "staff"]


def test_a_consumer_handler_is_one_line_and_handles_each_event_once(stack, context):
    seen: list[str] = []
    handler = consumer_handler(consumer="test-factory", table_variable="DIRECTORY_TABLE",
                               handle=lambda envelope: seen.append(envelope.id))
    event = new_event("directory", "EmployeeJoined", {"employee_no": "2026013"})
    batch = sqs_event(eventbridge_event(event))
    assert handler(batch, context) == {"batchItemFailures": []}
    assert handler(batch, context) == {"batchItemFailures": []}  # redelivered
    assert seen == [event.id]
    assert items(stack, "IDEMPOTENCY#test-factory")  # the record is in the consumer's own table


def test_api_idempotency_runs_once_per_key_in_the_calling_areas_table(stack, context):
    calls: list[dict] = []

    def operation(caller: Caller, payload: dict) -> dict:
        calls.append(payload)
        return {"by": caller.employee_no, "n": len(calls)}

    first = once("probe", operation, caller=CALLER, key="k1", payload={"x": 1}, table_variable="DIRECTORY_TABLE",
                 context=context)
    again = once("probe", operation, caller=CALLER, key="k1", payload={"x": 1}, table_variable="DIRECTORY_TABLE")
    assert first == again == {"by": "2026011", "n": 1} and len(calls) == 1
    assert items(stack, "IDEMPOTENCY#directory-probe")
    with pytest.raises(RuleViolation) as reused:
        once("probe", operation, caller=CALLER, key="k1", payload={"x": 2}, table_variable="DIRECTORY_TABLE")
    assert reused.value.code == "IDEMPOTENCY_KEY_REUSED"


def test_a_failed_condition_is_named_by_its_label_or_mapped_to_a_domain_error(stack):
    Transaction().put(Counter(pk="CAP#1", sk="M", value=5), label="cap").commit()
    over = Transaction(outbox=Outbox)
    over.update(Counter(pk="CAP#1", sk="M"), [Counter.value.add(1)], condition=Counter.value < 5, label="cap")
    over.event(new_event("directory", "EmployeeChanged", {"employee_no": "2026011"}))
    with pytest.raises(TransactionCancelled) as cancelled:
        over.commit()
    assert cancelled.value.labels == ["cap"] and not cancelled.value.contention
    full = RuleViolation("한도를 넘었습니다.", code="CAP_EXCEEDED")
    with pytest.raises(RuleViolation) as mapped:
        over.commit(failures={"cap": full})
    assert mapped.value is full
    assert items(stack, "OUTBOX#") == []  # nothing of a cancelled transaction was written


def test_a_transaction_commits_its_event_and_refuses_more_than_dynamodb_takes(stack):
    done = Transaction(outbox=Outbox)
    done.put(Counter(pk="CAP#2", sk="M", value=1)).event(new_event("directory", "EmployeeChanged", {"k": 1}))
    done.check(Counter(pk="CAP#1", sk="M"), Counter.pk.does_not_exist(), label="absent")
    done.commit()
    assert len(items(stack, "OUTBOX#")) == 1 and Counter.get("CAP#2", "M").value == 1

    huge = Transaction()
    for n in range(101):
        huge.put(Counter(pk=f"CAP#{n}", sk="M"))
    with pytest.raises(RuleViolation) as refused:
        huge.commit()
    assert refused.value.code == "TOO_MANY_CHANGES"
    with pytest.raises(ValueError):
        Transaction().event(new_event("directory", "EmployeeChanged", {}))
