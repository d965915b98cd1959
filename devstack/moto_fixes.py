"""Where moto's emulation differs from AWS in a way local mode would show, corrected in the emulator's process.

A cancelled DynamoDB transaction: moto undoes it by putting a deep copy of each table back, the table's stream
shard included. A stream reader (the relay's mapping in the pump) holds an iterator on the old shard object, so it
never saw another record of that table: after the first refused conditional write in a transaction (a second vote, a
second ballot) the table's events stopped until the outbox sweep. DynamoDB keeps one stream; here the table keeps its
own shard object, holding the records the copy holds (a cancelled transaction leaves none of its own)."""

from __future__ import annotations

from typing import Any


def keep_streams_across_cancelled_transactions() -> None:
    from moto.dynamodb.models import DynamoDBBackend

    original = DynamoDBBackend.transact_write_items
    if getattr(original, "keeps_streams", False):
        return

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        shards = {name: table.stream_shard for name, table in self.tables.items() if table.stream_shard is not None}
        try:
            return original(self, transact_items)
        finally:
            for name, shard in shards.items():
                table = self.tables.get(name)
                if table is not None and table.stream_shard is not None and table.stream_shard is not shard:
                    shard.items[:] = table.stream_shard.items
                    shard.table = table
                    table.stream_shard = shard

    transact_write_items.keeps_streams = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
