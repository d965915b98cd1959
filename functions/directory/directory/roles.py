"""Roles set by an administrator, and the records of powerful role grants: listed, and confirmed by a second
administrator where the county asks for one."""

from __future__ import annotations

from typing import Any

from common.clock import now
from common.county import county
from common.dynamo import Page
from common.identity import Caller, Role
from directory import people
from directory.models import RolesIn
from directory.rules import roles
from directory.rules.records import RoleGrant, Staff
from directory.rules.views import staff_view
from directory.storage import changes, role_grants
from directory.storage import departments as department_store
from directory.storage import staff as staff_store


def role_context(staff: Staff) -> dict[str, Any]:
    """What a role change reads besides the employee: the departments and their department's current head."""
    departments = department_store.departments_by_code()
    dept = departments.get(staff.department)
    previous = staff_store.find_staff(dept.head_employee_no) if dept and dept.head_employee_no else None
    return {"departments": departments, "people": {p.employee_no: p for p in [previous] if p}}


def set_roles(who: Caller, employee_no: str, body: RolesIn) -> tuple[dict, list[RoleGrant]]:
    """PUT roles: the employee's record as it is afterwards, and the grants left for a second administrator."""
    who = roles.may_set_roles(who, employee_no)
    me = people.acting(who, Role.ADMIN)
    settings = county().directory
    staff = staff_store.get_staff(employee_no)
    plan, held = roles.change_roles(
        staff, body.roles, body.committee_term_start, body.committee_term_end, **role_context(staff),
        at=now().isoformat(), by=who.employee_no or who.subject, reason=body.reason,
        powerful=settings.powerful_roles, second_admin=settings.powerful_role_grants_need_second_admin,
        everyone=staff_store.all_staff)
    plan.acting = me
    if plan.units:
        changes.apply(plan, source=f"admin:{who.employee_no or who.subject}")
    view = staff_view(staff_store.get_staff(employee_no), with_contacts=False, reveal=staff_store.reveal)
    return view, held


def grants(who: Caller, *, pending_only: bool, limit: int, token: str | None) -> Page:
    who.require(Role.AUDIT, Role.ADMIN)
    return role_grants.role_grants(pending_only=pending_only, limit=limit, token=token)


def confirm(who: Caller, grant_id: str) -> RoleGrant:
    """A pending grant put in force by another administrator who is one in the directory now."""
    who.require(Role.ADMIN)
    grant = role_grants.get_role_grant(grant_id)
    record = staff_store.find_staff(who.employee_no) if who.employee_no else None
    roles.confirmable(grant, who, record)
    staff = staff_store.get_staff(grant.employee_no)
    plan, confirmed = roles.confirm_grant(grant, staff, confirmer=who.employee_no or who.subject,
                                          **role_context(staff), at=now().isoformat())
    plan.acting = record
    changes.apply(plan, source=f"admin:{who.employee_no}")
    return confirmed
