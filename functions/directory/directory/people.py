"""People and departments as the caller may see them, and the caller's own record as the power they act with."""

from __future__ import annotations

from common.identity import Caller, Role
from directory.rules import access
from directory.rules.records import Department, HistoryEntry, Staff
from directory.rules.views import staff_view
from directory.storage import departments as department_store
from directory.storage import staff as staff_store


def acting(who: Caller, *roles: Role) -> Staff | None:
    """The caller's token and directory record, checked to hold one of `roles` now (`rules.access.acting_as`)."""
    return access.acting_as(who, staff_store.find_staff(who.employee_no) if who.employee_no else None, *roles)


def me(who: Caller) -> dict:
    """The caller's own record, contacts included."""
    who = access.require_staff(who)
    record = staff_store.get_staff(who.employee_no or "")
    access.acting_as(who, record, Role.STAFF)  # a leaver's token (valid up to an hour) no longer reads the record
    return staff_view(record, with_contacts=True, reveal=staff_store.reveal)


def departments(who: Caller) -> list[Department]:
    access.require_staff(who)
    return department_store.departments()


def department(who: Caller, code: str) -> Department:
    access.require_staff(who)
    return department_store.get_department(code)


def members(who: Caller, code: str) -> list[Staff]:
    """The department's active members the caller may see (`rules.access.members_scope`)."""
    scope = access.members_scope(who, code)
    department_store.get_department(code)
    found = [s for s in staff_store.members(code) if s.active]
    if scope == "self":
        found = [s for s in found if s.employee_no == who.employee_no]
    return found


def search(who: Caller, name: str, *, include_inactive: bool) -> list[Staff]:
    scope = access.search_scope(who, include_inactive=include_inactive)
    return staff_store.search_staff(name.strip() or name, department=scope, active_only=not include_inactive)


def staff_record(who: Caller, employee_no: str) -> dict:
    """An employee's record, with contacts only for themself, HR and administrators."""
    access.may_view_staff_at_all(who, employee_no)
    record = staff_store.get_staff(employee_no)
    access.may_view_staff(who, record)
    return staff_view(record, with_contacts=access.sees_contacts(who, record), reveal=staff_store.reveal)


def history(who: Caller, employee_no: str) -> list[HistoryEntry]:
    access.may_view_history(who, employee_no)
    staff_store.get_staff(employee_no)
    return staff_store.history(employee_no)
