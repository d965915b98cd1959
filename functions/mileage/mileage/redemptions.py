"""Redeeming points: held at request (one transaction), then fulfilled by the voucher issuer or HR — spent with a
voucher, or refunded; never lost.

    REQUESTED (balance −p, held +p, ledger HOLD) → FULFILLED (held −p, ledger SPEND, voucher code)
                                                 → FAILED    (held −p, balance +p, ledger REFUND)
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import uuid4

from common.clock import now
from common.errors import Conflict, Forbidden, InvalidInput, NotFound, RuleViolation
from common.events import new_event
from common.identity import Caller, Role
from common.observability import logger
from mileage import standing
from mileage.clients.issuer import IssueFailed, VoucherIssuer
from mileage.grants import AREA, MAX_ATTEMPTS
from mileage.models import RedemptionOut
from mileage.review import parse_period
from mileage.rules import lots
from mileage.rules import policy as rules
from mileage.storage import items as repo


def redemption_out(item: repo.Redemption, caller: Caller) -> RedemptionOut:
    """A voucher code is a bearer value: only the employee who redeemed sees it (audit, panel and HR see that it was
    issued, not the code)."""
    code = item.voucher_code if caller.employee_no == item.employee_no else (
        "********" if item.voucher_code else None)
    return RedemptionOut(redemption_id=item.redemption_id, employee_no=item.employee_no,
                         reward_code=item.reward_code, kind=item.kind, points=int(item.points),
                         won=int(item.won) if item.won is not None else None, days=item.days, status=item.status,
                         voucher_code=code, failure_reason=item.failure_reason,
                         forwarded_at=item.forwarded_at,
                         forward_count=int(item.forward_count) if item.forward_count is not None else None,
                         created_at=item.created_at, updated_at=item.updated_at)


def _event_data(item: repo.Redemption, **extra: Any) -> dict[str, Any]:
    return {"redemption_id": item.redemption_id, "employee_no": item.employee_no, "reward_code": item.reward_code,
            "kind": item.kind, "points": int(item.points), "won": int(item.won) if item.won is not None else None,
            "days": item.days, "status": item.status, **extra}


def redeem(caller: Caller, reward_code: str) -> RedemptionOut:
    """The caller redeems their own points for `reward_code`."""
    if not caller.is_staff:
        raise Forbidden("직원만 마일리지를 사용할 수 있습니다.", code="ROLE_REQUIRED")
    section = rules.policy().redemption
    reward = section.reward(reward_code)
    if reward is None:
        raise RuleViolation(f"없는 보상입니다: {reward_code}", code="UNKNOWN_REWARD")
    employee_no = caller.employee_no or ""
    at = now()
    year = at.year
    won = reward.won or 0
    if section.yearly_ceiling_points is not None and reward.points > section.yearly_ceiling_points:
        raise _ceiling_error(employee_no, year, section)
    if section.yearly_ceiling_won is not None and won > section.yearly_ceiling_won:
        raise _ceiling_error(employee_no, year, section)
    redemption_id = str(uuid4())
    # the caller's standing now (a leaver's token still says staff) read with the balance
    account, me = repo.get_items((repo.Balance, repo.Balance.key(employee_no), "BALANCE"), standing.me_key(caller))
    standing.active(caller, me)
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            account = repo.get_balance(employee_no)
        balance = int(account.balance) if account else 0
        held = int(account.held) if account else 0
        version = int(account.version) if account else 0
        if balance < section.min_balance:
            raise RuleViolation(f"잔액이 {section.min_balance}점 이상이어야 사용할 수 있습니다.",
                                code="BELOW_MIN_BALANCE", details={"balance": balance,
                                                                   "min_balance": section.min_balance})
        if balance < reward.points:
            raise RuleViolation("잔액이 부족합니다.", code="INSUFFICIENT_BALANCE",
                                details={"balance": balance, "points": reward.points})
        item = repo.Redemption(
            repo.Redemption.key(redemption_id), "META", redemption_id=redemption_id, employee_no=employee_no,
            department=account.department if account else caller.department, reward_code=reward.code,
            kind=reward.kind, points=reward.points, won=reward.won, days=reward.days, status="REQUESTED",
            created_at=at.isoformat(), gsi1pk=f"REDEMPTIONS#{reward.kind}",
            gsi2pk=f"EMPREDEEM#{employee_no}", gsi2sk=f"{at.isoformat()}#{redemption_id}")
        item.gsi1sk = item.status_key("REQUESTED")
        tx = repo.Tx()
        sequence = repo.balance_update(tx, employee_no, expected_version=version,
                                       new_balance=balance - reward.points, new_held=held + reward.points,
                                       at=at.isoformat(), require_balance=reward.points)
        tx.put(repo.ledger_entry(employee_no, str(uuid4()), sequence=sequence, kind="HOLD", delta=-reward.points,
                                 held_delta=reward.points, reference=f"REDEEM#{redemption_id}",
                                 balance_after=balance - reward.points, held_after=held + reward.points,
                                 at=at.isoformat()))
        tx.put(item, condition=repo.Redemption.pk.does_not_exist(), label="redemption")
        _ceiling_update(tx, employee_no, year, reward.points, won, section)
        tx.event(new_event(AREA, "MileageRedemptionRequested", _event_data(item)))
        try:
            tx.commit()
        except repo.TxCancelled as error:
            if "ceiling" in error.labels:
                raise _ceiling_error(employee_no, year, section) from error
            if "balance" in error.labels or error.contention:
                continue  # another change moved the balance first: read it again
            raise Conflict(details={"reasons": error.reasons}) from error
        return redemption_out(item, caller)
    raise Conflict("잔액이 계속 바뀌어 처리하지 못했습니다. 다시 시도해 주세요.", code="BUSY")


def _ceiling_update(tx: repo.Tx, employee_no: str, year: int, points: int, won: int, section: Any) -> None:
    counter = repo.RedemptionCounter
    condition = None
    if section.yearly_ceiling_points is not None:
        condition = counter.points.does_not_exist() | (counter.points <= section.yearly_ceiling_points - points)
    if section.yearly_ceiling_won is not None and won:
        won_ok = counter.won.does_not_exist() | (counter.won <= section.yearly_ceiling_won - won)
        condition = won_ok if condition is None else condition & won_ok
    actions = [counter.points.add(points)] + ([counter.won.add(won)] if won else [])
    tx.update(counter(f"CAP#REDEEM#{employee_no}", f"Y{year}"), actions=actions, condition=condition,
              label="ceiling")


def _lapsing_on_refund(employee_no: str, reference: str, points: int, year: int, balance_after_refund: int) -> int:
    """Points a refund gives back that belong to credit years already past expiry (held over a year end): they
    lapse at once, as the year-end run would have expired them had they not been held."""
    moves = [*lots.movements(repo.whole_ledger(employee_no)), lots.Movement("REFUND", points, reference, year)]
    due = lots.expiring(moves, year=year, carry_over_years=rules.policy().expiry.carry_over_years)
    return max(0, min(balance_after_refund, due))


def _ceiling_release(tx: repo.Tx, item: repo.Redemption) -> None:
    counter = repo.RedemptionCounter
    won = int(item.won or 0)
    actions = [counter.points.add(-int(item.points))] + ([counter.won.add(-won)] if won else [])
    tx.update(counter(f"CAP#REDEEM#{item.employee_no}", f"Y{item.created_at[:4]}"), actions=actions,
              label="ceiling")


def _ceiling_error(employee_no: str, year: int, section: Any) -> RuleViolation:
    counter = repo.get_redemption_counter(employee_no, year)
    return RuleViolation("연간 사용 한도를 넘습니다.", code="REDEMPTION_CEILING", details={
        "year": year, "limit_points": section.yearly_ceiling_points, "limit_won": section.yearly_ceiling_won,
        "used_points": int(counter.points) if counter else 0, "used_won": int(counter.won) if counter else 0})


def read_redemption(caller: Caller, redemption_id: str) -> RedemptionOut:
    item = repo.get_redemption(redemption_id)
    if item is None:
        raise NotFound("사용 신청을 찾을 수 없습니다.", code="REDEMPTION_NOT_FOUND")
    if not (caller.has(Role.AUDIT, Role.PANEL, Role.HR) or caller.employee_no == item.employee_no):
        raise Forbidden("본인의 사용 신청만 볼 수 있습니다.", code="NOT_YOURS")
    return redemption_out(item, caller)


KINDS = ("voucher", "leave", "cash")
STATUSES = ("REQUESTED", "FULFILLED", "FAILED")


def list_redemptions(caller: Caller, *, employee_no: str | None, kind: str | None, status: str | None,
                     period: str | None, limit: int, token: str | None) -> tuple[list[RedemptionOut], str | None]:
    """One employee's redemptions (themself; audit, panel, HR anyone's), or — for HR and audit — those of one kind
    in one status (default FULFILLED: what HR must execute), optionally requested within a period; newest first."""
    if employee_no is not None:
        if kind is not None or status is not None or period is not None:
            raise InvalidInput("employee_no 와 kind·status·period 는 함께 쓸 수 없습니다.",
                               code="INVALID_QUERY")
        caller.require_self(employee_no, unless=(Role.AUDIT, Role.PANEL, Role.HR))
        page = repo.redemptions_of_employee(employee_no, limit, token)
    elif kind is not None:
        caller.require(Role.HR, Role.AUDIT)
        if kind not in KINDS or (status is not None and status not in STATUSES):
            raise InvalidInput("kind 는 voucher·leave·cash, status 는 REQUESTED·FULFILLED·FAILED 중 하나입니다.",
                               code="INVALID_QUERY", details={"kinds": list(KINDS), "statuses": list(STATUSES)})
        start = end = None
        if period is not None:
            window = parse_period(period)
            start, end = window.start.isoformat(), window.end.isoformat()
        page = repo.redemptions_by_kind(kind, status or "FULFILLED", start, end, limit, token)
    else:
        raise InvalidInput("employee_no (직원별) 또는 kind (인사부서: 보상 종류별) 중 하나가 필요합니다.",
                           code="QUERY_REQUIRED")
    return [redemption_out(item, caller) for item in page.items], page.next_token


# ------------------------------------------------------------------------------------------------ fulfilment
def fulfil(redemption_id: str, issuer: VoucherIssuer) -> str:
    """Turn a REQUESTED redemption into FULFILLED (voucher code, or HR's leave/cash) or FAILED (refund).
    Idempotent: anything but REQUESTED is left alone. A transient issuer error propagates (the queue retries); the
    issuer dedupes on the redemption id, so a retry after a crash gets the same voucher."""
    item = repo.get_redemption(redemption_id)
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


def _ask_issuer(item: repo.Redemption, issuer: VoucherIssuer) -> str:
    try:
        voucher_code = issuer.issue(item)
    except IssueFailed:
        _settle(item, fulfilled=False, voucher_code=None, reason="상품권 발급에 실패하여 점수를 돌려드렸습니다.")
        return "FAILED"
    if voucher_code is None:  # the issuer answers later (the vendor's result queue); the points stay held
        repo.mark_forwarded(item, now().isoformat())
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
    for item in repo.unsettled_vouchers(requested_before=cutoff):
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
    item = repo.get_redemption(redemption_id)
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


def _settle(item: repo.Redemption, *, fulfilled: bool, voucher_code: str | None, reason: str | None) -> None:
    points = int(item.points)
    reference = f"REDEEM#{item.redemption_id}"
    for _ in range(MAX_ATTEMPTS):
        moment = now()
        at = moment.isoformat()
        account = repo.get_balance(item.employee_no)
        balance = int(account.balance) if account else 0
        held = int(account.held) if account else 0
        version = int(account.version) if account else 0
        refunded = balance if fulfilled else balance + points
        lapsing = 0 if fulfilled else _lapsing_on_refund(item.employee_no, reference, points, moment.year, refunded)
        new_balance = refunded - lapsing
        tx = repo.Tx()
        sequence = repo.balance_update(tx, item.employee_no, expected_version=version, new_balance=new_balance,
                                       new_held=held - points, at=at)
        tx.put(repo.ledger_entry(item.employee_no, str(uuid4()), sequence=sequence,
                                 kind="SPEND" if fulfilled else "REFUND",
                                 delta=0 if fulfilled else points, held_delta=-points, reference=reference,
                                 balance_after=refunded, held_after=held - points, at=at))
        if lapsing:  # after the refund in the ledger's order, so a replay sees the points come back, then lapse
            tx.put(repo.ledger_entry(item.employee_no, f"EXPIRE#{moment.year}#{item.redemption_id}",
                                     sequence=sequence, part=1, kind="EXPIRE", delta=-lapsing, held_delta=0,
                                     reference=f"EXPIRE#{moment.year}", balance_after=new_balance,
                                     held_after=held - points, at=at))
            tx.event(new_event(AREA, "MileageExpired", {
                "employee_no": item.employee_no, "department": account.department if account else None,
                "year": moment.year, "credited_up_to": moment.year - 1 - rules.policy().expiry.carry_over_years,
                "points": lapsing, "balance_after": new_balance}))
        status = "FULFILLED" if fulfilled else "FAILED"
        actions = [repo.Redemption.status.set(status), repo.Redemption.updated_at.set(at),
                   repo.Redemption.gsi1pk.set(f"REDEMPTIONS#{item.kind}"),
                   repo.Redemption.gsi1sk.set(item.status_key(status))]
        if not fulfilled:  # nothing was redeemed: the yearly ceiling gets the points (and won) back
            _ceiling_release(tx, item)
        if voucher_code:
            actions.append(repo.Redemption.voucher_code.set(voucher_code))
        if reason:
            actions.append(repo.Redemption.failure_reason.set(reason))
        tx.update(repo.Redemption(item.pk, "META"), actions=actions,
                  condition=repo.Redemption.status == "REQUESTED", label="redemption")
        item.status, item.voucher_code, item.failure_reason, item.updated_at = status, voucher_code, reason, at
        if fulfilled:
            tx.event(new_event(AREA, "MileageRedeemed", _event_data(item, voucher_issued=voucher_code is not None)))
        else:
            tx.event(new_event(AREA, "MileageRedemptionFailed", _event_data(item)))
        try:
            tx.commit()
            return
        except repo.TxCancelled as error:
            if "redemption" in error.labels:
                return  # settled by an earlier delivery
            if "balance" in error.labels or error.contention:
                continue
            raise
    raise RuntimeError("balance kept moving; the queue will retry")
