"""Granting points: the rules of §1 of the brief, one DynamoDB transaction per grant (decisions: `decisions`).

    SUBMITTED (부서장) → APPROVED | REJECTED (감사부서);  SUBMITTED → SUPERSEDED (same act, higher score);
    APPROVED → REVERSED (감사부서 or 평가단)

A grant is made in four steps: read what it needs at once, check the request and its recipients against the
county's rules, decide the parts and what it supersedes, then write it all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import uuid4

from common.clock import now, today
from common.dynamo import Transaction, TransactionCancelled
from common.errors import Conflict, DomainError, Forbidden, NotFound, RuleViolation
from common.identity import Caller, Role, role_labels
from contracts.mileage import MileageGranted
from mileage import deputies, evidence, staff
from mileage.events import grant_event
from mileage.models import GrantCreated, GrantOut, GrantRequest
from mileage.rules import offices
from mileage.rules import policy as rules
from mileage.rules.caps import PERIOD_LABELS_KO, SCOPE_LABELS_KO, cap_moves, cap_periods
from mileage.rules.evidence import check_cited
from mileage.storage import caps
from mileage.storage import grants as stored
from mileage.storage.items import Grant, Staff
from mileage.storage.staff import department_has_role, staff_key
from mileage.storage.table import get_items, transaction


class CapExceeded(RuleViolation):
    code = "CAP_EXCEEDED"


def grant_out(grant: Grant) -> GrantOut:
    values = grant.fields(*GrantOut.model_fields)
    return GrantOut(**values | {"granted_as": values["granted_as"] or "head"})


# ------------------------------------------------------------------------------------------------ grant
Also = Callable[[Transaction, list[Grant]], None]


@dataclass
class Found:
    """What one BatchGetItem read for a grant: the caller's standing, the recipients, their grants for this act."""

    me: Staff | None
    head: Any
    staff: dict[str, Staff]
    existing: dict[tuple[str, str], Any]  # (employee_no, act key) → the act's item


def create_grants(caller: Caller, request: GrantRequest, *, on: date | None = None, also: Also | None = None,
                  grantor: deputies.Grantor | None = None) -> GrantCreated:
    """`also` adds items to the grant's own transaction (a proposal confirmed by this grant); a failed condition on an
    item it labels `proposal` is reported as INVALID_STATE. `grantor`: who grants, when not the caller's headship (a
    deduction draft the office confirms)."""
    day = on or today()
    section = rules.policy()
    # the head, or the department's deputy (직무대리) within their range
    grantor = grantor or deputies.grantor(caller, day)
    numbers = [r.employee_no for r in request.recipients]
    acts = rules.act_keys(act_ref=request.act_ref, act_date=request.act_date, act_title=request.act_title)
    found = _read(caller, grantor, numbers, acts)
    deputies.confirm(caller, grantor, found.me, found.head)
    item = _check_request(caller, request, section, grantor.department, day)
    _check_recipients(caller, numbers, found.staff, grantor.department, section)
    parts = _split(request, numbers)
    superseding = _superseding(numbers, parts, acts, found.existing, item)
    grants = _write(caller, request, section, grantor, item, acts, parts, superseding, day, also)
    for old in superseding.values():
        old.status = "SUPERSEDED"
    return GrantCreated(grants=[grant_out(g) for g in grants], superseded=[o.grant_id for o in superseding.values()])


def _read(caller: Caller, grantor: deputies.Grantor, numbers: list[str], acts: list[str]) -> Found:
    """One read: the caller's standing now (the token's claims may be older than the directory), the recipients, and
    whether each recipient already has this act."""
    pairs = [(number, act) for number in numbers for act in acts]
    me, head, *found = get_items(*deputies.grantor_keys(caller, grantor), *(staff_key(number) for number in numbers),
                                 *(stored.act_item_key(number, act) for number, act in pairs))
    members = {member.employee_no: member for member in found[:len(numbers)] if member is not None}
    existing = {pair: item for pair, item in zip(pairs, found[len(numbers):], strict=True) if item is not None}
    return Found(me, head, members, existing)


