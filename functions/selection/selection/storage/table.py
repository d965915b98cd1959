"""The selection table: a transaction with the area's outbox."""

from __future__ import annotations

from common.dynamo import Transaction, find
from selection.storage.items import Outbox


def transaction() -> Transaction:
    """One transaction of the selection table; `event(envelope)` writes to the selection's outbox."""
    return Transaction(outbox=Outbox)


get_item = find  # one item by key, or None
