"""Redeeming points: held at request (one transaction), then settled by `fulfilment` — spent with a voucher, or
refunded; never lost. Leave and cash are executed by HR (the office mapped to `mileage.redemptions`), who confirms
or refuses within the county's `redemption_execution` period.

    voucher:     REQUESTED   (balance −p, held +p, ledger HOLD) → FULFILLED (held −p, ledger SPEND, voucher code)
                                                               → FAILED    (held −p, balance +p, ledger REFUND)
    leave, cash: AWAITING_HR (the same hold, HR's clock started) → FULFILLED (HR confirmed: SPEND)
                                                                → FAILED    (HR refused, with a reason: REFUND)
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from common import deadlines
from common.clock import now
from common.dynamo import TransactionCancelled
from common.errors import Conflict, Forbidden, InvalidInput, NotFound, RuleViolation
from common.identity import Caller, Role
from contracts.mileage import MileageRedemptionRequested
from mileage import fulfilment, standing
from mileage.area import MAX_ATTEMPTS
from mileage.events import redemption_event
from mileage.models import ConfirmRedemption, RedemptionOut
from mileage.rules import offices
from mileage.rules import policy as rules
from mileage.rules.periods import parse_period
from mileage.storage import accounts, caps
from mileage.storage import redemptions as stored
from mileage.storage.items import Redemption
from mileage.storage.table import get_items, transaction


def redemption_out(item: Redemption, caller: Caller) -> RedemptionOut:
    """A voucher code is a bearer value: only the employee who redeemed sees it (audit, panel and HR see that it was
    issued, not the code). Leave and cash carry HR's due time, and whether it passed while they wait."""
    code = item.voucher_code if caller.employee_no == item.employee_no else (
        "********" if item.voucher_code else None)
    clock = fulfilment.clock_of(item)
    due = deadlines.deadline(clock, fulfilment.office(), now=now()) if clock else None
    return RedemptionOut(redemption_id=item.redemption_id, employee_no=item.employee_no,
                         reward_code=item.reward_code, kind=item.kind, points=int(item.points),
                         won=int(item.won) if item.won is not None else None, days=item.days, status=item.status,
                         voucher_code=code, failure_reason=item.failure_reason,
                         forwarded_at=item.forwarded_at,
                         forward_count=int(item.forward_count) if item.forward_count is not None else None,
                         due_at=due.due_at.isoformat() if due else None,
                         overdue=due.overdue if due and item.status == "AWAITING_HR" else None,
                         executed_by=item.executed_by, execution_reference=item.execution_reference,
                         executed_on=item.executed_on, created_at=item.created_at, updated_at=item.updated_at)


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
    account, me = get_items(accounts.balance_key(employee_no), standing.me_key(caller))
    standing.active(caller, me)
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            account = accounts.get_balance(employee_no)
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
        clock = fulfilment.start_clock(at, employee_no) if reward.kind != "voucher" else None
        item = Redemption.new(
            redemption_id, employee_no=employee_no, kind=reward.kind, status="AWAITING_HR" if clock else "REQUESTED",
            created_at=at.isoformat(), department=account.department if account else caller.department,
            reward_code=reward.code, points=reward.points, won=reward.won, days=reward.days,
            clock=clock.model_dump_json() if clock else None)
        tx = transaction()
        sequence = accounts.balance_update(tx, employee_no, expected_version=version,
                                           new_balance=balance - reward.points, new_held=held + reward.points,
                                           at=at.isoformat(), require_balance=reward.points)
        accounts.add_ledger_entry(tx, employee_no, str(uuid4()), sequence=sequence, kind="HOLD",
                                  delta=-reward.points, held_delta=reward.points, reference=f"REDEEM#{redemption_id}",
                                  balance_after=balance - reward.points, held_after=held + reward.points,
                                  at=at.isoformat())
        stored.add_redemption(tx, item)
        if clock and (first := deadlines.first_alarm(clock, fulfilment.office())) is not None:
            stored.arm(tx, item, first)
        caps.ceiling_update(tx, employee_no, year, reward.points, won, section)
        tx.event(redemption_event(MileageRedemptionRequested, item).envelope())
        try:
            tx.commit()
        except TransactionCancelled as error:
            if "ceiling" in error.labels:
                raise _ceiling_error(employee_no, year, section) from error
            if "balance" in error.labels or error.contention:
                continue  # another change moved the balance first: read it again
            raise Conflict(details={"reasons": error.reasons}) from error
        return redemption_out(item, caller)
    raise Conflict("잔액이 계속 바뀌어 처리하지 못했습니다. 다시 시도해 주세요.", code="BUSY")


def _ceiling_error(employee_no: str, year: int, section: Any) -> RuleViolation:
    counter = caps.get_redemption_counter(employee_no, year)
    return RuleViolation("연간 사용 한도를 넘습니다.", code="REDEMPTION_CEILING", details={
        "year": year, "limit_points": section.yearly_ceiling_points, "limit_won": section.yearly_ceiling_won,
        "used_points": int(counter.points) if counter else 0, "used_won": int(counter.won) if counter else 0})