def _check_request(caller: Caller, request: GrantRequest, section: Any, department: str, day: date) -> Any:
    """The item, its points, the act's date, the evidence and the partner department; the item granted."""
    item = rules.item_or_error(section, request.item_code)
    rules.check_points(item, request.points)
    if request.act_date > day:
        raise RuleViolation("행위 일자가 미래입니다.", code="ACT_DATE_IN_FUTURE",
                            details={"act_date": request.act_date.isoformat(), "today": day.isoformat()})
    rules.check_participation(section, department, request.act_date)
    window = section.grantors.act_window_days
    if window is not None and (day - request.act_date).days > window:
        raise RuleViolation(f"행위 후 {window}일이 지나 부여할 수 없습니다.", code="ACT_TOO_OLD",
                            details={"act_date": request.act_date.isoformat(), "window_days": window})
    check_cited(item_code=request.item_code, links=request.evidence_links, keys=request.evidence_keys,
                department=caller.department, required=item.evidence_required)
    evidence.check_uploaded(request.evidence_keys)
    if request.partner_department == department:
        raise RuleViolation("협업 상대 부서는 자기 부서가 아닌 다른 부서여야 합니다.", code="PARTNER_IS_OWN_DEPARTMENT")
    return item


def _check_recipients(caller: Caller, numbers: list[str], members: dict[str, Staff], department: str,
                      section: Any) -> None:
    """Each recipient once, not the caller, known, of the grantor's department and eligible to earn."""
    if len(set(numbers)) != len(numbers):
        raise RuleViolation("같은 직원이 두 번 들어 있습니다.", code="DUPLICATE_RECIPIENT")
    if caller.employee_no in numbers:
        raise Forbidden("본인에게는 마일리지를 부여할 수 없습니다.", code="SELF_GRANT")
    for number in numbers:
        member = members.get(number)
        if member is None:
            raise NotFound("직원 정보가 아직 동기화되지 않았습니다. 잠시 후 다시 시도해 주세요.",
                           code="STAFF_NOT_SYNCED", details={"employee_no": number})
        if member.department != department:
            raise Forbidden("다른 부서 직원에게는 부여할 수 없습니다.", code="OTHER_DEPARTMENT",
                            details={"employee_no": number})
        why = rules.ineligibility(section.earners, staff.facts(member))
        if why:
            raise RuleViolation(why, code="NOT_ELIGIBLE", details={"employee_no": number})


def _split(request: GrantRequest, numbers: list[str]) -> list[int]:
    parts = rules.split_points(request.points, [r.share for r in request.recipients])
    if any(part == 0 for part in parts):
        raise RuleViolation("기여 비율로 나누면 0점이 되는 직원이 있습니다.", code="SHARE_TOO_SMALL",
                            details={"points": dict(zip(numbers, parts, strict=True))})
    return parts


def _superseding(numbers: list[str], parts: list[int], acts: list[str], existing: dict[tuple[str, str], Any],
                 item: Any) -> dict[str, Grant]:
    """The pending grants this one replaces (same act, lower credit), by recipient; any other grant for the same act
    refuses it."""
    superseding: dict[str, Grant] = {}
    for number, part in zip(numbers, parts, strict=True):
        found = {existing[(number, act)].grant_id: existing[(number, act)] for act in acts if (number, act) in existing}
        if not found:
            continue
        old = stored.get_grant(next(iter(found))) if len(found) == 1 else None
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
    return superseding


