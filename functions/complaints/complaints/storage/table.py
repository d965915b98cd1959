"""The complaints table: a transaction with the area's outbox."""

from __future__ import annotations

from common.dynamo import Transaction
from complaints.storage.items import Outbox


def transaction() -> Transaction:
    return Transaction(outbox=Outbox)
