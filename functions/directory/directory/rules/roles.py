"""Roles: derived from headship, set by an administrator (never on oneself), and the powerful ones recorded as
grants — published, listed, and where the county asks for it confirmed by a second administrator."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Literal
from uuid import uuid4

from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from common.identity import Caller, Role
from common.offices import OFFICES
from directory.rules.records import (
    MAX_DETAILS,
    Department,
    DepartmentChange,
    Plan,
    RoleGrant,
    RoleGrantChange,
    Staff,
    StaffChange,
    Unit,
    bumped,
    changed_fields,
)


def derive_roles(explicit: Iterable[str], employee_no: str, department: str,
                 departments: dict[str, Department]) -> tuple[str, ...]:
    """Stored roles = the assigned ones + `dept_head` when the employee heads their own (active) department."""
    roles = {str(r) for r in explicit} - {Role.STAFF, Role.RESIDENT, Role.DEPT_HEAD}
    dept = departments.get(department)
    if dept is not None and dept.active and dept.head_employee_no == employee_no:
        roles.add(Role.DEPT_HEAD.value)
    return tuple(sorted(roles))


def check_admins_remain(staff: Sequence[Staff], plan: Plan) -> None:
    """A county with an active administrator keeps one: no plan (leavers, role changes) takes away the last."""
    before = {s.employee_no for s in staff if s.active and Role.ADMIN in s.roles}
    after = set(before)
    for unit in plan.units:
        for change in unit.staff:
            after.discard(change.after.employee_no)
            if change.after.active and Role.ADMIN in change.after.roles:
                after.add(change.after.employee_no)
    if before and not after:
        raise RuleViolation("마지막 시스템 관리자는 퇴직 처리하거나 관리자 역할을 뺄 수 없습니다. 다른 관리자를 "
                            "먼저 지정하세요.", code="LAST_ADMIN", details={"admins": sorted(before)})


# ---------------------------------------------------------------- roles set by an administrator
def may_set_roles(caller: Caller, employee_no: str) -> Caller:
    """Only an administrator sets roles, and never their own (an administrator giving itself `audit` could then
    approve what it granted)."""
    caller.require(Role.ADMIN)
    if caller.employee_no is not None and caller.employee_no == employee_no:
        raise Forbidden("본인의 역할은 바꿀 수 없습니다. 다른 관리자에게 요청하세요.", code="SELF_ROLE_CHANGE")
    return caller


ASSIGNABLE_ROLES = frozenset({Role.DEPT_HEAD, Role.COMMITTEE, Role.ADMIN, *OFFICES})


def plan_roles(staff: Staff, roles: Iterable[str], term_start: date | None, term_end: date | None, *,
               departments: dict[str, Department], people: dict[str, Staff], updated_at: str,
               committee_gender: str | None = None) -> Plan:
    """PUT roles: `dept_head` makes the employee head of their own department (the previous head loses it);
    dropping it leaves the department without a head. `committee` needs a term."""
    wanted = {str(r) for r in roles}
    if bad := sorted(wanted - ASSIGNABLE_ROLES):
        raise InvalidInput("지정할 수 없는 역할입니다.", code="ROLE_NOT_ASSIGNABLE", details={"roles": bad})
    if not staff.active:
        raise RuleViolation("퇴직 처리된 직원에게는 역할을 줄 수 없습니다.", code="EMPLOYEE_LEFT")
    if Role.COMMITTEE in wanted:
        if term_start is None or term_end is None:
            raise InvalidInput("적극행정위원회 위원 역할에는 임기(시작일, 종료일)가 필요합니다.",
                               code="COMMITTEE_TERM_REQUIRED")
        if term_end < term_start:
            raise InvalidInput("임기 종료일이 시작일보다 빠릅니다.", code="COMMITTEE_TERM_INVALID")
    elif term_start is not None or term_end is not None:
        raise InvalidInput("임기는 committee 역할과 함께만 정할 수 있습니다.", code="COMMITTEE_TERM_WITHOUT_ROLE")
    dept = departments.get(staff.department)
    if dept is None or not dept.active:
        raise RuleViolation("소속 부서가 명부에 없거나 폐지되었습니다.", code="DEPARTMENT_INACTIVE")

    unit = Unit()
    target = dict(departments)
    is_head = dept.head_employee_no == staff.employee_no
    wants_head = Role.DEPT_HEAD in wanted
    if wants_head != is_head:
        new_dept = replace(dept, head_employee_no=staff.employee_no if wants_head else None, version=dept.version + 1)
        target[dept.code] = new_dept
        unit.departments.append(DepartmentChange(dept, new_dept))
        previous = people.get(dept.head_employee_no or "") if wants_head else None
        if previous is not None and previous.active and previous.employee_no != staff.employee_no:
            roles_after = derive_roles(previous.explicit_roles, previous.employee_no, previous.department, target)
            if roles_after != previous.roles:
                after = bumped(replace(previous, roles=roles_after), updated_at)
                unit.staff.append(StaffChange(previous, after, "changed", ("roles",)))
    after = replace(staff, roles=derive_roles(wanted, staff.employee_no, staff.department, target),
                    committee_term_start=term_start, committee_term_end=term_end)
    fields = changed_fields(staff, after)
    if fields:
        unit.staff.append(StaffChange(staff, bumped(after, updated_at), "changed", tuple(fields),
                                      committee_gender=committee_gender))
    plan = Plan()
    if unit.departments or unit.staff:
        plan.units.append(unit)
        plan.changed = 1
    else:
        plan.unchanged = 1
    return plan


# ---------------------------------------------------------------- powerful roles: published, listed, confirmed
def powerful_moves(change: StaffChange, powerful: Iterable[str]) -> list[tuple[str, Literal["grant", "revoke"]]]:
    """(role, grant|revoke) of the powerful roles an employee gains or loses with this change; a leaver loses the
    roles their record keeps, an employee who comes back regains them."""
    def held(staff: Staff | None) -> set[str]:
        return set(staff.roles) & set(powerful) if staff is not None and staff.active else set()

    before, after = held(change.before), held(change.after)
    return [(r, "grant") for r in sorted(after - before)] + [(r, "revoke") for r in sorted(before - after)]


def new_grant_id() -> str:
    return uuid4().hex


def record_grants(plan: Plan, *, powerful: Iterable[str], by: str, source: str, at: str, reason: str | None = None,
                  new_id: Callable[[], str] = new_grant_id) -> list[RoleGrant]:
    """Every grant and revocation of a powerful role the plan makes, written in the unit of the change (same
    transaction, with its event). Returns them."""
    made = []
    for unit in plan.units:
        for change in unit.staff:
            for role, action in powerful_moves(change, powerful):
                grant = RoleGrant(new_id(), change.after.employee_no, role, action, "effective", by, at, source, reason)
                unit.grants.append(RoleGrantChange(None, grant))
                made.append(grant)
    return made


def refuse_unconfirmed_grants(grants: Sequence[RoleGrant], staff: Sequence[Staff]) -> None:
    """Where a second administrator must confirm powerful grants, a roster file may not make them (it has no
    confirmation step): they are given with PUT roles. The first import, before any administrator exists, may."""
    if not any(s.active and Role.ADMIN in s.roles for s in staff):
        return
    given = [{"employee_no": g.employee_no, "role": g.role} for g in grants if g.action == "grant"]
    if given:
        raise RuleViolation(f"강한 역할을 주는 행이 {len(given)}개 있습니다. 이 지자체는 다른 관리자의 확인이 "
                            "필요하므로 역할 지정(PUT /directory/staff/{사번}/roles)으로 주세요.",
                            code="GRANT_NEEDS_SECOND_ADMIN", details=given[:MAX_DETAILS])


def require_reason(grants: Sequence[RoleGrant], reason: str | None) -> None:
    """Giving or taking a powerful role needs a reason (the audit office reads it)."""
    if grants and not (reason and reason.strip()):
        raise InvalidInput("강한 역할(관리자·감사·인사 등)을 주거나 뺄 때는 사유(reason)가 필요합니다.",
                           code="REASON_REQUIRED", details={"roles": sorted({g.role for g in grants})})


def pending_grants(staff: Staff, wanted: Iterable[str], powerful: Iterable[str], *, by: str, source: str, at: str,
                   reason: str | None, new_id: Callable[[], str] = new_grant_id) -> list[RoleGrant]:
    """The powerful roles a PUT roles would add, as grants waiting for a second administrator."""
    now_held = set(staff.roles) if staff.active else set()
    return [RoleGrant(new_id(), staff.employee_no, role, "grant", "pending", by, at, source, reason)
            for role in sorted((set(wanted) - now_held) & set(powerful))]


def change_roles(staff: Staff, roles: Sequence[str], term_start: date | None, term_end: date | None, *,
                 departments: dict[str, Department], people: dict[str, Staff], at: str, by: str,
                 reason: str | None, powerful: Sequence[str], second_admin: bool,
                 everyone: Callable[[], list[Staff]]) -> tuple[Plan, list[RoleGrant]]:
    """PUT roles: the plan (with its grant records) and the grants left pending for a second administrator.
    Taking `admin` away reads everyone (`everyone`, rare) to keep the county's last administrator."""
    source = f"admin:{by}"
    held = pending_grants(staff, roles, powerful, by=by, source=source, at=at, reason=reason) if second_admin else []
    waiting = {g.role for g in held}
    plan = plan_roles(staff, [r for r in roles if r not in waiting], term_start, term_end, departments=departments,
                      people=people, updated_at=at)
    if Role.ADMIN in staff.roles and Role.ADMIN not in roles:
        check_admins_remain(everyone(), plan)
    grants = record_grants(plan, powerful=powerful, by=by, source=source, at=at, reason=reason)
    require_reason([*grants, *held], reason)
    _attach(plan, [RoleGrantChange(None, g) for g in held])
    return plan, held


