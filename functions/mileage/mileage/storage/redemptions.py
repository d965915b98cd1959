"""Redemptions: requested (points held), then settled — fulfilled or failed; leave and cash wait for HR with a
deadline alarm beside them (`common.deadlines`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from pynamodb.exceptions import UpdateError

from common import deadlines
from common.dynamo import Page, Transaction, query_page
from mileage.storage.items import Alarm, Redemption
from mileage.storage.table import Key, get_item

CASE_KIND = "redemption"  # the alarm partition of redemptions awaiting HR


def get_redemption(redemption_id: str) -> Redemption | None:
    return get_item(Redemption, Redemption.key(redemption_id), "META")


def redemption_key(redemption_id: str) -> Key:
    return Redemption, Redemption.key(redemption_id), "META"


def redemptions_of_employee(employee_no: str, limit: int, token: str | None) -> Page:
    return query_page(Redemption.of_employee, Redemption.employee_key(employee_no), token, scan_index_forward=False,
                      limit=limit)


def redemptions_by_kind(kind: str, status: str, start: str | None, end: str | None, limit: int,
                        token: str | None) -> Page:
    """Redemptions of `kind` in `status`, newest first; requested from day `start` to day `end` when given."""
    condition = (Redemption.gsi1sk.between(f"{status}#{start}", f"{status}#{end}~") if start and end
                 else Redemption.gsi1sk.startswith(f"{status}#"))
    return query_page(Redemption.by_kind, Redemption.kind_key(kind), token, range_key_condition=condition,
                      scan_index_forward=False, limit=limit)


def unsettled_vouchers(requested_before: str) -> Iterator[Redemption]:
    """Voucher redemptions still REQUESTED that were requested before `requested_before`, oldest first (the
    re-send job; an index query)."""
    return Redemption.by_kind.query(Redemption.kind_key("voucher"), Redemption.gsi1sk.between(
        "REQUESTED#", f"REQUESTED#{requested_before}"))


def add_redemption(tx: Transaction, item: Redemption) -> None:
    tx.put(item, condition=Redemption.pk.does_not_exist(), label="redemption")


def settle(tx: Transaction, item: Redemption, status: str, *, at: str, voucher_code: str | None,
           reason: str | None, expected: str = "REQUESTED", clock: str | None = None, executed_by: str | None = None,
           reference: str | None = None, executed_on: str | None = None) -> None:
    """`expected` (REQUESTED, or AWAITING_HR for HR) → `status` (FULFILLED | FAILED), and its place in the kind index
    with it; HR's decision (who, reference, date, the stopped clock) when given."""
    actions = [Redemption.status.set(status), Redemption.updated_at.set(at),
               Redemption.gsi1pk.set(Redemption.kind_key(item.kind)),
               Redemption.gsi1sk.set(item.status_key(status))]
    if voucher_code:
        actions.append(Redemption.voucher_code.set(voucher_code))
    if reason:
        actions.append(Redemption.failure_reason.set(reason))
    for attribute, value in ((Redemption.clock, clock), (Redemption.executed_by, executed_by),
                             (Redemption.execution_reference, reference), (Redemption.executed_on, executed_on)):
        if value is not None:
            actions.append(attribute.set(value))
    tx.update(Redemption(item.pk, "META"), actions=actions, condition=Redemption.status == expected,
              label="redemption")
    if expected == "AWAITING_HR":
        deadlines.disarm(tx, Alarm, item.pk)


def hand_to_hr(tx: Transaction, item: Redemption, clock: str) -> None:
    """REQUESTED → AWAITING_HR with HR's clock (a leave or cash redemption requested before HR executed them)."""
    tx.update(Redemption(item.pk, "META"), actions=[
        Redemption.status.set("AWAITING_HR"), Redemption.clock.set(clock),
        Redemption.gsi1sk.set(item.status_key("AWAITING_HR"))], condition=Redemption.status == "REQUESTED",
        label="redemption")


# ------------------------------------------------------------------------------------------------ deadline alarms
def arm(tx: Transaction, item: Redemption, at: datetime) -> None:
    """The first alarm of a redemption awaiting HR (in the transaction that requests it)."""
    deadlines.arm(tx, Alarm.of(item.pk, case_kind=CASE_KIND, case_id=item.redemption_id, at=at))


def due_alarms(now: datetime) -> Iterator[Alarm]:
    """Alarms of redemptions awaiting HR at or before `now` (one Query of the sparse alarm index)."""
    return deadlines.due_alarms(Alarm, CASE_KIND, now)


def move_alarm(tx: Transaction, alarm: Alarm, to: datetime | None) -> None:
    deadlines.move(tx, alarm, to)


def mark_forwarded(redemption: Redemption, at: str) -> None:
    """Note that the issuer has the request (only while it is still REQUESTED; a settled one stays as it is)."""
    try:
        redemption.update(actions=[Redemption.forwarded_at.set(at), Redemption.forward_count.add(1)],
                          condition=Redemption.status == "REQUESTED")
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
def check_awaiting(tx: Transaction, item: Redemption) -> None:
    """The redemption still waits for HR when the transaction commits."""
    tx.check(Redemption(item.pk, "META"), Redemption.status == "AWAITING_HR", label="redemption")
