"""Granting points and deciding on grants: the rules of §1 of the brief, one DynamoDB transaction per change.

    SUBMITTED (부서장) → APPROVED | REJECTED (감사부서);  SUBMITTED → SUPERSEDED (same act, higher score);
    APPROVED → REVERSED (감사부서 or 평가단: a new negative ledger entry, nothing edited in place)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import uuid4

from common.clock import now, today
from common.errors import Conflict, DomainError, Forbidden, NotFound, RuleViolation
from common.events import new_event
from common.identity import Caller, Role
from mileage import deputies, standing
from mileage.models import BulkDecision, BulkResult, GrantCreated, GrantOut, GrantRequest
from mileage.rules import lots
from mileage.rules import policy as rules
from mileage.storage import items as repo

AREA = "mileage"
MAX_ATTEMPTS = 20  # optimistic retries when another change moved the same balance first


class CapExceeded(RuleViolation):
    code = "CAP_EXCEEDED"


def grant_out(grant: repo.Grant) -> GrantOut:
    values = {name: getattr(grant, name) for name in GrantOut.model_fields}
    return GrantOut(**values | {"granted_as": grant.granted_as or "head"})


def _event_data(grant: repo.Grant, **extra: Any) -> dict[str, Any]:
    # identifiers and numbers only: titles and descriptions are free text and may name people
    return {"grant_id": grant.grant_id, "group_id": grant.group_id, "employee_no": grant.employee_no,
            "department": grant.department, "grantor": grant.grantor, "item_code": grant.item_code,
            "points": int(grant.points), "act_date": grant.act_date, "partner_department": grant.partner_department,
            "status": grant.status, **extra}


# ------------------------------------------------------------------------------------------------ grant
Also = Callable[[repo.Tx, list[repo.Grant]], None]


def create_grants(caller: Caller, request: GrantRequest, *, on: date | None = None,
                  also: Also | None = None) -> GrantCreated:
    """`also` adds items to the grant's own transaction (a proposal confirmed by this grant); a failed condition on an
    item it labels `proposal` is reported as INVALID_STATE."""
    day = on or today()
    section = rules.policy()
    grantor = deputies.grantor(caller, day)  # the head, or the department's deputy (직무대리) within their range
    department = grantor.department
    numbers = [r.employee_no for r in request.recipients]
    acts = rules.act_keys(act_ref=request.act_ref, act_date=request.act_date, act_title=request.act_title)
    pairs = [(number, act) for number in numbers for act in acts]
    # one read: the caller's standing now (the token's claims may be older than the directory), the recipients, and
    # whether each recipient already has this act
    me, head, *found = repo.get_items(*deputies.grantor_keys(caller, grantor),
                                      *(repo.staff_key(number) for number in numbers),
                                      *(repo.act_item_key(number, act) for number, act in pairs))
    deputies.confirm(caller, grantor, me, head)
    staff = {member.employee_no: member for member in found[:len(numbers)] if member is not None}
    existing = {pair: item for pair, item in zip(pairs, found[len(numbers):], strict=True) if item is not None}
    item = rules.item_or_error(section, request.item_code)
    rules.check_points(item, request.points)
    if request.act_date > day:
        raise RuleViolation("행위 일자가 미래입니다.", code="ACT_DATE_IN_FUTURE",
                            details={"act_date": request.act_date.isoformat(), "today": day.isoformat()})
    window = section.grantors.act_window_days
    if window is not None and (day - request.act_date).days > window:
        raise RuleViolation(f"행위 후 {window}일이 지나 부여할 수 없습니다.", code="ACT_TOO_OLD",
                            details={"act_date": request.act_date.isoformat(), "window_days": window})
    _check_evidence(caller, request, item.evidence_required)
    if request.partner_department == department:
        raise RuleViolation("협업 상대 부서는 자기 부서가 아닌 다른 부서여야 합니다.", code="PARTNER_IS_OWN_DEPARTMENT")

    if len(set(numbers)) != len(numbers):
        raise RuleViolation("같은 직원이 두 번 들어 있습니다.", code="DUPLICATE_RECIPIENT")
    if caller.employee_no in numbers:
        raise Forbidden("본인에게는 마일리지를 부여할 수 없습니다.", code="SELF_GRANT")
    for number in numbers:
        member = staff.get(number)
        if member is None:
            raise NotFound("직원 정보가 아직 동기화되지 않았습니다. 잠시 후 다시 시도해 주세요.",
                           code="STAFF_NOT_SYNCED", details={"employee_no": number})
        if member.department != department:
            raise Forbidden("다른 부서 직원에게는 부여할 수 없습니다.", code="OTHER_DEPARTMENT",
                            details={"employee_no": number})
        why = rules.ineligibility(section.earners, _facts(member))
        if why:
            raise RuleViolation(why, code="NOT_ELIGIBLE", details={"employee_no": number})

    parts = rules.split_points(request.points, [r.share for r in request.recipients])
    if any(part == 0 for part in parts):
        raise RuleViolation("기여 비율로 나누면 0점이 되는 직원이 있습니다.", code="SHARE_TOO_SMALL",
                            details={"points": dict(zip(numbers, parts, strict=True))})
    superseding: dict[str, repo.Grant] = {}
    for number, part in zip(numbers, parts, strict=True):
        found = {existing[(number, act)].grant_id: existing[(number, act)] for act in acts if (number, act) in existing}
        if not found:
            continue
        old = repo.get_grant(next(iter(found))) if len(found) == 1 else None
        # only a pending credit is replaced by a higher credit; a deduction is never replaced
        if old is not None and old.status == "SUBMITTED" and 0 < old.points < part and not item.is_deduction:
            superseding[number] = old
        else:
            first = next(iter(found.values()))
            raise Conflict("같은 행위에 대해 이미 부여되었습니다 (한 행위는 가장 높은 점수 한 번만 인정).",
                           code="DUPLICATE_ACT",
                           details={"employee_no": number, "existing_grant_id": first.grant_id,
                                    "existing_points": int(first.points),
                                    "existing_status": old.status if old else None})

    approval_by = _approval_by(section, department)
    at = now().isoformat()
    group_id = str(uuid4())
    periods = rules.cap_periods(day)
    tx = repo.Tx()
    grants: list[repo.Grant] = []
    for recipient, part in zip(request.recipients, parts, strict=True):
        number = recipient.employee_no
        grant_id = str(uuid4())
        old = superseding.get(number)
        grant = repo.Grant(
            repo.Grant.key(grant_id), "META", grant_id=grant_id, group_id=group_id, employee_no=number,
            department=department, grantor=caller.employee_no, granted_as=grantor.granted_as, item_code=item.code,
            points=part, group_points=request.points, share=recipient.share, act_title=request.act_title,
            act_description=request.act_description, act_date=request.act_date.isoformat(), act_ref=request.act_ref,
            partner_department=request.partner_department,
            act_key=acts[0], act_keys=_keys_of(acts, old), evidence_links=list(request.evidence_links),
            evidence_keys=list(request.evidence_keys),
            cap_periods=list(periods.values()), status="SUBMITTED", created_at=at, approval_by=approval_by,
            supersedes=old.grant_id if old else None,
            gsi1pk="GRANTS#SUBMITTED", gsi1sk=f"{at}#{grant_id}",
            gsi2pk=f"DEPTGRANTS#{department}", gsi2sk=f"{at}#{grant_id}",
        )
        grants.append(grant)
        tx.put(grant, condition=repo.Grant.pk.does_not_exist(), label=f"grant:{number}")
        old_keys = _keys_of([], old)
        for act in grant.act_keys:  # the old grant's identities move to the new one
            condition = repo.ActKey.grant_id == old.grant_id if act in old_keys else repo.ActKey.pk.does_not_exist()
            tx.put(repo.ActKey(repo.ActKey.key(number, act), "META", grant_id=grant_id, points=part),
                   condition=condition, label=f"act:{number}")
        if old is not None:
            tx.update(repo.Grant(old.pk, "META"),
                      actions=[repo.Grant.status.set("SUPERSEDED"), repo.Grant.superseded_by.set(grant_id),
                               repo.Grant.gsi1pk.set("GRANTS#SUPERSEDED"), repo.Grant.decided_at.set(at)],
                      condition=repo.Grant.status == "SUBMITTED", label=f"old:{number}")
        tx.event(new_event(AREA, "MileageGranted", _event_data(grant, supersedes=grant.supersedes)))

    if not item.is_deduction:  # deductions never use up a cap
        moves = _cap_moves(department, periods, dict(zip(numbers, parts, strict=True)), superseding)
        for (scope, subject, period, sk), delta in moves.items():
            limit = getattr(getattr(section.caps, scope), period) if sk == periods[period] else None
            _cap(tx, scope, subject, period, sk, delta, limit)

    if also is not None:
        also(tx, grants)
    try:
        tx.commit()
    except repo.TxCancelled as error:
        raise _grant_failure(error, periods, section) from error
    for old in superseding.values():
        old.status = "SUPERSEDED"
    return GrantCreated(grants=[grant_out(g) for g in grants], superseded=[o.grant_id for o in superseding.values()])


def _facts(member: repo.Staff) -> rules.StaffFacts:
    return rules.StaffFacts(employee_no=member.employee_no, department=member.department, active=member.active,
                            grade=int(member.grade) if member.grade is not None else None,
                            employment_type=member.employment_type, team_leader=member.team_leader)


def _check_evidence(caller: Caller, request: GrantRequest, required: bool) -> None:
    if required and not (request.evidence_links or request.evidence_keys):
        raise RuleViolation("이 항목은 증빙(링크 또는 파일)이 필요합니다.", code="EVIDENCE_REQUIRED",
                            details={"item_code": request.item_code})
    for link in request.evidence_links:
        if not link.startswith("https://"):
            raise RuleViolation("증빙 링크는 https:// 로 시작해야 합니다.", code="EVIDENCE_INVALID",
                                details={"link": link})
    prefix = f"evidence/{caller.department}/"
    for key in request.evidence_keys:
        if not key.startswith(prefix) or ".." in key:
            raise RuleViolation("올린 증빙 파일의 키가 아닙니다.", code="EVIDENCE_INVALID", details={"key": key})
    missing = [key for key in request.evidence_keys if not repo.evidence_exists(key)]
    if missing:
        raise RuleViolation("증빙 파일이 올라가 있지 않습니다. 업로드를 마친 뒤 다시 시도해 주세요.",
                            code="EVIDENCE_NOT_FOUND", details={"keys": missing})


CapMove = tuple[str, str, str, str]  # scope, subject, period, counter sort key


def _cap_moves(department: str, periods: dict[str, str], parts: dict[str, int],
               superseding: dict[str, repo.Grant]) -> dict[CapMove, int]:
    """What the grant adds to each cap counter: every part counts in today's periods, for the person and the
    department; a superseded grant gives its points back to the periods it was counted in (perhaps an earlier month).
    One net move per counter (a transaction may touch an item once)."""
    moves: dict[CapMove, int] = {}

    def move(scope: str, subject: str, period: str, sk: str, delta: int) -> None:
        key = (scope, subject, period, sk)
        moves[key] = moves.get(key, 0) + delta

    for number, part in parts.items():
        for period, sk in periods.items():
            move("person", number, period, sk, part)
            move("department", department, period, sk, part)
        old = superseding.get(number)
        if old is not None:
            for period, sk in zip(rules.PERIODS, old.cap_periods, strict=False):
                move("person", number, period, sk, -int(old.points))
                move("department", old.department, period, sk, -int(old.points))
    return moves


def _cap(tx: repo.Tx, scope: str, subject: str, period: str, sk: str, delta: int, limit: int | None) -> None:
    """One counter move; a positive move in today's period is held to `limit` (a release never is)."""
    if delta == 0:
        return
    if delta < 0 or limit is None:
        repo.cap_update(tx, rules.cap_key(scope, subject), sk, delta, None, label=f"count:{scope}:{subject}:{sk}")
        return
    if delta > limit:
        raise _cap_error(scope, subject, period, sk, limit, delta)
    repo.cap_update(tx, rules.cap_key(scope, subject), sk, delta, limit, label=f"cap:{scope}:{subject}:{period}")


