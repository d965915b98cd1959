"""Every PynamoDB connection of a thread is on one botocore session: a session loads DynamoDB's service model once,
so a cold Lambda pays for it once, not once per item class it touches (docs/decisions.md, cold starts)."""

from __future__ import annotations

import threading

from pynamodb.attributes import NumberAttribute

from common.dynamo import TableItem, connection, find, table_meta, transaction


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
