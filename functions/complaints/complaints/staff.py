"""Who the complaints know: the staff projection kept from the directory's events (an employee's department and
roles, never a name). It resolves the department of an official a report names only by number (their colleagues
never handle or list the case) and checks an investigator: known, active, of the office mapped to
`complaints.investigation`, and in the department the directory says."""

from __future__ import annotations

from common.errors import RuleViolation
from common.events import EventEnvelope
from common.identity import Role
from common.offices import Duty
from complaints.rules.offices import roles
from complaints.storage import staff as stored
from complaints.storage.items import StaffItem
from contracts.directory import employee_event


def apply_directory(envelope: EventEnvelope) -> None:
    """EmployeeJoined / EmployeeChanged / EmployeeLeft → the projection (the newer version wins)."""
    event = employee_event(envelope)
    if event is None:
        return
    stored.apply(StaffItem(*StaffItem.key(event.employee_no), employee_no=event.employee_no,
                           department=event.department, roles=sorted(event.roles), active=event.active,
                           version=event.version))


def department_of(employee_no: str | None) -> str | None:
    """The department the directory has for `employee_no` (None: not named, or not known)."""
    if not employee_no:
        return None
    found = stored.get(employee_no)
    return found.department if found is not None else None


def known(employee_no: str, department: str | None) -> StaffItem:
    """An employee the office may name on a case: known and active, in `department` if the request names one."""
    found = stored.get(employee_no)
    if found is None or not found.active:
        raise RuleViolation("직원 명부에 없거나 재직 중이 아닌 직원은 조사 담당자로 지정할 수 없습니다.",
                            code="INVESTIGATOR_UNKNOWN", details={"employee_no": employee_no})
    if department is not None and department != found.department:
        raise RuleViolation("조사 담당자의 부서가 직원 명부와 다릅니다.", code="INVESTIGATOR_DEPARTMENT_MISMATCH",
                            details={"employee_no": employee_no})
    return found


def check_investigation_role(found: StaffItem) -> None:
    """A staff member holding a role of the office mapped to `complaints.investigation`."""
    allowed = roles(Duty.COMPLAINTS_INVESTIGATION)
    held = set(found.roles or [])
    if Role.STAFF.value not in held or not {r.value for r in allowed} & held:
        raise RuleViolation("조사 담당자는 조사 업무를 맡은 직위여야 합니다.",
                            code="INVESTIGATOR_NOT_INVESTIGATION_ROLE",
                            details={"employee_no": found.employee_no, "required_roles": [r.value for r in allowed]})
