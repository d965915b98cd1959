"""Settling a redemption: the voucher issuer (or HR, for leave and cash) fulfils it — the held points are spent — or
it fails and the points are refunded; never lost. Also the issuer's later answers and the re-send of unanswered
voucher requests (the scheduled job): this module needs no HTTP models, so those entry points stay light.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from common.clock import now
from common.dynamo import TransactionCancelled
from common.observability import logger
from contracts.mileage import MileageRedeemed, MileageRedemptionFailed
from mileage.area import MAX_ATTEMPTS
from mileage.clients.issuer import IssueFailed, VoucherIssuer
from mileage.events import expired, redemption_event
from mileage.rules import lots
from mileage.rules import policy as rules
from mileage.storage import accounts, caps
from mileage.storage import redemptions as stored
from mileage.storage.items import Redemption
from mileage.storage.table import transaction


def _lapsing_on_refund(employee_no: str, reference: str, points: int, year: int, balance_after_refund: int) -> int:
    """Points a refund gives back that belong to credit years already past expiry (held over a year end): they
    lapse at once, as the year-end run would have expired them had they not been held."""
    moves = [*lots.movements(accounts.whole_ledger(employee_no)), lots.Movement("REFUND", points, reference, year)]
    due = lots.expiring(moves, year=year, carry_over_years=rules.policy().expiry.carry_over_years)
    return max(0, min(balance_after_refund, due))




def fulfil(redemption_id: str, issuer: VoucherIssuer) -> str:
    """Turn a REQUESTED redemption into FULFILLED (voucher code, or HR's leave/cash) or FAILED (refund).
    Idempotent: anything but REQUESTED is left alone. A transient issuer error propagates (the queue retries); the
    issuer dedupes on the redemption id, so a retry after a crash gets the same voucher."""
    item = stored.get_redemption(redemption_id)
    if item is None:
        raise LookupError(f"redemption {redemption_id} not found")  # event before the item? retry
    if item.status != "REQUESTED":
        return item.status
    if item.kind != "voucher":  # leave and cash: HR executes what is FULFILLED
        _settle(item, fulfilled=True, voucher_code=None, reason=None)
        return "FULFILLED"
    if item.forwarded_at:
        return "FORWARDED"  # the issuer has it; its answer settles the redemption (or the re-send job asks again)
    return _ask_issuer(item, issuer)


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


def _settle(item: Redemption, *, fulfilled: bool, voucher_code: str | None, reason: str | None) -> None:
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
        stored.settle(tx, item, status, at=at, voucher_code=voucher_code, reason=reason)
        item.status, item.voucher_code, item.failure_reason, item.updated_at = status, voucher_code, reason, at
        if fulfilled:
            tx.event(redemption_event(MileageRedeemed, item, voucher_issued=voucher_code is not None).envelope())
        else:
            tx.event(redemption_event(MileageRedemptionFailed, item).envelope())
        try:
            tx.commit()
            return
        except TransactionCancelled as error:
            if "redemption" in error.labels:
                return  # settled by an earlier delivery
            if "balance" in error.labels or error.contention:
                continue
            raise
    raise RuntimeError("balance kept moving; the queue will retry")