def _write(caller: Caller, request: GrantRequest, section: Any, grantor: deputies.Grantor, item: Any,
           acts: list[str], parts: list[int], superseding: dict[str, Grant], day: date,
           also: Also | None) -> list[Grant]:
    """One transaction: the grants, their act identities, the grants they supersede, the cap counters, the events
    (and whatever `also` adds)."""
    department = grantor.department
    approval_by = _approval_by(section, department)
    at = now().isoformat()
    group_id = str(uuid4())
    periods = cap_periods(day)
    tx = transaction()
    grants: list[Grant] = []
    for recipient, part in zip(request.recipients, parts, strict=True):
        number = recipient.employee_no
        grant_id = str(uuid4())
        old = superseding.get(number)
        grant = Grant.new(
            grant_id, department=department, status="SUBMITTED", created_at=at, group_id=group_id,
            employee_no=number, grantor=caller.employee_no, granted_as=grantor.granted_as, item_code=item.code,
            points=part, group_points=request.points, share=recipient.share, act_title=request.act_title,
            act_description=request.act_description, act_date=request.act_date.isoformat(), act_ref=request.act_ref,
            partner_department=request.partner_department,
            act_key=acts[0], act_keys=rules.identities(acts, old), evidence_links=list(request.evidence_links),
            evidence_keys=list(request.evidence_keys), cap_periods=list(periods.values()), approval_by=approval_by,
            supersedes=old.grant_id if old else None)
        grants.append(grant)
        stored.add_grant(tx, grant, label=f"grant:{number}")
        old_keys = rules.identities([], old)
        for act in grant.act_keys:  # the old grant's identities move to the new one
            stored.take_act(tx, number, act, grant_id=grant_id, points=part,
                            from_grant=old.grant_id if act in old_keys else None, label=f"act:{number}")
        if old is not None:
            stored.supersede(tx, old, by=grant_id, at=at, label=f"old:{number}")
        tx.event(grant_event(MileageGranted, grant, supersedes=grant.supersedes).envelope())

    if not item.is_deduction:  # deductions never use up a cap
        numbers = [r.employee_no for r in request.recipients]
        moves = cap_moves(department, periods, dict(zip(numbers, parts, strict=True)), superseding)
        for (scope, subject, period, sk), delta in moves.items():
            limit = getattr(getattr(section.caps, scope), period) if sk == periods[period] else None
            _cap(tx, scope, subject, period, sk, delta, limit)

    if also is not None:
        also(tx, grants)
    try:
        tx.commit()
    except TransactionCancelled as error:
        raise _grant_failure(error, periods, section) from error
    return grants


def _approval_by(section: Any, department: str) -> str | None:
    """'panel' for a grant to the approving office's own staff (a department with an active holder of the approver
    office), where the county routes those to the panel (an index query per approver office, only then); None
    otherwise (the approver office decides)."""
    if section.approval.own_office_grants_by != "panel":
        return None
    own = any(department_has_role(department, role.value) for role in offices.approvers())
    return "panel" if own else None


def _cap(tx: Transaction, scope: str, subject: str, period: str, sk: str, delta: int, limit: int | None) -> None:
    """One counter move; a positive move in today's period is held to `limit` (a release never is)."""
    if delta == 0:
        return
    if delta < 0 or limit is None:
        caps.cap_update(tx, scope, subject, sk, delta, None, label=f"count:{scope}:{subject}:{sk}")
        return
    if delta > limit:
        raise _cap_error(scope, subject, period, sk, limit, delta)
    caps.cap_update(tx, scope, subject, sk, delta, limit, label=f"cap:{scope}:{subject}:{period}")


def _cap_error(scope: str, subject: str, period: str, sk: str, limit: int, requested: int) -> CapExceeded:
    used = caps.get_used(scope, subject, sk)
    label = f"{SCOPE_LABELS_KO[scope]} {PERIOD_LABELS_KO[period]} 한도"
    details = {"scope": scope, "period": period, "period_key": sk[1:], "limit": limit, "used": used,
               "requested": requested}
    if scope == "person":
        details["employee_no"] = subject
    else:
        details["department"] = subject
    return CapExceeded(f"{label}({limit}점)를 넘습니다. 이미 {used}점을 썼습니다.", details=details)


def _grant_failure(error: TransactionCancelled, periods: dict[str, str], section: Any) -> DomainError:
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


# ------------------------------------------------------------------------------------------------ reads
def read_grant(caller: Caller, grant_id: str) -> GrantOut:
    grant = stored.get_grant(grant_id)
    if grant is None:
        raise NotFound("부여 내역을 찾을 수 없습니다.", code="GRANT_NOT_FOUND")
    allowed = (caller.has(*offices.overseers())
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
    overseers = offices.overseers()
    if caller.has(*overseers) and department is None:
        page = stored.grants_by_status(status or "SUBMITTED", limit, token)
    elif caller.has(*overseers, Role.DEPT_HEAD):
        department = department or caller.department
        caller.require_department(department or "", unless=overseers)
        page = stored.grants_of_department(department or "", status, limit, token)
    else:
        raise Forbidden(f"부여 목록은 부서장, {role_labels(overseers)}만 볼 수 있습니다.", code="ROLE_REQUIRED",
                        details={"required_roles": [Role.DEPT_HEAD.value, *(r.value for r in overseers)]})
    return [grant_out(g) for g in page.items], page.next_token