def _cap_error(scope: str, subject: str, period: str, sk: str, limit: int, requested: int) -> CapExceeded:
    used = repo.get_cap(rules.cap_key(scope, subject), sk)
    label = f"{rules.SCOPE_LABELS_KO[scope]} {rules.PERIOD_LABELS_KO[period]} 한도"
    details = {"scope": scope, "period": period, "period_key": sk[1:], "limit": limit, "used": used,
               "requested": requested}
    if scope == "person":
        details["employee_no"] = subject
    else:
        details["department"] = subject
    return CapExceeded(f"{label}({limit}점)를 넘습니다. 이미 {used}점을 썼습니다.", details=details)


def _grant_failure(error: repo.TxCancelled, periods: dict[str, str], section: Any) -> DomainError:
    for label in error.labels:
        kind, _, rest = label.partition(":")
        if kind == "cap":
            scope, subject, period = rest.split(":")
            limit = getattr(getattr(section.caps, scope), period)
            return _cap_error(scope, subject, period, periods[period], limit, 0)
        if kind == "proposal":
            return Conflict("이미 처리된 제안입니다.", code="INVALID_STATE")
        if kind in ("act", "old"):
            return Conflict("같은 행위에 대해 방금 다른 부여가 처리되었습니다.", code="DUPLICATE_ACT",
                            details={"employee_no": rest})
    return Conflict(details={"reasons": error.reasons})


