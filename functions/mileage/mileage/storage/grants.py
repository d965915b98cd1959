"""Grants and the act identities that keep one act from being granted twice."""

from __future__ import annotations

from typing import Any

from common.dynamo import Page, Transaction, query_page
from mileage.storage.items import ActKey, Grant
from mileage.storage.table import Key, get_item


def get_grant(grant_id: str) -> Grant | None:
    return get_item(Grant, Grant.key(grant_id), "META")


def grant_key(grant_id: str) -> Key:
    return Grant, Grant.key(grant_id), "META"


def act_item_key(employee_no: str, act_key: str) -> Key:
    """The key of the item saying `employee_no` was granted for the act `act_key` (read with `get_items`)."""
    return ActKey, ActKey.key(employee_no, act_key), "META"


def grants_by_status(status: str, limit: int, token: str | None) -> Page:
    return query_page(Grant.by_status, Grant.status_key(status), token, scan_index_forward=False, limit=limit)


def grants_of_department(department: str, status: str | None, limit: int, token: str | None) -> Page:
    condition = (Grant.status == status) if status else None
    return query_page(Grant.by_department, Grant.department_key(department), token, filter_condition=condition,
                      scan_index_forward=False, limit=limit)


def _between(start: str, end: str) -> tuple[str, str]:
    """Index sort keys `<iso time>#<id>` from day `start` to day `end` inclusive ('~' sorts after any time)."""
    return start, end + "~"


def grants_in_period(status: str, start: str, end: str) -> list[Grant]:
    """Every grant of `status` created from day `start` to day `end` (ISO dates, KST), from the status index."""
    low, high = _between(start, end)
    return list(Grant.by_status.query(Grant.status_key(status), Grant.gsi1sk.between(low, high)))


def department_grants_in_period(department: str, start: str, end: str) -> list[Grant]:
    """Every grant of `department` created from day `start` to day `end`, from the department index."""
    low, high = _between(start, end)
    return list(Grant.by_department.query(Grant.department_key(department), Grant.gsi2sk.between(low, high)))


# ------------------------------------------------------------------------------------------------ writes
def add_grant(tx: Transaction, grant: Grant, label: str) -> None:
    tx.put(grant, condition=Grant.pk.does_not_exist(), label=label)


def take_act(tx: Transaction, employee_no: str, act: str, *, grant_id: str, points: int, from_grant: str | None,
             label: str) -> None:
    """`employee_no` was granted for `act` by `grant_id`: a new identity, or one moved from `from_grant`."""
    condition = ActKey.grant_id == from_grant if from_grant else ActKey.pk.does_not_exist()
    tx.put(ActKey.of(employee_no, act, grant_id=grant_id, points=points), condition=condition, label=label)


def release_act(tx: Transaction, grant: Grant, act: str) -> None:
    tx.delete(ActKey.of(grant.employee_no, act), condition=ActKey.grant_id == grant.grant_id, label="act")


def supersede(tx: Transaction, old: Grant, *, by: str, at: str, label: str) -> None:
    """A pending grant replaced by a higher one for the same act."""
    tx.update(Grant(old.pk, "META"),
              actions=[Grant.status.set("SUPERSEDED"), Grant.superseded_by.set(by),
                       Grant.gsi1pk.set(Grant.status_key("SUPERSEDED")), Grant.decided_at.set(at)],
              condition=Grant.status == "SUBMITTED", label=label)


def decide(tx: Transaction, grant: Grant, status: str, *, expected: str, by: str, at: str,
           reason: str | None = None) -> None:
    """Move `grant` from `expected` to `status` (and its status index with it)."""
    actions: list[Any] = [Grant.status.set(status)]
    if reason is not None:
        actions.append(Grant.reason.set(reason))
    actions += [Grant.decided_by.set(by), Grant.decided_at.set(at), Grant.gsi1pk.set(Grant.status_key(status))]
    tx.update(Grant(grant.pk, "META"), actions=actions, condition=Grant.status == expected, label="grant")
