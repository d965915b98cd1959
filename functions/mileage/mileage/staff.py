"""Mileage's staff projection, kept from the directory's events (mileage owns its data; no names are kept)."""

from __future__ import annotations

from typing import Any

from common.events import EventEnvelope
from common.observability import logger
from mileage.rules.policy import StaffFacts
from mileage.storage import staff as stored
from mileage.storage.items import Staff

DIRECTORY = "jeokgeuk.directory"


def apply(envelope: EventEnvelope) -> None:
    if envelope.source != DIRECTORY:
        return
    data: dict[str, Any] = envelope.data
    employee_no = str(data["employee_no"])
    at = envelope.occurred_at.isoformat()
    before = stored.get_staff(employee_no)
    if envelope.detail_type == "EmployeeLeft":
        if before is None:
            staff = Staff.of(employee_no, active=False, occurred_at=at)
        else:
            staff = before
            staff.active, staff.occurred_at = False, at
    elif envelope.detail_type in ("EmployeeJoined", "EmployeeChanged"):
        department = data.get("department")
        grade = data.get("grade")
        staff = Staff.of(
            employee_no, department=department, roles=[str(r) for r in data.get("roles") or []],
            active=bool(data.get("active", True)), grade=int(grade) if grade is not None else None,
            employment_type=data.get("employment_type"), team_leader=bool(data.get("team_leader", False)),
            occurred_at=at)
    else:
        return
    if not stored.save_staff(staff):
        logger.info("older directory event ignored", extra={"event_id": envelope.id})
        return
    _heads(before, staff)


def _heads(before: Staff | None, after: Staff) -> None:
    """A staff member holding `dept_head` while active is the head of their department."""
    was = before is not None and before.active and "dept_head" in before.roles and before.department
    now_head = after.active and "dept_head" in after.roles and after.department
    if was and (not now_head or before.department != after.department):
        stored.remove_department_head(before.department, before.employee_no)
    if now_head:
        stored.save_department_head(after.department, after.employee_no, after.occurred_at)


def facts(member: Staff) -> StaffFacts:
    """What the earning rules need to know of a staff member (`rules.policy.ineligibility`)."""
    return StaffFacts(employee_no=member.employee_no, department=member.department, active=member.active,
                      grade=int(member.grade) if member.grade is not None else None,
                      employment_type=member.employment_type, team_leader=member.team_leader)