# ------------------------------------------------------------------------------------------------ decisions
def _decidable(caller: Caller, grant_id: str, expected: str, *roles: Role) -> repo.Grant:
    """The grant, once the caller holds one of `roles` in the token and in mileage's projection now (one read for
    both), and may decide it: not their own, and — for approvals and rejections — theirs to decide (`_route`)."""
    caller.require(*roles)
    grant, me = repo.get_items((repo.Grant, repo.Grant.key(grant_id), "META"), standing.me_key(caller))
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


def _route(caller: Caller, grant: repo.Grant, me: repo.Staff) -> None:
    """Who approves or rejects `grant`: the audit office; but where the county routes grants to the approving office's
    own staff to the evaluation panel, such a grant (stamped when it was made) only the panel, and an auditor never
    one to their own department now."""
    holds = {role for role in (Role.AUDIT, Role.PANEL) if caller.has(role) and role.value in me.roles}
    routed = rules.policy().approval.own_office_grants_by == "panel"
    if routed and grant.approval_by == "panel":
        if Role.PANEL not in holds:
            raise Forbidden("승인 부서 소속 직원에 대한 부여는 평가단이 승인·반려합니다.", code="OWN_OFFICE_GRANT",
                            details={"required_roles": [Role.PANEL.value]})
        return
    if Role.AUDIT not in holds:
        raise Forbidden("이 부여는 감사부서가 승인·반려합니다.", code="ROLE_REQUIRED",
                        details={"required_roles": [Role.AUDIT.value]})
    if routed and grant.department == me.department:
        raise Forbidden("승인 부서 소속 직원에 대한 부여는 평가단이 승인·반려합니다.", code="OWN_OFFICE_GRANT",
                        details={"required_roles": [Role.PANEL.value]})


