"""Cap counters: a person's and a department's granted points per period, and a person's redemptions per year."""

from __future__ import annotations

from typing import Any

from common.dynamo import Transaction
from mileage.storage.items import CapCounter, Redemption, RedemptionCounter
from mileage.storage.table import get_item


def get_cap(pk: str, sk: str) -> int:
    item = get_item(CapCounter, pk, sk)
    return int(item.used) if item else 0


def get_used(scope: str, subject: str, sk: str) -> int:
    """Points counted against the `scope` (person | department) cap of `subject` in the period `sk`."""
    return get_cap(CapCounter.key(scope, subject), sk)


def cap_update(tx: Transaction, scope: str, subject: str, sk: str, delta: int, limit: int | None, label: str) -> None:
    """ADD `delta` to a cap counter; with a limit, only if `used + delta <= limit` (written `used <= limit - delta`,
    since DynamoDB conditions cannot add)."""
    condition = None
    if limit is not None and delta > 0:
        condition = CapCounter.used.does_not_exist() | (CapCounter.used <= limit - delta)
    tx.update(CapCounter(CapCounter.key(scope, subject), sk), actions=[CapCounter.used.add(delta)],
              condition=condition, label=label)


def get_redemption_counter(employee_no: str, year: int) -> RedemptionCounter | None:
    key = RedemptionCounter.of(employee_no, year)
    return get_item(RedemptionCounter, key.pk, key.sk)


def ceiling_update(tx: Transaction, employee_no: str, year: int, points: int, won: int, section: Any) -> None:
    """Count a redemption against the yearly ceiling (points, and won when it has a value), held to the ceiling."""
    counter = RedemptionCounter
    condition = None
    if section.yearly_ceiling_points is not None:
        condition = counter.points.does_not_exist() | (counter.points <= section.yearly_ceiling_points - points)
    if section.yearly_ceiling_won is not None and won:
        won_ok = counter.won.does_not_exist() | (counter.won <= section.yearly_ceiling_won - won)
        condition = won_ok if condition is None else condition & won_ok
    actions = [counter.points.add(points)] + ([counter.won.add(won)] if won else [])
    tx.update(counter.of(employee_no, year), actions=actions, condition=condition, label="ceiling")


def ceiling_release(tx: Transaction, item: Redemption) -> None:
    """A failed redemption gives its points (and won) back to the ceiling of the year it was requested in."""
    counter = RedemptionCounter
    won = int(item.won or 0)
    actions = [counter.points.add(-int(item.points))] + ([counter.won.add(-won)] if won else [])
    tx.update(counter.of(item.employee_no, item.created_at[:4]), actions=actions, label="ceiling")
