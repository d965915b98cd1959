"""Events of `jeokgeuk.directory`: who works where with which roles, and powerful roles given or taken.

Identifiers and codes only, never names or contacts. `version` is the employee record's version: it grows with every
change, so a consumer keeping a copy ignores an event older than its copy."""

from datetime import date
from typing import ClassVar

from common.events import Event, EventEnvelope


class _DirectoryEvent(Event):
    area: ClassVar[str] = "directory"


class EmployeeJoined(_DirectoryEvent):
    employee_no: str
    department: str
    roles: list[str]  # Cognito groups, `staff` included
    active: bool
    grade: int | None
    employment_type: str
    team_leader: bool
    version: int
    seconded_from: str | None = None  # a seconded (파견) official's home body (decree §20); None: the county's own


class EmployeeChanged(EmployeeJoined):
    changed: list[str]  # the fields that changed


class EmployeeLeft(_DirectoryEvent):
    employee_no: str
    department: str
    roles: list[str]  # after leaving: `dept_head` and `committee` are gone
    active: bool = False
    version: int
    changed: list[str]


class _RoleGrantEvent(_DirectoryEvent):
    grant_id: str
    employee_no: str
    role: str
    granted_by: str
    confirmed_by: str | None
    source: str  # `admin:<no>` or `import:<id>`
    at: str


class RoleGranted(_RoleGrantEvent):
    pass


class RoleRevoked(_RoleGrantEvent):
    pass


class RoleGrantRequested(_RoleGrantEvent):
    pass


class CommitteeMemberAppointed(_DirectoryEvent):
    """A civilian member (위촉위원) added to the AA committee roster: the id, gender and term — never the name,
    affiliation or contact (ex-officio members are employees with the `committee` role: EmployeeJoined/Changed)."""

    member_id: str
    civilian: bool = True
    gender: str | None
    term_start: date
    term_end: date



class CommitteeMemberChanged(CommitteeMemberAppointed):
    """A civilian member's term changed (its end moved: extended, shortened)."""


class CommitteeMemberEnded(_DirectoryEvent):
    """A civilian member left the committee (해촉, or resigned) before their term's end: not serving from `ended_on`."""

    member_id: str
    ended_on: date


EMPLOYEE_EVENTS = (EmployeeJoined, EmployeeChanged, EmployeeLeft)
EmployeeEvent = EmployeeJoined | EmployeeChanged | EmployeeLeft


def employee_event(envelope: EventEnvelope) -> EmployeeEvent | None:
    """The employee event an envelope carries, read with its own model; None for any other event."""
    for model in EMPLOYEE_EVENTS:
        if (envelope.source, envelope.detail_type) == (f"jeokgeuk.{model.area}", model.detail_type()):
            return model.of(envelope)
    return None
