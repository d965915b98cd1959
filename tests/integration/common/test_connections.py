"""Every DynamoDB client of a thread (PynamoDB's, the idempotency records') is on one botocore session: a session
loads DynamoDB's service model once, so a cold Lambda pays for it once, not once per item class or idempotent use
case it touches (docs/decisions.md, cold starts)."""

from __future__ import annotations

import threading

import botocore.session
from pynamodb.attributes import NumberAttribute

from common.consumer import consumer_handler
from common.dynamo import TableItem, connection, find, table_meta, transaction
from common.events import new_event
from common.idempotency import once
from common.identity import Caller, Role
from tests.builders import eventbridge_event, sqs_event


class Left(TableItem):
    Meta = table_meta("DIRECTORY_TABLE", "unset")
    value = NumberAttribute(default=0)


class Right(TableItem):
    Meta = table_meta("DIRECTORY_TABLE", "unset")
    value = NumberAttribute(default=0)


def sessions() -> list[object]:
    find(Left, "SESSION#1", "A")
    find(Right, "SESSION#1", "B")
    with transaction() as tx:
        tx.save(Left(pk="SESSION#1", sk="A"))
    return [Left._get_connection().connection.session, Right._get_connection().connection.session,
            connection().session]


def test_item_classes_and_transactions_share_one_botocore_session_per_thread(stack):
    main = sessions()
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.extend(sessions()))
    thread.start()
    thread.join()
    assert main[0] is main[1] is main[2]
    assert other[0] is other[1] is other[2]
    assert other[0] is not main[0]  # a botocore session is not thread-safe


def test_idempotency_records_are_read_and_written_on_that_session_too(stack, context, monkeypatch):
    sessions()  # this thread's session is open
    opened: list[object] = []
    open_session = botocore.session.get_session
    monkeypatch.setattr(botocore.session, "get_session", lambda: opened.append(1) or open_session())
    caller = Caller("sub-1", frozenset({Role.STAFF}), "2026013", "FIN")
    once("session-probe", lambda who, payload: {"ok": True}, caller=caller, key="k1", payload={},
         table_variable="DIRECTORY_TABLE", context=context)
    handler = consumer_handler(consumer="session-probe", table_variable="DIRECTORY_TABLE", handle=lambda event: None)
    event = new_event("directory", "EmployeeJoined", {"employee_no": "2026013"})
    assert handler(sqs_event(eventbridge_event(event)), context) == {"batchItemFailures": []}
    assert opened == []
