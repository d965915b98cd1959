"""One transaction of the mileage table (`Tx`): every state change is one, with its ledger entry and outbox event.
A failed condition is reported by the label of the item whose condition failed (`TxCancelled.labels`), so a feature
can say *which* cap was hit."""

from __future__ import annotations

from typing import Any

from pynamodb.expressions.condition import Condition
from pynamodb.models import Model

from common.dynamo import transaction
from common.errors import Conflict, RuleViolation
from common.events import EventEnvelope
from mileage.storage.items import Outbox

MAX_TRANSACTION_ITEMS = 100  # DynamoDB's limit for one TransactWriteItems


class TxCancelled(Exception):
    """A transaction was cancelled: `labels` name the items whose condition failed."""

    def __init__(self, labels: list[str], reasons: list[str]):
        self.labels = labels
        self.reasons = reasons
        super().__init__(f"transaction cancelled: {labels or reasons}")

    @property
    def contention(self) -> bool:
        return not self.labels and "TransactionConflict" in self.reasons


class Tx:
    """Collects one transaction's items with labels, then commits them at once (at most 100 items)."""

    def __init__(self) -> None:
        self._deletes: list[tuple[str, Model, Condition | None]] = []
        self._puts: list[tuple[str, Model, Condition | None]] = []
        self._updates: list[tuple[str, Model, list[Any], Condition | None]] = []

    def put(self, model: Model, condition: Condition | None = None, label: str = "-") -> Tx:
        self._puts.append((label, model, condition))
        return self

    def update(self, model: Model, actions: list[Any], condition: Condition | None = None, label: str = "-") -> Tx:
        self._updates.append((label, model, actions, condition))
        return self

    def delete(self, model: Model, condition: Condition | None = None, label: str = "-") -> Tx:
        self._deletes.append((label, model, condition))
        return self

    def event(self, envelope: EventEnvelope) -> Tx:
        return self.put(Outbox.of(envelope), label="outbox")

    def commit(self) -> None:
        # PynamoDB sends condition checks, deletes, puts, then updates: the labels follow the same order
        labels = [d[0] for d in self._deletes] + [p[0] for p in self._puts] + [u[0] for u in self._updates]
        if len(labels) > MAX_TRANSACTION_ITEMS:
            raise RuleViolation("한 번에 처리할 변경이 너무 많습니다. 받는 직원을 나누어 부여해 주세요.",
                                code="TOO_MANY_CHANGES", details={"items": len(labels),
                                                                  "limit": MAX_TRANSACTION_ITEMS})
        try:
            with transaction() as tx:
                for _, model, condition in self._deletes:
                    tx.delete(model, condition=condition)
                for _, model, condition in self._puts:
                    tx.save(model, condition=condition)
                for _, model, actions, condition in self._updates:
                    tx.update(model, actions=actions, condition=condition)
        except Conflict as error:
            reasons = list((error.details or {}).get("reasons", []))
            failed = [label for label, code in zip(labels, reasons, strict=False) if code == "ConditionalCheckFailed"]
            raise TxCancelled(failed, reasons) from error
