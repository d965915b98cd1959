"""Deciding on grants: the approver office (`rules.offices`: the audit office or the dedicated unit, as the county
maps it; or, where the county routes them, the panel) approves or rejects a submitted grant; an approved grant may
be reversed. One DynamoDB transaction per decision.

    SUBMITTED → APPROVED (ledger CREDIT) | REJECTED (caps and act released)
    APPROVED → REVERSED (승인 부서 or 평가단: a new negative ledger entry, nothing edited in place)
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

from common.clock import now
from common.dynamo import Transaction, TransactionCancelled
from common.errors import Conflict, DomainError, Forbidden, NotFound, RuleViolation
from common.identity import Caller, Role, role_labels
from contracts.mileage import MileageApproved, MileageRejected, MileageReversed
from mileage import standing
from mileage.area import MAX_ATTEMPTS
from mileage.events import grant_event
from mileage.grants import grant_out
from mileage.models import BulkDecision, BulkResult, GrantOut
from mileage.rules import lots, offices
from mileage.rules import policy as rules
from mileage.rules.caps import PERIODS
from mileage.storage import accounts, caps
from mileage.storage import grants as stored
from mileage.storage.items import Grant, Staff
from mileage.storage.table import get_items, transaction


def _decidable(caller: Caller, grant_id: str, expected: str, *roles: Role) -> Grant:
    """The grant, once the caller holds one of `roles` in the token and in mileage's projection now (one read for
    both), and may decide it: not their own, and — for approvals and rejections — theirs to decide (`_route`)."""
    caller.require(*roles)
    grant, me = get_items(stored.grant_key(grant_id), standing.me_key(caller))
    me = standing.holding(caller, me, *roles)
    if grant is None:
        raise NotFound("부여 내역을 찾을 수 없습니다.", code="GRANT_NOT_FOUND")
    if grant.grantor == caller.employee_no:
        raise Forbidden("본인이 부여한 건은 처리할 수 없습니다.", code="OWN_GRANT")
    if grant.employee_no == caller.employee_no:
        raise Forbidden("본인이 받은 건은 처리할 수 없습니다.", code="OWN_EARNING")
    if expected == "SUBMITTED":
        _route(caller, grant, me)
    if grant.status != expected:
        raise Conflict(f"이미 처리된 건입니다 (현재 상태: {grant.status}).", code="INVALID_STATE",
                       details={"status": grant.status})
    return grant


def _route(caller: Caller, grant: Grant, me: Staff) -> None:
    """Who approves or rejects `grant`: the approver office (county file `offices`, duty `mileage.approver`); but
    where the county routes grants to the approving office's own staff to the evaluation panel, such a grant (stamped
    when it was made) only the panel, and an approver never one to their own department now."""
    approvers, panel = offices.approvers(), offices.panel()
    holds = {role for role in (*approvers, *panel) if caller.has(role) and role.value in me.roles}
    routed = rules.policy().approval.own_office_grants_by == "panel"
    if routed and grant.approval_by == "panel":
        if not holds.intersection(panel):
            raise Forbidden("승인 부서 소속 직원에 대한 부여는 평가단이 승인·반려합니다.", code="OWN_OFFICE_GRANT",
                            details={"required_roles": [r.value for r in panel]})
        return
    if not holds.intersection(approvers):
        raise Forbidden(f"이 부여는 {role_labels(approvers)}이(가) 승인·반려합니다.", code="ROLE_REQUIRED",
                        details={"required_roles": [r.value for r in approvers]})
    if routed and grant.department == me.department:
        raise Forbidden("승인 부서 소속 직원에 대한 부여는 평가단이 승인·반려합니다.", code="OWN_OFFICE_GRANT",
                        details={"required_roles": [r.value for r in panel]})


def _with_balance(write: Callable[[], None], grant_id: str) -> None:
    """Run a balance-moving transaction, reading the balance afresh whenever another change moved it first."""
    for _ in range(MAX_ATTEMPTS):
        try:
            write()
            return
        except TransactionCancelled as error:
            if "grant" in error.labels:
                current = stored.get_grant(grant_id)
                raise Conflict("다른 처리와 충돌했습니다 (상태가 바뀌었습니다).", code="INVALID_STATE",
                               details={"status": current.status if current else None}) from error
            if "balance" in error.labels or error.contention:
                continue
            raise Conflict(details={"reasons": error.reasons}) from error
    raise Conflict("잔액이 계속 바뀌어 처리하지 못했습니다. 다시 시도해 주세요.", code="BUSY")


def _move_balance(tx: Transaction, employee_no: str, *, kind: str, delta: int, reference: str, at: str) -> None:
    account = accounts.get_balance(employee_no)
    balance = int(account.balance) if account else 0
    held = int(account.held) if account else 0
    version = int(account.version) if account else 0
    sequence = accounts.balance_update(tx, employee_no, expected_version=version, new_balance=balance + delta,
                                       new_held=held, at=at)
    accounts.add_ledger_entry(tx, employee_no, str(uuid4()), sequence=sequence, kind=kind, delta=delta, held_delta=0,
                              reference=reference, balance_after=balance + delta, held_after=held, at=at)


def _release_caps(tx: Transaction, grant: Grant) -> None:
    if grant.points <= 0:
        return
    names = dict(zip(PERIODS, grant.cap_periods, strict=False))
    for period, sk in names.items():
        caps.cap_update(tx, "person", grant.employee_no, sk, -int(grant.points), None,
                        label=f"release:person:{period}")
        caps.cap_update(tx, "department", grant.department, sk, -int(grant.points), None,
                        label=f"release:department:{period}")


def _release_act(tx: Transaction, grant: Grant) -> None:
    for act in rules.identities([], grant):
        stored.release_act(tx, grant, act)


def approve(caller: Caller, grant_id: str) -> GrantOut:
    grant = _decidable(caller, grant_id, "SUBMITTED", *_deciders())
    at = now().isoformat()

    def write() -> None:
        tx = transaction()
        stored.decide(tx, grant, "APPROVED", expected="SUBMITTED", by=caller.employee_no or caller.subject, at=at)
        # the account keeps the department the directory gives it (the recipient may have moved since the grant)
        _move_balance(tx, grant.employee_no, kind="CREDIT", delta=int(grant.points),
                      reference=f"GRANT#{grant.grant_id}", at=at)
        tx.event(grant_event(MileageApproved, grant, status="APPROVED", decided_by=caller.employee_no).envelope())
        tx.commit()

    _with_balance(write, grant_id)
    grant.status, grant.decided_by, grant.decided_at = "APPROVED", caller.employee_no, at
    return grant_out(grant)


def _deciders() -> tuple[Role, ...]:
    """Who may approve or reject: the approver office, and the panel where the county routes grants to it."""
    routed = rules.policy().approval.own_office_grants_by == "panel"
    return offices.overseers() if routed else offices.approvers()


def reject(caller: Caller, grant_id: str, reason: str) -> GrantOut:
    caller.require(*_deciders())
    if not reason or len(reason.strip()) < 2:
        raise RuleViolation("반려 사유를 적어 주세요.", code="REASON_REQUIRED")
    grant = _decidable(caller, grant_id, "SUBMITTED", *_deciders())
    at = now().isoformat()
    tx = transaction()
    stored.decide(tx, grant, "REJECTED", expected="SUBMITTED", by=caller.employee_no or caller.subject, at=at,
                  reason=reason)
    _release_caps(tx, grant)
    _release_act(tx, grant)
    tx.event(grant_event(MileageRejected, grant, status="REJECTED", decided_by=caller.employee_no).envelope())
    try:
        tx.commit()
    except TransactionCancelled as error:
        raise Conflict("다른 처리와 충돌했습니다 (상태가 바뀌었습니다).", code="INVALID_STATE") from error
    grant.status, grant.reason, grant.decided_by, grant.decided_at = "REJECTED", reason, caller.employee_no, at
    return grant_out(grant)


def reverse(caller: Caller, grant_id: str, reason: str) -> GrantOut:
    """Take an approved grant's points back (a panel correction). Points of it that already lapsed at a year end
    are not taken twice; points already spent are: the balance may go below zero and later credits pay it off.
    The caps get the points back, but the act stays taken: the same act cannot be granted again."""
    grant = _decidable(caller, grant_id, "APPROVED", *offices.overseers())
    at = now().isoformat()
    reference = f"GRANT#{grant.grant_id}"

    def write() -> None:
        credited_earlier = (grant.decided_at or at)[:4] < at[:4]  # only an earlier year's points can have lapsed
        ledger = lots.movements(accounts.whole_ledger(grant.employee_no)) if credited_earlier else []
        lapsed = lots.lapsed(ledger, reference) if credited_earlier else 0
        tx = transaction()
        stored.decide(tx, grant, "REVERSED", expected="APPROVED", by=caller.employee_no or caller.subject, at=at,
                      reason=reason)
        _move_balance(tx, grant.employee_no, kind="REVERSAL", delta=-(int(grant.points) - lapsed), reference=reference,
                      at=at)
        _release_caps(tx, grant)
        tx.event(grant_event(MileageReversed, grant, status="REVERSED", decided_by=caller.employee_no).envelope())
        tx.commit()

    _with_balance(write, grant_id)
    grant.status, grant.reason, grant.decided_by, grant.decided_at = "REVERSED", reason, caller.employee_no, at
    return grant_out(grant)


def decide_many(caller: Caller, request: BulkDecision) -> list[BulkResult]:
    caller.require(*offices.approvers())
    if request.decision == "reject" and not (request.reason and len(request.reason.strip()) >= 2):
        raise RuleViolation("반려 사유를 적어 주세요.", code="REASON_REQUIRED")
    standing.check_holding(caller, *offices.approvers())  # a stale token is refused whole, not grant by grant
    results = []
    for grant_id in dict.fromkeys(request.grant_ids):
        try:
            done = approve(caller, grant_id) if request.decision == "approve" else reject(
                caller, grant_id, request.reason or "")
            results.append(BulkResult(grant_id=grant_id, ok=True, status=done.status))
        except DomainError as error:
            results.append(BulkResult(grant_id=grant_id, ok=False, code=error.code, message=error.message))
    return results
