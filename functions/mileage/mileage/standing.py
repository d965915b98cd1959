"""The caller's standing now, from mileage's projection of the directory — never from the token alone.

An ID token's claims are what held when it was issued (up to an hour before): a head moved to another department, or
an employee who left, still carries them. So every privileged write also checks the projection mileage keeps from the
directory's events (`staff.py`): the caller is an active employee, holds the role now, and a head heads the
department now. The token must allow the action too (a token with fewer powers than the directory only needs a fresh
sign-in). Features read the caller's projection in the same BatchGetItem as what they read anyway (`get_items`).
"""

from __future__ import annotations

from common.errors import Forbidden
from common.identity import Caller, Role, role_labels
from mileage.storage.items import DepartmentHead, Staff
from mileage.storage.staff import get_staff, head_key, staff_key
from mileage.storage.table import Key, get_items

SIGN_IN_AGAIN = "다시 로그인해 주세요."


def me_key(caller: Caller) -> Key:
    return staff_key(caller.employee_no or "")


def active(caller: Caller, me: Staff | None) -> Staff:
    """The caller is an employee the directory knows and who has not left."""
    if caller.employee_no is None or me is None:
        raise Forbidden("직원 정보가 없습니다 (아직 동기화되지 않았을 수 있습니다). 잠시 후 다시 시도해 주세요.",
                        code="NOT_CURRENT_STAFF")
    if not me.active:
        raise Forbidden("재직 중인 직원이 아니어서 처리할 수 없습니다.", code="NOT_ACTIVE")
    return me


def holding(caller: Caller, me: Staff | None, *roles: Role) -> Staff:
    """The caller is active and holds one of `roles` now (the token's roles were checked before)."""
    me = active(caller, me)
    if not any(role.value in me.roles for role in roles):
        raise Forbidden(f"지금은 이 역할({role_labels(roles)})이 없습니다. {SIGN_IN_AGAIN}", code="ROLE_NOT_CURRENT",
                        details={"required_roles": [r.value for r in roles]})
    return me


def heading(caller: Caller, me: Staff | None, head: DepartmentHead | None, department: str) -> Staff:
    """The caller is active, a member of `department` and its head now (the department's head item names them)."""
    me = active(caller, me)
    if head is None or head.employee_no != caller.employee_no or me.department != department:
        raise Forbidden(f"지금은 이 부서의 부서장이 아닙니다. {SIGN_IN_AGAIN}", code="NOT_CURRENT_HEAD",
                        details={"department": department})
    return me


def member_of(caller: Caller, me: Staff | None, department: str) -> Staff:
    """The caller is active and a member of `department` now (a deputy, 직무대리)."""
    me = active(caller, me)
    if me.department != department:
        raise Forbidden("직무대리는 그 부서에 재직 중이어야 합니다.", code="NOT_A_MEMBER")
    return me


def check_holding(caller: Caller, *roles: Role) -> Staff:
    """`holding`, for a route that reads nothing else first (one GetItem)."""
    return holding(caller, get_staff(caller.employee_no or ""), *roles)


def check_heading(caller: Caller, department: str) -> Staff:
    """`heading`, for a route that reads nothing else first (one BatchGetItem)."""
    me, head = get_items(me_key(caller), head_key(department))
    return heading(caller, me, head, department)
