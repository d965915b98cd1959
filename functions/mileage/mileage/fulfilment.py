"""Settling a redemption: the voucher issuer (or HR, for leave and cash) fulfils it — the held points are spent — or
it fails and the points are refunded; never lost. Also the issuer's later answers, the re-send of unanswered
voucher requests and the deadline alarms of leave and cash awaiting HR (the scheduled jobs): this module needs no
HTTP models, so those entry points stay light.

Leave and cash wait for HR (AWAITING_HR, points held) on a statutory clock of the county's `redemption_execution`
period (`common.statutory`), started at the request; HR confirms (FULFILLED) or refuses (FAILED, refunded), which
stops the clock and removes its alarm in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from common import deadlines
from common.clock import now
from common.county import county
from common.dynamo import TransactionCancelled
from common.errors import Conflict
from common.observability import logger
from common.statutory import CaseClock, Office
from contracts.mileage import (
    MileageDeadlineApproaching,
    MileageDeadlineMissed,
    MileageRedeemed,
    MileageRedemptionFailed,
)
from mileage.area import MAX_ATTEMPTS
from mileage.clients.issuer import IssueFailed, VoucherIssuer
from mileage.events import deadline_event, expired, redemption_event
from mileage.rules import lots, offices
from mileage.rules import policy as rules
from mileage.storage import accounts, caps
from mileage.storage import redemptions as stored
from mileage.storage.items import Redemption
from mileage.storage.table import transaction


class BalanceBusy(RuntimeError):
    """The balance kept moving under every attempt: a consumer's queue retries; HR's route answers 409 BUSY."""


def _lapsing_on_refund(employee_no: str, reference: str, points: int, year: int, balance_after_refund: int) -> int:
    """Points a refund gives back that belong to credit years already past expiry (held over a year end): they
    lapse at once, as the year-end run would have expired them had they not been held."""
    moves = [*lots.movements(accounts.whole_ledger(employee_no)), lots.Movement("REFUND", points, reference, year)]
    due = lots.expiring(moves, year=year, carry_over_years=rules.policy().expiry.carry_over_years)
    return max(0, min(balance_after_refund, due))



PERIOD = "redemption_execution"  # county file clock.periods: how long HR has to execute leave and cash


def office() -> Office:
    """When the county's office is open (reminders) and its statutory calendar (due times)."""
    return Office.of(county())


def start_clock(at: datetime, by: str) -> CaseClock:
    """HR's clock for a leave or cash redemption requested at `at` by `by`."""
    return CaseClock.start(PERIOD, county().clock.period(PERIOD), at=at, by=by, reason="교환 신청")


def clock_of(item: Redemption) -> CaseClock | None:
    return CaseClock.stored(item.clock) if item.clock else None


def fulfil(redemption_id: str, issuer: VoucherIssuer) -> str:
    """Turn a REQUESTED voucher redemption into FULFILLED (voucher code) or FAILED (refund). Idempotent: anything but
    REQUESTED is left alone — leave and cash are AWAITING_HR from their request on, for HR to execute (one still
    REQUESTED, from before, is handed to HR). A transient
    issuer error propagates (the queue retries); the issuer dedupes on the redemption id, so a retry after a crash
    gets the same voucher."""
    item = stored.get_redemption(redemption_id)
    if item is None:
        raise LookupError(f"redemption {redemption_id} not found")  # event before the item? retry
    if item.status != "REQUESTED":
        return item.status
    if item.kind != "voucher":  # requested before HR executed leave and cash: handed to HR now
        return _hand_to_hr(item)
    if item.forwarded_at:
        return "FORWARDED"  # the issuer has it; its answer settles the redemption (or the re-send job asks again)
    return _ask_issuer(item, issuer)


def _hand_to_hr(item: Redemption) -> str:
    """A leave or cash redemption still REQUESTED (from before HR executed them) waits for HR, its clock counted
    from the request."""
    clock = start_clock(datetime.fromisoformat(item.created_at), item.employee_no)
    tx = transaction()
    stored.hand_to_hr(tx, item, clock.model_dump_json())
    if (first := deadlines.first_alarm(clock, office())) is not None:
        stored.arm(tx, item, first)
    try:
        tx.commit()
    except TransactionCancelled as error:
        if "redemption" in error.labels:
            return "SETTLED"  # moved on meanwhile
        raise
    return "AWAITING_HR"


