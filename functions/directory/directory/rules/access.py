"""Who may see what, and whether the caller holds, in the directory as it is now, the power their token claims."""

from __future__ import annotations

from typing import Any, Literal

from common.errors import Forbidden, NotFound
from common.identity import Caller, Role
from directory.rules.records import Staff

OVERSIGHT = (Role.AUDIT, Role.HR, Role.ADMIN)  # see every department
CONTACT_READERS = (Role.HR, Role.ADMIN)  # besides the employee themself


def acting_as(caller: Caller, record: Staff | None, *roles: Role) -> Staff | None:
    """A privileged write checks the caller against the directory as it is now, not only the (up to an hour old)
    token: an employee in the directory must be active and still hold one of `roles` (403 `ROLE_NOT_CURRENT`). A
    caller the directory does not hold (the county IT account of the first import) is trusted on its token. The
    record returned goes into the write's transaction as a condition (`Plan.acting`)."""
    caller.require(*roles)
    if record is None:
        return None
    if not record.active or not any(r == Role.STAFF or r in record.roles for r in roles):
        raise Forbidden("명부상 지금은 이 작업을 할 권한이 없습니다 (퇴직했거나 역할이 바뀌었습니다). "
                        "다시 로그인하세요.", code="ROLE_NOT_CURRENT")
    return record


def require_staff(caller: Caller) -> Caller:
    caller.require(Role.STAFF)
    if caller.employee_no is None:
        raise Forbidden("직원만 이용할 수 있습니다.", code="ROLE_REQUIRED")
    return caller


def members_scope(caller: Caller, department: str) -> Literal["all", "self"]:
    """Who of a department's members the caller sees: audit, HR and admin every department's; a department head
    their own department's; an employee of the department only themself; anyone else nobody (403)."""
    if caller.has(*OVERSIGHT):
        return "all"
    require_staff(caller).require_department(department)
    return "all" if caller.has(Role.DEPT_HEAD) else "self"


def search_scope(caller: Caller, *, include_inactive: bool = False) -> str | None:
    """The department a name search is limited to (None = all). Leavers are found only when HR or an
    administrator asks for them."""
    caller.require(Role.DEPT_HEAD, *OVERSIGHT)
    if include_inactive:
        caller.require(Role.HR, Role.ADMIN)
    return None if caller.has(*OVERSIGHT) else caller.department or ""


def may_view_staff_at_all(caller: Caller, employee_no: str) -> None:
    """Checked before loading, so a plain employee learns nothing about whether others exist."""
    if caller.employee_no == employee_no and caller.is_staff:
        return
    caller.require(Role.DEPT_HEAD, *OVERSIGHT)


def may_view_staff(caller: Caller, staff: Staff) -> None:
    if caller.employee_no == staff.employee_no or caller.has(*OVERSIGHT):
        return
    if caller.has(Role.DEPT_HEAD) and caller.department == staff.department:
        return
    raise Forbidden("다른 부서의 정보에는 접근할 수 없습니다.", code="OTHER_DEPARTMENT")


def sees_contacts(caller: Caller, staff: Staff) -> bool:
    return caller.employee_no == staff.employee_no or caller.has(*CONTACT_READERS)


def may_view_history(caller: Caller, employee_no: str) -> None:
    if not caller.is_staff:
        caller.require(Role.STAFF)
    caller.require_self(employee_no, unless=(Role.HR, Role.ADMIN))


def found(value: Any, what: str) -> Any:
    if value is None:
        raise NotFound(f"{what}을(를) 찾을 수 없습니다.")
    return value
