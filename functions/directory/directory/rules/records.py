"""The directory's records and the changes a plan makes to them: plain dataclasses, no I/O.

A plan (`Plan`) is what a roster import, a role change or a confirmation decides; `storage.changes` commits it unit
by unit, each unit in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from common.identity import Role
from common.offices import OFFICES
from contracts.directory import (
    EmployeeChanged,
    EmployeeEvent,
    EmployeeJoined,
    EmployeeLeft,
    RoleGranted,
    RoleGrantRequested,
    RoleRevoked,
)
from directory.rules.roster import Problem

Kind = Literal["departments", "staff"]
Mode = Literal["full", "partial"]
Reveal = Callable[[str, str, str], str]  # (employee_no, field, ciphertext) → plaintext

PERSONAL_FIELDS = ("name", "phone", "email")  # history records that they changed, never their values
TRACKED_FIELDS = ("name", "department", "grade", "employment_type", "team_leader", "roles", "active",
                  "committee_term_start", "committee_term_end", "seconded_from")
DEPARTMENT_FIELDS = ("name", "bureau", "kind", "head_employee_no", "active")
MAX_DETAILS = 200  # problems listed in one refusal (the message gives the total)
# what the AA committee roster shows of an ex-officio member: a change to one of these rewrites their entry
EX_OFFICIO_FIELDS = frozenset({"name", "department", "roles", "active", "committee_term_start",
                               "committee_term_end"})


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    bureau: str
    kind: str
    head_employee_no: str | None = None
    active: bool = True
    version: int = 0


@dataclass(frozen=True)
class Staff:
    employee_no: str
    name: str
    department: str
    grade: int | None
    employment_type: str
    team_leader: bool = False
    active: bool = True
    roles: tuple[str, ...] = ()  # stored roles: everything but `staff`; `dept_head` is derived (see derive_roles)
    phone_enc: str | None = None
    email_enc: str | None = None
    committee_term_start: date | None = None
    committee_term_end: date | None = None
    version: int = 0
    updated_at: str | None = None
    seconded_from: str | None = None  # a seconded (파견) official's home body (§20); None: the county's own

    @property
    def explicit_roles(self) -> tuple[str, ...]:
        return tuple(r for r in self.roles if r != Role.DEPT_HEAD)

    @property
    def groups(self) -> list[str]:
        """The Cognito groups (and token roles) of this employee."""
        return [Role.STAFF.value, *self.roles]


StaffChangeKind = Literal["joined", "changed", "rejoined", "left"]


@dataclass(frozen=True)
class StaffChange:
    before: Staff | None
    after: Staff
    kind: StaffChangeKind
    changed: tuple[str, ...]
    contacts: dict[str, str | None] = field(default_factory=dict)  # field → new plaintext (None removes it)
    committee_gender: str | None = None  # recorded on the ex-officio entry (POST /directory/committee/members)

    @property
    def committee_write(self) -> Literal["put", "delete"] | None:
        """The AA committee roster's entry of an ex-officio member follows the staff record in the same
        transaction: written while the employee is active and holds `committee`, deleted when that ends."""
        had = self.before is not None and is_ex_officio(self.before)
        if is_ex_officio(self.after):
            if not had or self.committee_gender or EX_OFFICIO_FIELDS.intersection(self.changed):
                return "put"
            return None
        return "delete" if had else None

    @property
    def office_writes(self) -> list[tuple[str, Literal["put", "delete"]]]:
        """The offices' holder entries follow the staff record in the same transaction, as the committee's do: one
        per office an active employee holds (written again when their name or department changes), deleted when the
        office or the employment ends."""
        before, after = held_offices(self.before), held_offices(self.after)
        refresh = not {"name", "department"}.isdisjoint(self.changed)
        return ([(office, "delete") for office in sorted(before - after)]
                + [(office, "put") for office in sorted(after) if refresh or office not in before])

    def history(self) -> dict[str, Any]:
        """What the history entry records: old and new values, except personal fields (only that they changed)."""
        out: dict[str, Any] = {}
        for name in self.changed:
            if name in PERSONAL_FIELDS:
                out[name] = {"changed": True}
            else:
                out[name] = {"from": _plain(getattr(self.before, name, None)), "to": _plain(getattr(self.after, name))}
        return out

    def event(self) -> EmployeeEvent:
        """The event the change publishes (`contracts.directory`): identifiers and codes only, never names or
        contacts."""
        staff = self.after
        # `version` orders events for one employee: a consumer ignores one older than what it has seen.
        if self.kind == "left":
            return EmployeeLeft(employee_no=staff.employee_no, department=staff.department, roles=staff.groups,
                                active=False, version=staff.version, changed=list(self.changed))
        data: dict[str, Any] = {
            "employee_no": staff.employee_no, "department": staff.department, "roles": staff.groups,
            "active": staff.active, "grade": staff.grade, "employment_type": staff.employment_type,
            "team_leader": staff.team_leader, "version": staff.version, "seconded_from": staff.seconded_from}
        if self.kind == "joined":
            return EmployeeJoined(**data)
        return EmployeeChanged(**data, changed=list(self.changed))


@dataclass(frozen=True)
class DepartmentChange:
    before: Department | None
    after: Department

    @property
    def kind(self) -> Literal["created", "changed", "closed", "reopened"]:
        if self.before is None:
            return "created"
        if self.before.active != self.after.active:
            return "reopened" if self.after.active else "closed"
        return "changed"

    def history(self) -> dict[str, Any]:
        """field → {from, to}, as the department's history entry records it."""
        return {name: {"from": getattr(self.before, name, None), "to": getattr(self.after, name)}
                for name in DEPARTMENT_FIELDS if getattr(self.before, name, None) != getattr(self.after, name)}


