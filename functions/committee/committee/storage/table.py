"""The committee table: a transaction with the area's outbox."""

from __future__ import annotations

from committee.storage.items import Outbox
from common.dynamo import Transaction, find


def transaction() -> Transaction:
    """One transaction of the committee table; `event(envelope)` writes to the committee's outbox."""
    return Transaction(outbox=Outbox)


get_item = find  # one item by key, or None