def _ask_issuer(item: Redemption, issuer: VoucherIssuer) -> str:
    try:
        voucher_code = issuer.issue(item)
    except IssueFailed:
        _settle(item, fulfilled=False, voucher_code=None, reason="상품권 발급에 실패하여 점수를 돌려드렸습니다.")
        return "FAILED"
    if voucher_code is None:  # the issuer answers later (the vendor's result queue); the points stay held
        stored.mark_forwarded(item, now().isoformat())
        return "FORWARDED"
    _settle(item, fulfilled=True, voucher_code=voucher_code, reason=None)
    return "FULFILLED"


def resend_unanswered(issuer: VoucherIssuer, *, after_hours: int) -> dict[str, int]:
    """Ask the issuer again for every voucher redemption still unsettled `after_hours` after it was last sent (or,
    never sent — its fulfilment events went to the DLQ — after it was requested). The issuer dedupes on the redemption
    id, so asking again cannot issue a second voucher; the points stay held until an answer settles them. A transient
    failure for one redemption is counted and left for the next run."""
    cutoff = (now() - timedelta(hours=after_hours)).isoformat()
    counts = {"unsettled": 0, "asked": 0, "FORWARDED": 0, "FULFILLED": 0, "FAILED": 0, "errors": 0}
    for item in stored.unsettled_vouchers(requested_before=cutoff):
        counts["unsettled"] += 1
        if (item.forwarded_at or item.created_at) > cutoff:
            continue  # sent again recently: give the issuer its time
        counts["asked"] += 1
        try:
            counts[_ask_issuer(item, issuer)] += 1
        except Exception:  # one vendor hiccup must not stop the others being asked
            counts["errors"] += 1
            logger.exception("voucher request not re-sent", extra={"redemption_id": item.redemption_id})
    return counts


def settle_issuer_answer(redemption_id: str, *, issued: bool, voucher_code: str | None, reason: str | None) -> str:
    """The issuer's later answer: issued → FULFILLED with the code, refused → FAILED and refunded. A repeated or late
    answer for a settled redemption changes nothing (its status is returned)."""
    item = stored.get_redemption(redemption_id)
    if item is None:
        raise LookupError(f"redemption {redemption_id} not found")
    if item.status != "REQUESTED":
        return item.status
    if issued:
        _settle(item, fulfilled=True, voucher_code=voucher_code, reason=None)
        return "FULFILLED"
    why = f" ({reason[:200]})" if reason else ""
    _settle(item, fulfilled=False, voucher_code=None,
            reason=f"상품권 발급처가 발급하지 못해 점수를 돌려드렸습니다{why}.")
    return "FAILED"


def execute(item: Redemption, *, by: str, fulfilled: bool, reference: str | None = None,
            executed_on: str | None = None, reason: str | None = None) -> bool:
    """HR's decision on a leave or cash redemption AWAITING_HR: spent (FULFILLED, `MileageRedeemed`) or refunded
    (FAILED, `MileageRedemptionFailed`), its clock stopped and its alarm removed — one transaction, conditional on the
    status. False when it was no longer awaiting HR (decided by someone else first): nothing changed."""
    clock = clock_of(item)
    stopped = clock.stop(at=now(), by=by, reason="확정" if fulfilled else "거절") if clock else None
    try:
        return _settle(item, fulfilled=fulfilled, voucher_code=None, reason=reason, expected="AWAITING_HR",
                       hr={"clock": stopped.model_dump_json() if stopped else None, "executed_by": by,
                           "reference": reference, "executed_on": executed_on})
    except BalanceBusy as error:
        raise Conflict("잔액이 계속 바뀌어 처리하지 못했습니다. 다시 시도해 주세요.", code="BUSY") from error