def _approval_by(section: Any, department: str) -> str | None:
    """'panel' for a grant to the approving office's own staff (a department with an active auditor), where the
    county routes those to the panel (one index query, only then); None otherwise (the audit office decides)."""
    if section.approval.own_office_grants_by != "panel":
        return None
    return "panel" if repo.department_has_role(department, Role.AUDIT.value) else None


def _with_balance(write: Callable[[], None], grant_id: str) -> None:
    """Run a balance-moving transaction, reading the balance afresh whenever another change moved it first."""
    for _ in range(MAX_ATTEMPTS):
        try:
            write()
            return
        except repo.TxCancelled as error:
            if "grant" in error.labels:
                current = repo.get_grant(grant_id)
                raise Conflict("다른 처리와 충돌했습니다 (상태가 바뀌었습니다).", code="INVALID_STATE",
                               details={"status": current.status if current else None}) from error
            if "balance" in error.labels or error.contention:
                continue
            raise Conflict(details={"reasons": error.reasons}) from error
    raise Conflict("잔액이 계속 바뀌어 처리하지 못했습니다. 다시 시도해 주세요.", code="BUSY")


def _move_balance(tx: repo.Tx, employee_no: str, *, kind: str, delta: int, reference: str, at: str) -> None:
    account = repo.get_balance(employee_no)
    balance = int(account.balance) if account else 0
    held = int(account.held) if account else 0
    version = int(account.version) if account else 0
    sequence = repo.balance_update(tx, employee_no, expected_version=version, new_balance=balance + delta,
                                   new_held=held, at=at)
    tx.put(repo.ledger_entry(employee_no, str(uuid4()), sequence=sequence, kind=kind, delta=delta, held_delta=0,
                             reference=reference, balance_after=balance + delta, held_after=held, at=at))


