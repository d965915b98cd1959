"""The consulting table: a transaction with the area's outbox."""

from __future__ import annotations

from common.dynamo import Transaction
from consulting.storage.items import Outbox


def transaction() -> Transaction:
    """One transaction of the consulting table; `event(envelope)` writes to the consulting outbox."""
    return Transaction(outbox=Outbox)
