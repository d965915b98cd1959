"""Balances and the append-only ledger, and the year-end expiry markers kept beside them."""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.expressions.condition import Condition

from common.dynamo import Page, Transaction, query_page
from mileage.storage.items import ALL_ACCOUNTS, Balance, ExpiryMarker, LedgerEntry
from mileage.storage.table import Key, get_item


def get_balance(employee_no: str) -> Balance | None:
    return get_item(Balance, Balance.key(employee_no), "BALANCE")


def balance_key(employee_no: str) -> Key:
    return Balance, Balance.key(employee_no), "BALANCE"


def ledger(employee_no: str, limit: int, token: str | None) -> Page:
    return query_page(LedgerEntry, Balance.key(employee_no), token, range_key_condition=LedgerEntry.sk.startswith(
        "LEDGER#"), scan_index_forward=False, limit=limit)


def department_accounts(department: str, limit: int, token: str | None) -> Page:
    return query_page(Balance.by_department, Balance.department_key(department), token, limit=limit)


def all_account_numbers() -> Iterable[str]:
    """Every account's employee number, from the ACCOUNTS index (the year-end job; never on a request path)."""
    for item in Balance.every.query(ALL_ACCOUNTS, attributes_to_get=["employee_no"]):
        yield item.employee_no


def whole_ledger(employee_no: str) -> list[LedgerEntry]:
    """An account's ledger, oldest first (the year-end job)."""
    return list(LedgerEntry.query(Balance.key(employee_no), LedgerEntry.sk.startswith("LEDGER#")))


def get_expiry_marker(employee_no: str, year: int) -> ExpiryMarker | None:
    return get_item(ExpiryMarker, Balance.key(employee_no), f"EXPIRED#{year}")


def mark_expired(tx: Transaction, employee_no: str, year: int, points: int, at: str) -> None:
    """The year's expiry ran for this account (only once: the marker must not exist yet)."""
    tx.put(ExpiryMarker.of(employee_no, year, points=points, created_at=at),
           condition=ExpiryMarker.pk.does_not_exist(), label="marker")


def balance_update(tx: Transaction, employee_no: str, *, expected_version: int, new_balance: int, new_held: int,
                   at: str, require_balance: int | None = None) -> int:
    """Move the balance to the values computed from the version read (optimistic: the version must not have moved);
    the new version, which orders the ledger entries written in the same transaction (`add_ledger_entry`).
    The account's department is the staff projection's to set (`staff.save_staff`), never a balance move's."""
    condition: Condition = (Balance.version == expected_version) if expected_version else (
        Balance.version.does_not_exist() | (Balance.version == 0))
    if require_balance is not None:
        condition = condition & (Balance.balance >= require_balance)
    actions = [Balance.employee_no.set(employee_no), Balance.balance.set(new_balance), Balance.held.set(new_held),
               Balance.version.set(expected_version + 1), Balance.updated_at.set(at),
               Balance.gsi2pk.set(ALL_ACCOUNTS), Balance.gsi2sk.set(employee_no)]
    tx.update(Balance.of(employee_no), actions=actions, condition=condition, label="balance")
    return expected_version + 1


def add_ledger_entry(tx: Transaction, employee_no: str, entry_id: str, *, sequence: int, kind: str, delta: int,
                     held_delta: int, reference: str, balance_after: int, held_after: int, at: str,
                     part: int = 0) -> None:
    """An entry keyed by the balance version its transaction moves the account to (`part` orders two entries of one
    transaction). The version is serialised by the balance's optimistic lock, so the ledger's order is the order the
    changes committed in — not the wall clocks of the Lambda hosts, which may tie or run behind one another."""
    tx.put(LedgerEntry.of(employee_no, sequence=sequence, part=part, entry_id=entry_id, kind=kind, delta=delta,
                          held_delta=held_delta, reference=reference, balance_after=balance_after,
                          held_after=held_after, created_at=at))
