"""Deputy grantors (직무대리): a department head designates one active member of their department for a date range;
while the range holds and the county allows deputies, the deputy grants to the department's members like the head."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from common.clock import now, today
from common.errors import Forbidden, NotFound, RuleViolation
from common.identity import Caller, Role
from mileage import standing
from mileage.models import DeputyOut, DeputyRequest
from mileage.rules import offices
from mileage.rules import policy as rules
from mileage.storage import deputies as stored
from mileage.storage.items import DepartmentHead, Deputy, Staff
from mileage.storage.staff import head_key, staff_key
from mileage.storage.table import Key, get_items


@dataclass(frozen=True)
class Grantor:
    department: str
    granted_as: str  # head | deputy | office (a deduction confirmed by the office mapped to mileage.deductions)


def _allowed() -> bool:
    return rules.policy().grantors.deputies_allowed


def _in_effect(deputy: Deputy, day: date) -> bool:
    return deputy.start <= day.isoformat() <= deputy.end


def grantor(caller: Caller, day: date) -> Grantor:
    """The department the caller grants for today, as its head or as its deputy; refused otherwise.
    One GetItem, and only for a caller who is not a department head and only where the county allows deputies."""
    if caller.has(Role.DEPT_HEAD):
        if not caller.department:
            raise Forbidden("소속 부서가 없는 부서장은 부여할 수 없습니다.", code="NO_DEPARTMENT")
        return Grantor(caller.department, "head")
    if caller.is_staff and caller.department and _allowed():
        deputy = stored.get_deputy(caller.department)
        if deputy is not None and deputy.employee_no == caller.employee_no and _in_effect(deputy, day):
            return Grantor(caller.department, "deputy")
    raise Forbidden("부서장(또는 기간 중인 직무대리)만 부여할 수 있습니다.", code="ROLE_REQUIRED",
                    details={"required_roles": [Role.DEPT_HEAD.value]})


def confirm(caller: Caller, grantor: Grantor, me: Staff | None, head: DepartmentHead | None) -> None:
    """The grantor the token and the deputy item made of the caller still stands in mileage's projection: a head heads
    the department now, a deputy is an active member of it, a deduction's office holds its role now (`me`, `head`:
    read with the route's other items)."""
    if grantor.granted_as == "head":
        standing.heading(caller, me, head, grantor.department)
    elif grantor.granted_as == "office":
        standing.holding(caller, me, *offices.deduction_confirmers())
    else:
        standing.member_of(caller, me, grantor.department)


def grantor_keys(caller: Caller, grantor: Grantor) -> list[Key]:
    return [standing.me_key(caller), head_key(grantor.department)]


def _head_of(caller: Caller, department: str) -> None:
    caller.require(Role.DEPT_HEAD)
    caller.require_department(department)


def deputy_out(deputy: Deputy) -> DeputyOut:
    return DeputyOut(department=deputy.department, employee_no=deputy.employee_no, start=deputy.start,
                     end=deputy.end, designated_by=deputy.designated_by, designated_at=deputy.designated_at,
                     in_effect=_allowed() and _in_effect(deputy, today()))


def designate(caller: Caller, department: str, request: DeputyRequest) -> DeputyOut:
    _head_of(caller, department)
    if not _allowed():
        raise RuleViolation("이 지자체는 직무대리 부여를 허용하지 않습니다.", code="DEPUTIES_NOT_ALLOWED")
    if request.end < request.start:
        raise RuleViolation("종료일이 시작일보다 앞섭니다.", code="INVALID_RANGE",
                            details={"start": request.start.isoformat(), "end": request.end.isoformat()})
    if request.employee_no == caller.employee_no:
        raise RuleViolation("부서장 본인은 직무대리가 될 수 없습니다.", code="SELF_DEPUTY")
    me, head, member = get_items(standing.me_key(caller), head_key(department), staff_key(request.employee_no))
    standing.heading(caller, me, head, department)
    if member is None or not member.active or member.department != department:
        raise RuleViolation("직무대리는 이 부서에 재직 중인 직원이어야 합니다.", code="NOT_A_MEMBER",
                            details={"employee_no": request.employee_no})
    deputy = Deputy.of(department, employee_no=request.employee_no, start=request.start.isoformat(),
                       end=request.end.isoformat(), designated_by=caller.employee_no or "",
                       designated_at=now().isoformat())
    stored.save_deputy(deputy)
    return deputy_out(deputy)


def read(caller: Caller, department: str) -> DeputyOut:
    if not caller.has(*offices.approvers()):
        _head_of(caller, department)
    deputy = stored.get_deputy(department)
    if deputy is None:
        raise NotFound("지정된 직무대리가 없습니다.", code="DEPUTY_NOT_FOUND")
    return deputy_out(deputy)


def remove(caller: Caller, department: str) -> None:
    _head_of(caller, department)
    standing.check_heading(caller, department)
    stored.delete_deputy(department)