def read_redemption(caller: Caller, redemption_id: str) -> RedemptionOut:
    item = stored.get_redemption(redemption_id)
    if item is None:
        raise NotFound("사용 신청을 찾을 수 없습니다.", code="REDEMPTION_NOT_FOUND")
    if not (caller.has(*_readers()) or caller.employee_no == item.employee_no):
        raise Forbidden("본인의 사용 신청만 볼 수 있습니다.", code="NOT_YOURS")
    return redemption_out(item, caller)


def _readers() -> tuple[Role, ...]:
    """Who reads anyone's redemptions: those who oversee mileage and those who execute leave and cash."""
    return tuple(dict.fromkeys((*offices.overseers(), *offices.redemption_executors())))


KINDS = ("voucher", "leave", "cash")
STATUSES = ("REQUESTED", "AWAITING_HR", "FULFILLED", "FAILED")


def list_redemptions(caller: Caller, *, employee_no: str | None, kind: str | None, status: str | None,
                     period: str | None, limit: int, token: str | None) -> tuple[list[RedemptionOut], str | None]:
    """One employee's redemptions (themself; the overseers and HR anyone's), or — for HR and the approver — those
    of one kind in one status (default: AWAITING_HR for leave and cash — what HR must execute, with its due time —
    and FULFILLED for vouchers), optionally requested within a period; newest first."""
    if employee_no is not None:
        if kind is not None or status is not None or period is not None:
            raise InvalidInput("employee_no 와 kind·status·period 는 함께 쓸 수 없습니다.",
                               code="INVALID_QUERY")
        caller.require_self(employee_no, unless=_readers())
        page = stored.redemptions_of_employee(employee_no, limit, token)
    elif kind is not None:
        caller.require(*offices.redemption_executors(), *offices.approvers())
        if kind not in KINDS or (status is not None and status not in STATUSES):
            raise InvalidInput("kind 는 voucher·leave·cash, status 는 REQUESTED·AWAITING_HR·FULFILLED·FAILED 중 "
                               "하나입니다.",
                               code="INVALID_QUERY", details={"kinds": list(KINDS), "statuses": list(STATUSES)})
        start = end = None
        if period is not None:
            window = parse_period(period)
            start, end = window.start.isoformat(), window.end.isoformat()
        default = "FULFILLED" if kind == "voucher" else "AWAITING_HR"
        page = stored.redemptions_by_kind(kind, status or default, start, end, limit, token)
    else:
        raise InvalidInput("employee_no (직원별) 또는 kind (인사부서: 보상 종류별) 중 하나가 필요합니다.",
                           code="QUERY_REQUIRED")
    return [redemption_out(item, caller) for item in page.items], page.next_token


# ------------------------------------------------------------------------------------------------ HR executes
def _executable(caller: Caller, redemption_id: str) -> Redemption:
    """The leave or cash redemption, once the caller holds the executing office (county `offices`,
    mileage.redemptions) in the token and in mileage's projection now (one read for both), and it is not their own."""
    executors = offices.redemption_executors()
    caller.require(*executors)
    item, me = get_items(stored.redemption_key(redemption_id), standing.me_key(caller))
    standing.holding(caller, me, *executors)
    if item is None:
        raise NotFound("사용 신청을 찾을 수 없습니다.", code="REDEMPTION_NOT_FOUND")
    if item.employee_no == caller.employee_no:
        raise Forbidden("본인의 사용 신청은 처리할 수 없습니다.", code="OWN_REDEMPTION")
    if item.status != "AWAITING_HR":
        raise Conflict(f"인사부서가 처리할 신청이 아닙니다 (현재 상태: {item.status}).", code="INVALID_STATE",
                       details={"status": item.status, "kind": item.kind})
    return item


def _executed(caller: Caller, item: Redemption, done: bool) -> RedemptionOut:
    if not done:
        raise Conflict("이미 처리된 신청입니다.", code="INVALID_STATE")
    return redemption_out(item, caller)


def confirm(caller: Caller, redemption_id: str, request: ConfirmRedemption) -> RedemptionOut:
    """HR confirms what it did (its reference, the leave's first day or the payment date): the held points are
    spent (FULFILLED, `MileageRedeemed`). A second confirm is INVALID_STATE and spends nothing."""
    item = _executable(caller, redemption_id)
    done = fulfilment.execute(item, by=caller.employee_no or "", fulfilled=True, reference=request.reference,
                              executed_on=request.executed_on.isoformat())
    return _executed(caller, item, done)


def refuse(caller: Caller, redemption_id: str, reason: str) -> RedemptionOut:
    """HR refuses with a reason: the points come back (FAILED, `MileageRedemptionFailed`)."""
    if len(reason.strip()) < 2:
        raise RuleViolation("거절 사유를 적어 주세요.", code="REASON_REQUIRED")
    item = _executable(caller, redemption_id)
    done = fulfilment.execute(item, by=caller.employee_no or "", fulfilled=False,
                              reason=f"인사부서가 거절하여 점수를 돌려드렸습니다 ({reason.strip()[:500]}).")
    return _executed(caller, item, done)