def _release_caps(tx: repo.Tx, grant: repo.Grant) -> None:
    if grant.points <= 0:
        return
    names = dict(zip(rules.PERIODS, grant.cap_periods, strict=False))
    for period, sk in names.items():
        repo.cap_update(tx, rules.cap_key("person", grant.employee_no), sk, -int(grant.points), None,
                        label=f"release:person:{period}")
        repo.cap_update(tx, rules.cap_key("department", grant.department), sk, -int(grant.points), None,
                        label=f"release:department:{period}")


def _keys_of(acts: list[str], grant: repo.Grant | None) -> list[str]:
    """`acts` and the identities of `grant` (its act_keys, or the one act_key of a grant from before)."""
    held = (grant.act_keys or [grant.act_key]) if grant is not None else []
    return list(dict.fromkeys([*acts, *held]))


def _release_act(tx: repo.Tx, grant: repo.Grant) -> None:
    for act in _keys_of([], grant):
        tx.delete(repo.ActKey(repo.ActKey.key(grant.employee_no, act), "META"),
                  condition=repo.ActKey.grant_id == grant.grant_id, label="act")


def approve(caller: Caller, grant_id: str) -> GrantOut:
    grant = _decidable(caller, grant_id, "SUBMITTED", *_deciders())
    at = now().isoformat()

    def write() -> None:
        tx = repo.Tx()
        tx.update(repo.Grant(grant.pk, "META"), actions=[
            repo.Grant.status.set("APPROVED"), repo.Grant.decided_by.set(caller.employee_no or caller.subject),
            repo.Grant.decided_at.set(at), repo.Grant.gsi1pk.set("GRANTS#APPROVED")],
            condition=repo.Grant.status == "SUBMITTED", label="grant")
        # the account keeps the department the directory gives it (the recipient may have moved since the grant)
        _move_balance(tx, grant.employee_no, kind="CREDIT", delta=int(grant.points),
                      reference=f"GRANT#{grant.grant_id}", at=at)
        tx.event(new_event(AREA, "MileageApproved", _event_data(grant, status="APPROVED",
                                                                decided_by=caller.employee_no)))
        tx.commit()

    _with_balance(write, grant_id)
    grant.status, grant.decided_by, grant.decided_at = "APPROVED", caller.employee_no, at
    return grant_out(grant)


def _deciders() -> tuple[Role, ...]:
    """Who may approve or reject: the audit office, and the panel where the county routes grants to it."""
    return (Role.AUDIT, Role.PANEL) if rules.policy().approval.own_office_grants_by == "panel" else (Role.AUDIT,)


def reject(caller: Caller, grant_id: str, reason: str) -> GrantOut:
    caller.require(*_deciders())
    if not reason or len(reason.strip()) < 2:
        raise RuleViolation("반려 사유를 적어 주세요.", code="REASON_REQUIRED")
    grant = _decidable(caller, grant_id, "SUBMITTED", *_deciders())
    at = now().isoformat()
    tx = repo.Tx()
    tx.update(repo.Grant(grant.pk, "META"), actions=[
        repo.Grant.status.set("REJECTED"), repo.Grant.reason.set(reason),
        repo.Grant.decided_by.set(caller.employee_no or caller.subject), repo.Grant.decided_at.set(at),
        repo.Grant.gsi1pk.set("GRANTS#REJECTED")], condition=repo.Grant.status == "SUBMITTED", label="grant")
    _release_caps(tx, grant)
    _release_act(tx, grant)
    tx.event(new_event(AREA, "MileageRejected", _event_data(grant, status="REJECTED", decided_by=caller.employee_no)))
    try:
        tx.commit()
    except repo.TxCancelled as error:
        raise Conflict("다른 처리와 충돌했습니다 (상태가 바뀌었습니다).", code="INVALID_STATE") from error
    grant.status, grant.reason, grant.decided_by, grant.decided_at = "REJECTED", reason, caller.employee_no, at
    return grant_out(grant)