@dataclass(frozen=True)
class HistoryEntry:
    """One change of an employee's or a department's record, as its history keeps it."""

    at: str
    kind: str  # staff: joined|changed|rejoined|left; department: created|changed|closed|reopened
    changes: dict[str, Any]  # field → {from, to}; personal fields only {changed: true}
    source: str  # import:<id> | admin:<employee no>


@dataclass(frozen=True)
class RoleGrant:
    """A grant or revocation of a powerful role (county file: `directory.powerful_roles`): who gave whom what, when,
    why. `pending` waits for a second administrator (`directory.powerful_role_grants_need_second_admin`)."""

    grant_id: str
    employee_no: str
    role: str
    action: Literal["grant", "revoke"]
    status: Literal["effective", "pending"]
    granted_by: str
    at: str
    source: str
    reason: str | None = None
    confirmed_by: str | None = None
    confirmed_at: str | None = None

    def event(self) -> RoleGranted | RoleRevoked | RoleGrantRequested:
        """The event the record publishes: identifiers only — the reason is free text and stays in the directory."""
        if self.status == "pending":
            model: type[RoleGranted | RoleRevoked | RoleGrantRequested] = RoleGrantRequested
        else:
            model = RoleGranted if self.action == "grant" else RoleRevoked
        return model(grant_id=self.grant_id, employee_no=self.employee_no, role=self.role, granted_by=self.granted_by,
                     confirmed_by=self.confirmed_by, source=self.source, at=self.at)


@dataclass(frozen=True)
class RoleGrantChange:
    before: RoleGrant | None  # None: a new record; a pending one: its confirmation (written only if still pending)
    after: RoleGrant


@dataclass
class Unit:
    """Writes that commit together (one transaction)."""

    departments: list[DepartmentChange] = field(default_factory=list)
    staff: list[StaffChange] = field(default_factory=list)
    grants: list[RoleGrantChange] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Items in the transaction: department + its history entry; staff + history + outbox (+ the committee
        roster's entry of an ex-officio member, + an office holder's entries); role grant + outbox."""
        return (2 * len(self.departments)
                + sum(3 + (change.committee_write is not None) + len(change.office_writes) for change in self.staff)
                + 2 * len(self.grants))


@dataclass
class Plan:
    units: list[Unit] = field(default_factory=list)
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    left: int = 0
    role_edits: dict[str, Problem] = field(default_factory=dict)  # employee → the row changing their roles or term
    head_changes: dict[str, Problem] = field(default_factory=dict)  # department → the row changing its head
    joined: set[str] = field(default_factory=set)  # employees the plan creates
    acting: Staff | None = None  # the caller's record: each transaction commits only while it is unchanged

    @property
    def leavers(self) -> list[str]:
        """Employee numbers the plan makes leavers."""
        return sorted(c.after.employee_no for u in self.units for c in u.staff if c.kind == "left")


@dataclass(frozen=True)
class ImportSummary:
    import_id: str
    kind: Kind
    mode: Mode
    dry_run: bool
    created: int
    changed: int
    unchanged: int
    left: int
    repeated: bool = False
    imported_at: str | None = None
    leavers: tuple[str, ...] = ()  # who the file makes leavers (the first MAX_DETAILS)
    confirm_required: bool = False  # a dry run: the real import needs confirm_leavers=<left>
    warnings: tuple[dict[str, Any], ...] = ()  # offices the roster leaves unheld (`common.offices.OfficeWarning`)


@dataclass(frozen=True)
class CommitteeMember:
    member_id: str
    civilian: bool
    gender: Literal["M", "F"] | None  # None: an ex-officio member whose gender nobody recorded yet
    employee_no: str | None = None
    name: str | None = None
    affiliation: str | None = None
    term_start: date | None = None
    term_end: date | None = None
    contact_enc: str | None = None

    def serving_on(self, day: date) -> bool:
        return (self.term_start is None or self.term_start <= day) and (self.term_end is None or day <= self.term_end)


def is_ex_officio(staff: Staff) -> bool:
    """Staff with the `committee` role are the committee's ex-officio members, while they are employed."""
    return staff.active and Role.COMMITTEE in staff.roles


def held_offices(staff: Staff | None) -> set[str]:
    """The offices (`common.offices.OFFICES`) an employee holds while employed."""
    if staff is None or not staff.active:
        return set()
    return {role for role in staff.roles if role in OFFICES}


@dataclass(frozen=True)
class OfficeHolder:
    office: str
    employee_no: str
    name: str
    department: str
    since: str | None = None


def ex_officio_id(employee_no: str) -> str:
    return f"EMP-{employee_no}"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def changed_fields(before: Staff, after: Staff) -> list[str]:
    return [name for name in TRACKED_FIELDS if getattr(before, name) != getattr(after, name)]


def bumped(staff: Staff, updated_at: str) -> Staff:
    """The record's next version."""
    return replace(staff, version=staff.version + 1, updated_at=updated_at)


def pack(units: Iterable[Unit], limit: int = 100) -> list[list[Unit]]:
    """Group units into transactions of at most `limit` items, never splitting a unit."""
    batches: list[list[Unit]] = []
    size = limit + 1
    for unit in units:
        if size + unit.size > limit:
            batches.append([])
            size = 0
        batches[-1].append(unit)
        size += unit.size
    return batches
