"""The mileage table: one item by key, items of several kinds in one BatchGetItem, and a transaction with the
area's outbox (`transaction()`: every state change is one, with its ledger entry and outbox event)."""

from __future__ import annotations

from typing import Any

from pynamodb.models import Model

from common.dynamo import Transaction, find
from mileage.storage.items import Outbox, Staff

Key = tuple[type[Model], str, str]  # (item class, pk, sk)

MAX_BATCH_GET = 100  # DynamoDB's limit for one BatchGetItem


def transaction() -> Transaction:
    """One transaction of the mileage table; `event(envelope)` writes to mileage's outbox."""
    return Transaction(outbox=Outbox,
                       too_many_message="한 번에 처리할 변경이 너무 많습니다. 받는 직원을 나누어 부여해 주세요.")


get_item = find  # one item by key, or None


def get_items(*wanted: Key) -> list[Any]:
    """Items of several kinds by key in one BatchGetItem (a route reads what it needs at once): in the order asked,
    None where there is no item. Unprocessed keys are asked for again."""
    keys = list(dict.fromkeys((pk, sk) for _, pk, sk in wanted))
    connection = Staff._get_connection()
    raw: dict[tuple[str, str], dict[str, Any]] = {}
    pending = [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in keys]
    for _ in range(10):
        if not pending:
            break
        page, pending = pending[:MAX_BATCH_GET], pending[MAX_BATCH_GET:]
        data = connection.batch_get_item(page)
        for item in data.get("Responses", {}).get(connection.table_name, []):
            raw[(item["pk"]["S"], item["sk"]["S"])] = item
        pending = list(data.get("UnprocessedKeys", {}).get(connection.table_name, {}).get("Keys", [])) + pending
    if pending:
        raise RuntimeError("BatchGetItem left keys unprocessed")
    return [model.from_raw_data(raw[(pk, sk)]) if (pk, sk) in raw else None for model, pk, sk in wanted]