def confirm_grant(grant: RoleGrant, staff: Staff, *, confirmer: str, departments: dict[str, Department],
                  people: dict[str, Staff], at: str) -> tuple[Plan, RoleGrant]:
    """The pending grant's role added to the employee's, and the grant in force (written only if still pending)."""
    plan = plan_roles(staff, [*staff.explicit_roles, grant.role], staff.committee_term_start,
                      staff.committee_term_end, departments=departments, people=people, updated_at=at)
    confirmed = replace(grant, status="effective", confirmed_by=confirmer, confirmed_at=at)
    _attach(plan, [RoleGrantChange(grant, confirmed)])
    return plan, confirmed


def _attach(plan: Plan, grants: list[RoleGrantChange]) -> None:
    if not grants:
        return
    if not plan.units:
        plan.units.append(Unit())
    plan.units[0].grants.extend(grants)


def confirmable(grant: RoleGrant, confirmer: Caller, record: Staff | None) -> None:
    """A pending grant is confirmed by an administrator who is not the one who asked and not the grantee, and who
    is an active administrator in the directory now (not only in an older token)."""
    if grant.status != "pending":
        raise Conflict("이미 확인된 부여입니다.", code="GRANT_NOT_PENDING")
    if confirmer.employee_no in (grant.granted_by, grant.employee_no):
        raise Forbidden("부여를 요청한 관리자나 받는 본인은 확인할 수 없습니다. 다른 관리자가 확인해야 합니다.",
                        code="SECOND_ADMIN_REQUIRED")
    if record is None or not record.active or Role.ADMIN not in record.roles:
        raise Forbidden("명부에서 지금 시스템 관리자인 직원만 확인할 수 있습니다.", code="NOT_AN_ADMIN_NOW")