def reverse(caller: Caller, grant_id: str, reason: str) -> GrantOut:
    """Take an approved grant's points back (a panel correction). Points of it that already lapsed at a year end
    are not taken twice; points already spent are: the balance may go below zero and later credits pay it off.
    The caps get the points back, but the act stays taken: the same act cannot be granted again."""
    grant = _decidable(caller, grant_id, "APPROVED", Role.AUDIT, Role.PANEL)
    at = now().isoformat()
    reference = f"GRANT#{grant.grant_id}"

    def write() -> None:
        credited_earlier = (grant.decided_at or at)[:4] < at[:4]  # only an earlier year's points can have lapsed
        lapsed = lots.lapsed(lots.movements(repo.whole_ledger(grant.employee_no)), reference) if credited_earlier else 0
        tx = repo.Tx()
        tx.update(repo.Grant(grant.pk, "META"), actions=[
            repo.Grant.status.set("REVERSED"), repo.Grant.reason.set(reason),
            repo.Grant.decided_by.set(caller.employee_no or caller.subject), repo.Grant.decided_at.set(at),
            repo.Grant.gsi1pk.set("GRANTS#REVERSED")], condition=repo.Grant.status == "APPROVED", label="grant")
        _move_balance(tx, grant.employee_no, kind="REVERSAL", delta=-(int(grant.points) - lapsed), reference=reference,
                      at=at)
        _release_caps(tx, grant)
        tx.event(new_event(AREA, "MileageReversed", _event_data(grant, status="REVERSED",
                                                                decided_by=caller.employee_no)))
        tx.commit()

    _with_balance(write, grant_id)
    grant.status, grant.reason, grant.decided_by, grant.decided_at = "REVERSED", reason, caller.employee_no, at
    return grant_out(grant)


def decide_many(caller: Caller, request: BulkDecision) -> list[BulkResult]:
    caller.require(Role.AUDIT)
    if request.decision == "reject" and not (request.reason and len(request.reason.strip()) >= 2):
        raise RuleViolation("반려 사유를 적어 주세요.", code="REASON_REQUIRED")
    standing.check_holding(caller, Role.AUDIT)  # a stale token is refused whole, not grant by grant
    results = []
    for grant_id in dict.fromkeys(request.grant_ids):
        try:
            done = approve(caller, grant_id) if request.decision == "approve" else reject(
                caller, grant_id, request.reason or "")
            results.append(BulkResult(grant_id=grant_id, ok=True, status=done.status))
        except DomainError as error:
            results.append(BulkResult(grant_id=grant_id, ok=False, code=error.code, message=error.message))
    return results


# ------------------------------------------------------------------------------------------------ reads
def read_grant(caller: Caller, grant_id: str) -> GrantOut:
    grant = repo.get_grant(grant_id)
    if grant is None:
        raise NotFound("부여 내역을 찾을 수 없습니다.", code="GRANT_NOT_FOUND")
    allowed = (caller.has(Role.AUDIT, Role.PANEL)
               or caller.employee_no in (grant.grantor, grant.employee_no)
               or (caller.has(Role.DEPT_HEAD) and caller.department == grant.department))
    if not allowed:
        raise Forbidden("이 부여 내역을 볼 권한이 없습니다.", code="NOT_YOURS")
    return grant_out(grant)


STATUSES = ("SUBMITTED", "APPROVED", "REJECTED", "REVERSED", "SUPERSEDED")


def list_grants(caller: Caller, *, status: str | None, department: str | None, limit: int,
                token: str | None) -> tuple[list[GrantOut], str | None]:
    if status is not None and status not in STATUSES:
        raise RuleViolation("알 수 없는 상태입니다.", code="UNKNOWN_STATUS", details={"allowed": list(STATUSES)})
    if caller.has(Role.AUDIT, Role.PANEL) and department is None:
        page = repo.grants_by_status(status or "SUBMITTED", limit, token)
    elif caller.has(Role.AUDIT, Role.PANEL, Role.DEPT_HEAD):
        department = department or caller.department
        caller.require_department(department or "", unless=(Role.AUDIT, Role.PANEL))
        page = repo.grants_of_department(department or "", status, limit, token)
    else:
        raise Forbidden("부여 목록은 부서장, 감사부서, 평가단만 볼 수 있습니다.", code="ROLE_REQUIRED")
    return [grant_out(g) for g in page.items], page.next_token