def _settle(item: Redemption, *, fulfilled: bool, voucher_code: str | None, reason: str | None,
            expected: str = "REQUESTED", hr: dict[str, str | None] | None = None) -> bool:
    points = int(item.points)
    reference = f"REDEEM#{item.redemption_id}"
    for _ in range(MAX_ATTEMPTS):
        moment = now()
        at = moment.isoformat()
        account = accounts.get_balance(item.employee_no)
        balance = int(account.balance) if account else 0
        held = int(account.held) if account else 0
        version = int(account.version) if account else 0
        refunded = balance if fulfilled else balance + points
        lapsing = 0 if fulfilled else _lapsing_on_refund(item.employee_no, reference, points, moment.year, refunded)
        new_balance = refunded - lapsing
        tx = transaction()
        sequence = accounts.balance_update(tx, item.employee_no, expected_version=version, new_balance=new_balance,
                                           new_held=held - points, at=at)
        accounts.add_ledger_entry(tx, item.employee_no, str(uuid4()), sequence=sequence,
                                  kind="SPEND" if fulfilled else "REFUND", delta=0 if fulfilled else points,
                                  held_delta=-points, reference=reference, balance_after=refunded,
                                  held_after=held - points, at=at)
        if lapsing:  # after the refund in the ledger's order, so a replay sees the points come back, then lapse
            accounts.add_ledger_entry(tx, item.employee_no, f"EXPIRE#{moment.year}#{item.redemption_id}",
                                      sequence=sequence, part=1, kind="EXPIRE", delta=-lapsing, held_delta=0,
                                      reference=f"EXPIRE#{moment.year}", balance_after=new_balance,
                                      held_after=held - points, at=at)
            tx.event(expired(
                employee_no=item.employee_no, department=account.department if account else None, year=moment.year,
                carry_over_years=rules.policy().expiry.carry_over_years, points=lapsing,
                balance_after=new_balance).envelope())
        status = "FULFILLED" if fulfilled else "FAILED"
        if not fulfilled:  # nothing was redeemed: the yearly ceiling gets the points (and won) back
            caps.ceiling_release(tx, item)
        stored.settle(tx, item, status, at=at, voucher_code=voucher_code, reason=reason, expected=expected,
                      **(hr or {}))
        item.status, item.voucher_code, item.failure_reason, item.updated_at = status, voucher_code, reason, at
        if hr:
            item.clock, item.executed_by = hr["clock"], hr["executed_by"]
            item.execution_reference, item.executed_on = hr["reference"], hr["executed_on"]
        if fulfilled:
            tx.event(redemption_event(MileageRedeemed, item, voucher_issued=voucher_code is not None).envelope())
        else:
            tx.event(redemption_event(MileageRedemptionFailed, item).envelope())
        try:
            tx.commit()
            return True
        except TransactionCancelled as error:
            if "redemption" in error.labels:
                return False  # settled by an earlier delivery (or another HR decision)
            if "balance" in error.labels or error.contention:
                continue
            raise
    raise BalanceBusy("balance kept moving; the queue will retry")


def raise_deadline_alarms(at: datetime | None = None) -> dict[str, int]:
    """The daily deadline job (`common.deadlines`): every leave or cash redemption awaiting HR whose alarm has passed
    (one index Query) publishes `MileageDeadlineApproaching` (a reminder before the due time) or
    `MileageDeadlineMissed` (the due time passed) in the transaction that moves its alarm on, conditional on the alarm
    it read and on the redemption still awaiting HR: a second run publishes nothing new."""
    moment = at or now()
    county_office, acting = office(), [role.value for role in offices.redemption_executors()]
    return deadlines.raise_each(stored.due_alarms(moment),
                                lambda alarm: _raise_alarm(alarm, moment, county_office, acting))


def _raise_alarm(alarm: Any, moment: datetime, county_office: Office, acting: list[str]) -> str:
    item = stored.get_redemption(alarm.case_id)
    clock = clock_of(item) if item is not None and item.status == "AWAITING_HR" else None
    tx = transaction()
    if clock is None:  # decided meanwhile (its own transaction removes the alarm): an orphan, removed
        stored.move_alarm(tx, alarm, None)
        found = deadlines.Check(None, None, None)
    else:
        found = deadlines.check(clock, county_office, now=moment, since=datetime.fromisoformat(alarm.alarm_at))
        stored.move_alarm(tx, alarm, found.next_at)
        stored.check_awaiting(tx, item)
    if found.alarm is not None and found.due_at is not None:
        model = MileageDeadlineMissed if found.alarm is deadlines.Alarm.MISSED else MileageDeadlineApproaching
        tx.event(deadline_event(model, item, due_at=found.due_at.isoformat(), offices=acting).envelope())
    try:
        tx.commit()
    except TransactionCancelled:
        return "skipped"  # another run moved the alarm, or HR decided meanwhile: nothing published
    return found.alarm.value if found.alarm else "moved"
