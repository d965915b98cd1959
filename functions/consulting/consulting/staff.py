"""Who consulting knows: the staff projection kept from the directory's events (an employee's department, never a
name). Whoever acts for the county on a case is checked against the case's department with the department the
directory has for them: a token's department claim may be stale, and must not decide who may act."""

from __future__ import annotations

from common.events import EventEnvelope
from consulting.storage import staff as stored
from consulting.storage.items import StaffItem
from contracts.directory import employee_event


def apply_directory(envelope: EventEnvelope) -> None:
    """EmployeeJoined / EmployeeChanged / EmployeeLeft → the projection (the newer version wins)."""
    event = employee_event(envelope)
    if event is None:
        return
    stored.apply(StaffItem(*StaffItem.key(event.employee_no), employee_no=event.employee_no,
                           department=event.department, active=event.active, version=event.version))


def serving(employee_no: str) -> bool:
    """Whether the directory has `employee_no` in service (a retired official has left, or was never on this roster)."""
    found = stored.get(employee_no)
    return found is not None and bool(found.active)


def department_of(employee_no: str | None) -> str | None:
    """The department the directory has for `employee_no` (None: not named, or not known yet)."""
    if not employee_no:
        return None
    found = stored.get(employee_no)
    return found.department if found is not None else None
