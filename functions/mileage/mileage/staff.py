"""Mileage's staff projection, kept from the directory's events (mileage owns its data; no names are kept)."""

from __future__ import annotations

from common.events import EventEnvelope
from common.observability import logger
from contracts.directory import EmployeeLeft, employee_event
from mileage.rules.policy import StaffFacts
from mileage.storage import staff as stored
from mileage.storage.items import Staff


def apply(envelope: EventEnvelope) -> None:
    event = employee_event(envelope)  # read with the publisher's model (`contracts.directory`); None: not ours
    if event is None:
        return
    at = envelope.occurred_at.isoformat()
    before = stored.get_staff(event.employee_no)
    if isinstance(event, EmployeeLeft):
        if before is None:
            staff = Staff.of(event.employee_no, active=False, occurred_at=at)
        else:
            staff = before
            staff.active, staff.occurred_at = False, at
    else:  # EmployeeJoined, EmployeeChanged
        staff = Staff.of(
            event.employee_no, department=event.department, roles=list(event.roles), active=event.active,
            grade=event.grade, employment_type=event.employment_type, team_leader=event.team_leader,
            occurred_at=at)
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
