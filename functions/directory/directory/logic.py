"""The directory's rules: who may see what, how a roster becomes changes, how roles follow from headship.

Plain Python: the repository is a port (`DirectoryPort`), contacts are revealed through a callable, nothing here
touches boto3, HTTP or the event bus. Errors are `common.errors`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal, Protocol
from uuid import uuid4

from common.errors import Conflict, Forbidden, InvalidInput, NotFound, RuleViolation
from common.identity import Caller, Role
from directory import roster
from directory.roster import DepartmentRow, Problem, StaffRow

Kind = Literal["departments", "staff"]
Mode = Literal["full", "partial"]
Reveal = Callable[[str, str, str], str]  # (employee_no, field, ciphertext) → plaintext

OVERSIGHT = (Role.AUDIT, Role.HR, Role.ADMIN)  # see every department
CONTACT_READERS = (Role.HR, Role.ADMIN)  # besides the employee themself
PERSONAL_FIELDS = ("name", "phone", "email")  # history records that they changed, never their values
TRACKED_FIELDS = ("name", "department", "grade", "employment_type", "team_leader", "roles", "active",
                  "committee_term_start", "committee_term_end")
DEPARTMENT_FIELDS = ("name", "bureau", "kind", "head_employee_no", "active")
ENDS_WITH_SERVICE = frozenset({Role.DEPT_HEAD, Role.COMMITTEE})  # roles a leaver no longer holds
MAX_DETAILS = 200  # problems listed in one refusal (the message gives the total)
# what the AA committee roster shows of an ex-officio member: a change to one of these rewrites their entry
EX_OFFICIO_FIELDS = frozenset({"name", "department", "roles", "active", "committee_term_start",
                               "committee_term_end"})


# ---------------------------------------------------------------- the directory's records
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

    def history(self) -> dict[str, Any]:
        """What the history entry records: old and new values, except personal fields (only that they changed)."""
        out: dict[str, Any] = {}
        for name in self.changed:
            if name in PERSONAL_FIELDS:
                out[name] = {"changed": True}
            else:
                out[name] = {"from": _plain(getattr(self.before, name, None)), "to": _plain(getattr(self.after, name))}
        return out

    def event(self) -> tuple[str, dict[str, Any]]:
        """(detail type, data) — identifiers and codes only, never names or contacts."""
        staff = self.after
        # `version` orders events for one employee: a consumer ignores one older than what it has seen.
        if self.kind == "left":
            return "EmployeeLeft", {"employee_no": staff.employee_no, "department": staff.department,
                                    "roles": staff.groups, "active": False, "version": staff.version,
                                    "changed": list(self.changed)}
        data = {"employee_no": staff.employee_no, "department": staff.department, "roles": staff.groups,
                "active": staff.active, "grade": staff.grade, "employment_type": staff.employment_type,
                "team_leader": staff.team_leader, "version": staff.version}
        if self.kind == "joined":
            return "EmployeeJoined", data
        return "EmployeeChanged", {**data, "changed": list(self.changed)}


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

    def event(self) -> tuple[str, dict[str, Any]]:
        """(detail type, data): identifiers only — the reason is free text and stays in the directory."""
        if self.status == "pending":
            detail_type = "RoleGrantRequested"
        else:
            detail_type = "RoleGranted" if self.action == "grant" else "RoleRevoked"
        return detail_type, {"grant_id": self.grant_id, "employee_no": self.employee_no, "role": self.role,
                             "granted_by": self.granted_by, "confirmed_by": self.confirmed_by, "source": self.source,
                             "at": self.at}


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
        roster's entry of an ex-officio member); role grant + outbox."""
        return (2 * len(self.departments) + sum(3 + (change.committee_write is not None) for change in self.staff)
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


def ex_officio_id(employee_no: str) -> str:
    return f"EMP-{employee_no}"


def civilian_id(name: str, affiliation: str, term_start: date) -> str:
    """A civilian member's id from their natural key: adding the same person for the same term twice is one member."""
    def normal(text: str) -> str:
        return " ".join(text.split()).casefold()

    key = f"{normal(name)}\x00{normal(affiliation)}\x00{term_start.isoformat()}"
    return "CIV-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def ex_officio_member(staff: Staff, gender: str | None = None) -> CommitteeMember:
    return CommitteeMember(ex_officio_id(staff.employee_no), False, gender, staff.employee_no,  # type: ignore[arg-type]
                           staff.name, staff.department, staff.committee_term_start, staff.committee_term_end)


class DirectoryPort(Protocol):
    def departments(self) -> list[Department]: ...
    def all_staff(self) -> list[Staff]: ...
    def get_import(self, import_id: str) -> ImportSummary | None: ...
    def apply(self, plan: Plan, *, source: str) -> None: ...
    def save_import(self, summary: ImportSummary) -> None: ...
    def reveal_many(self, wanted: list[tuple[str, str, str]]) -> dict[tuple[str, str], str]: ...


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- roles
def derive_roles(explicit: Iterable[str], employee_no: str, department: str,
                 departments: dict[str, Department]) -> tuple[str, ...]:
    """Stored roles = the assigned ones + `dept_head` when the employee heads their own (active) department."""
    roles = {str(r) for r in explicit} - {Role.STAFF, Role.RESIDENT, Role.DEPT_HEAD}
    dept = departments.get(department)
    if dept is not None and dept.active and dept.head_employee_no == employee_no:
        roles.add(Role.DEPT_HEAD.value)
    return tuple(sorted(roles))


def changed_fields(before: Staff, after: Staff) -> list[str]:
    return [name for name in TRACKED_FIELDS if getattr(before, name) != getattr(after, name)]


def _bump(staff: Staff, updated_at: str) -> Staff:
    return replace(staff, version=staff.version + 1, updated_at=updated_at)


# ---------------------------------------------------------------- roster import
def import_id_of(data: bytes, kind: Kind, mode: Mode) -> str:
    return hashlib.sha256(data + b"\x00" + kind.encode() + b"\x00" + mode.encode()).hexdigest()


def refuse(problems: Sequence[Problem]) -> InvalidInput:
    ordered = sorted(problems, key=lambda p: (p.row, p.column))
    message = f"명부 파일에 오류가 {len(ordered)}건 있어 아무것도 반영하지 않았습니다."
    if len(ordered) > MAX_DETAILS:
        message += f" 처음 {MAX_DETAILS}건만 표시합니다."
    return InvalidInput(message, code="ROSTER_INVALID", details=[p.as_dict() for p in ordered[:MAX_DETAILS]])


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


def plan_departments(rows: list[DepartmentRow], departments: list[Department], staff: list[Staff], *,
                     mode: Mode, updated_at: str, problems: Sequence[Problem] = ()) -> Plan:
    """Validate the departments file against the directory and work out the changes. Any problem, these or the
    row problems passed in, refuses the whole file (ROSTER_INVALID). A file without the 부서장사번 column keeps the
    stored heads; a blank cell in that column clears one."""
    current = {d.code: d for d in departments}
    people = {s.employee_no: s for s in staff}
    in_file = {row.code for row in rows}
    problems = list(problems)
    head_header = roster.header_of("departments", "head")
    initial_load = not people  # no staff yet: heads cannot be checked, the staff file follows
    for row in rows:
        if not row.head or initial_load:
            continue
        head = people.get(row.head)
        if head is None or not head.active:
            problems.append(Problem(row.row, head_header, row.head, "부서장 사번이 재직 중인 직원이 아닙니다."))
        elif head.department != row.code:
            problems.append(Problem(row.row, head_header, row.head,
                                    f"부서장이 이 부서 소속이 아닙니다 (소속: {head.department})."))
    closing = [] if mode == "partial" else [d for d in departments if d.active and d.code not in in_file]
    for dept in closing:
        members = sum(1 for s in staff if s.active and s.department == dept.code)
        if members:
            problems.append(Problem(1, roster.header_of("departments", "code"), dept.code,
                                    f"파일에 없는 부서에 재직 중인 직원이 {members}명 있습니다 (전체 모드)."))
    if problems:
        raise refuse(problems)

    plan = Plan()
    target = dict(current)
    for row in rows:
        before = current.get(row.code)
        head = row.head if row.head_given else (before.head_employee_no if before else None)
        if head != (before.head_employee_no if before else None):
            plan.head_changes[row.code] = Problem(row.row, head_header, head or "", "부서장을 바꾸는 행입니다.")
        after = Department(row.code, row.name, row.bureau, row.kind, head, True, before.version if before else 0)
        if before == after:
            plan.unchanged += 1
            continue
        target[row.code] = replace(after, version=after.version + 1)
        plan.units.append(Unit(departments=[DepartmentChange(before, target[row.code])]))
        if before is None:
            plan.created += 1
        else:
            plan.changed += 1
    for dept in closing:
        target[dept.code] = replace(dept, active=False, version=dept.version + 1)
        plan.units.append(Unit(departments=[DepartmentChange(dept, target[dept.code])]))
        plan.left += 1
    # headship moved: roles follow
    for person in staff:
        if not person.active:
            continue
        roles = derive_roles(person.explicit_roles, person.employee_no, person.department, target)
        if roles != person.roles:
            after = _bump(replace(person, roles=roles), updated_at)
            plan.units.append(Unit(staff=[StaffChange(person, after, "changed", ("roles",))]))
    return plan


def headships_ending(person: Staff, departments: dict[str, Department]) -> list[DepartmentChange]:
    """A head who leaves or moves to another department no longer heads the old one: the department is left
    without a head (HR names the next one). `departments` is updated, so a plan sees its own changes."""
    changes = []
    for dept in list(departments.values()):
        if dept.head_employee_no != person.employee_no:
            continue
        if person.active and person.department == dept.code:
            continue
        after = replace(dept, head_employee_no=None, version=dept.version + 1)
        departments[dept.code] = after
        changes.append(DepartmentChange(dept, after))
    return changes


def leave(person: Staff) -> Staff:
    """A leaver's record: inactive, no longer heading a department or serving on the committee."""
    return replace(person, active=False, roles=tuple(r for r in person.roles if r not in ENDS_WITH_SERVICE),
                   committee_term_start=None, committee_term_end=None)


def plan_staff(rows: list[StaffRow], departments: list[Department], staff: list[Staff], *, mode: Mode,
               updated_at: str, reveal: Reveal, problems: Sequence[Problem] = ()) -> Plan:
    """Validate the staff file against the directory and work out the changes. Any problem, these or the row
    problems passed in, refuses the whole file (ROSTER_INVALID)."""
    depts = {d.code: d for d in departments}
    current = {s.employee_no: s for s in staff}
    problems = [*problems, *(
        Problem(row.row, roster.header_of("staff", "department"), row.department, "명부에 없거나 폐지된 부서입니다.")
        for row in rows if row.department and not (row.department in depts and depts[row.department].active)
    ), *(
        Problem(row.row, roster.header_of("staff", "term_start"), "",
                "committee 역할을 새로 주려면 위원 임기(위원임기시작, 위원임기종료)가 필요합니다.")
        for row in rows if _grants_committee_without_term(row, current.get(row.employee_no))
    ), *(
        Problem(row.row, roster.header_of("staff", "term_start"), row.term_start.isoformat(),
                "위원 임기는 committee 역할이 있는 직원에게만 적습니다.")
        for row in rows if row.term_start is not None and row.roles is None
        and not (row.employee_no in current and is_ex_officio(current[row.employee_no]))
    )]
    if problems:
        raise refuse(problems)

    plan = Plan()
    target = dict(depts)  # departments as this plan leaves them
    for row in rows:
        before = current.get(row.employee_no)
        change = _staff_change(row, before, depts, updated_at=updated_at, reveal=reveal)
        if change is None:
            plan.unchanged += 1
            continue
        plan.units.append(Unit(departments=headships_ending(change.after, target), staff=[change]))
        if edit := _role_edit(row, change):
            plan.role_edits[row.employee_no] = edit
        if change.kind == "joined":
            plan.joined.add(row.employee_no)
            plan.created += 1
        else:
            plan.changed += 1
    if mode == "full":
        in_file = {row.employee_no for row in rows}
        for person in staff:
            if person.active and person.employee_no not in in_file:
                after = _bump(leave(person), updated_at)
                change = StaffChange(person, after, "left", tuple(changed_fields(person, after)))
                plan.units.append(Unit(departments=headships_ending(after, target), staff=[change]))
                plan.left += 1
    return plan


def _grants_committee_without_term(row: StaffRow, before: Staff | None) -> bool:
    if row.roles is None or Role.COMMITTEE not in row.roles or row.term_start is not None:
        return False
    return before is None or not is_ex_officio(before)


def _role_edit(row: StaffRow, change: StaffChange) -> Problem | None:
    """The row changes the employee's assigned roles or committee term (which only an administrator may). Roles a
    leaver's record keeps count as none: bringing someone back with them gives them again."""
    before, after = change.before, change.after
    old_roles = set(before.explicit_roles) if before and before.active else set()
    old_term = (before.committee_term_start, before.committee_term_end) if before else (None, None)
    if set(after.explicit_roles) == old_roles and (after.committee_term_start, after.committee_term_end) == old_term:
        return None
    was = ", ".join(sorted(old_roles)) or "없음"
    return Problem(row.row, roster.header_of("staff", "roles"), ", ".join(after.explicit_roles),
                   f"역할·위원 임기를 바꾸는 명부는 시스템 관리자만 가져올 수 있습니다 (지금 역할: {was}).")


def _staff_change(row: StaffRow, before: Staff | None, depts: dict[str, Department], *, updated_at: str,
                  reveal: Reveal) -> StaffChange | None:
    explicit = row.roles if row.roles is not None else (before.explicit_roles if before else ())
    roles = derive_roles(explicit, row.employee_no, row.department, depts)
    term: tuple[date | None, date | None] = (None, None)
    if Role.COMMITTEE in roles:
        if row.term_start is not None:
            term = (row.term_start, row.term_end)
        elif before is not None and Role.COMMITTEE in before.roles:
            term = (before.committee_term_start, before.committee_term_end)
    after = Staff(
        employee_no=row.employee_no, name=row.name, department=row.department, grade=row.grade,
        employment_type=row.employment_type, team_leader=row.team_leader, active=True, roles=roles,
        phone_enc=before.phone_enc if before else None, email_enc=before.email_enc if before else None,
        committee_term_start=term[0], committee_term_end=term[1],
        version=before.version if before else 0, updated_at=before.updated_at if before else None,
    )
    contacts: dict[str, str | None] = {}
    for name, given, value in (("phone", row.has_phone, row.phone), ("email", row.has_email, row.email)):
        if not given:
            continue
        stored = getattr(before, f"{name}_enc") if before else None
        old = reveal(row.employee_no, name, stored) if stored else None
        if old != value:
            contacts[name] = value
    if before is None:
        return StaffChange(None, _bump(after, updated_at), "joined", (), {k: v for k, v in contacts.items() if v})
    fields = changed_fields(before, after) + sorted(contacts)
    if not fields:
        return None
    kind: StaffChangeKind = "changed" if before.active else "rejoined"
    return StaffChange(before, _bump(after, updated_at), kind, tuple(fields), contacts)


def parse_roster(data: bytes, kind: Kind, *, kinds: Sequence[str],
                 employment_types: Sequence[str]) -> tuple[list[Any], list[Problem]]:
    """Rows and row problems; a file that cannot be read at all, or is too large, is one 400 of its own."""
    try:
        if kind == "departments":
            return roster.parse_departments(data, kinds=kinds)  # type: ignore[return-value]
        return roster.parse_staff(data, employment_types=employment_types)  # type: ignore[return-value]
    except roster.FileRefused as error:
        raise InvalidInput(error.message, code=error.code) from error


def stored_contacts(rows: Sequence[StaffRow], staff: Sequence[Staff]) -> list[tuple[str, str, str]]:
    """(employee_no, field, ciphertext) of every stored contact the file's rows are compared with."""
    stored = {s.employee_no: s for s in staff}
    wanted = []
    for row in rows:
        person = stored.get(row.employee_no)
        for name, given in (("phone", row.has_phone), ("email", row.has_email)):
            ciphertext = getattr(person, f"{name}_enc", None) if given else None
            if ciphertext:
                wanted.append((row.employee_no, name, ciphertext))
    return wanted


@dataclass(frozen=True)
class LeaverLimit:
    """How many leavers one full staff file may make without the request confirming the number (county file)."""

    count: int
    percent: float | None = None

    def of(self, active: int) -> int:
        if self.percent is None:
            return self.count
        return min(self.count, math.floor(active * self.percent / 100))


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


def guard_removals(plan: Plan, staff: Sequence[Staff], *, caller: Caller, limit: LeaverLimit,
                   confirm_leavers: int | None, dry_run: bool) -> bool:
    """Like a full departments file that would close departments with staff, a full staff file is refused when it
    would remove the caller, the last administrator, or — unless the request confirms the exact number
    (`confirm_leavers`) — more leavers than the county allows. Returns True when a dry run shows a number that the
    real import must confirm."""
    leavers = plan.leavers
    shown = {"leavers": len(leavers), "employee_nos": leavers[:MAX_DETAILS]}
    if caller.employee_no and caller.employee_no in leavers:
        raise RuleViolation("가져오는 사람 본인을 퇴직 처리하는 명부입니다. 본인이 빠진 파일인지 확인하세요.",
                            code="CALLER_WOULD_LEAVE", details=shown)
    check_admins_remain(staff, plan)
    if confirm_leavers is not None and confirm_leavers != len(leavers):
        raise Conflict(f"이 명부로 퇴직 처리될 직원은 {len(leavers)}명입니다 (확인한 수: {confirm_leavers}명). "
                       "dry_run=true 로 다시 확인하세요.", code="LEAVERS_MISMATCH",
                       details={**shown, "confirm_leavers": confirm_leavers})
    allowed = limit.of(sum(1 for s in staff if s.active))
    if len(leavers) <= allowed or confirm_leavers is not None:
        return False
    if dry_run:
        return True
    raise RuleViolation(f"이 명부로 {len(leavers)}명이 퇴직 처리됩니다 (확인 없이 허용: {allowed}명). 맞으면 "
                        f"confirm_leavers={len(leavers)} 를 붙여 다시 가져오세요.", code="LEAVERS_CONFIRM_REQUIRED",
                        details={**shown, "allowed": allowed})


def guard_role_edits(plan: Plan, caller: Caller) -> None:
    """Roles are given by an administrator, never to oneself: HR's file may not change roles or terms
    (ROLES_ADMIN_ONLY) nor who heads a department (HEADS_ADMIN_ONLY); nobody's file may change their own roles
    (SELF_ROLE_CHANGE) or make themself a head (SELF_APPOINTMENT). The administrator's first import, which creates
    their own record (with their roles) among everyone's, is not a change of their roles."""
    def refused(problems: Iterable[Problem], message: str, code: str) -> Forbidden:
        rows = sorted(problems, key=lambda p: p.row)
        return Forbidden(message.format(n=len(rows)), code=code, details=[p.as_dict() for p in rows[:MAX_DETAILS]])

    if not caller.has(Role.ADMIN):
        if plan.role_edits:
            raise refused(plan.role_edits.values(), "역할이나 위원 임기를 바꾸는 행이 {n}개 있습니다. 역할은 시스템 "
                          "관리자만 바꿀 수 있으니 역할 열을 빼거나 지금 역할 그대로 두고 다시 가져오세요.",
                          "ROLES_ADMIN_ONLY")
        if plan.head_changes:
            raise refused(plan.head_changes.values(), "부서장을 바꾸는 행이 {n}개 있습니다. 부서장 지정은 시스템 "
                          "관리자만 할 수 있으니 부서장사번 열을 빼거나 지금 부서장 그대로 두고 다시 가져오세요.",
                          "HEADS_ADMIN_ONLY")
    if caller.employee_no and caller.employee_no in plan.role_edits and caller.employee_no not in plan.joined:
        raise refused([plan.role_edits[caller.employee_no]], "본인의 역할이나 위원 임기는 바꿀 수 없습니다. 다른 "
                      "관리자에게 요청하세요.", "SELF_ROLE_CHANGE")
    own = [p for p in plan.head_changes.values() if caller.employee_no and p.value == caller.employee_no]
    if own:
        raise refused(own, "본인을 부서장으로 지정할 수 없습니다. 다른 관리자에게 요청하세요.", "SELF_APPOINTMENT")


NO_ROWS = ("명부에 데이터 행이 없습니다 (머리글만 있거나, 줄바꿈이 사라져 한 줄이 된 파일). 아무것도 반영하지 "
           "않았습니다. curl 로 보낼 때는 -d 대신 --data-binary @파일 을 쓰세요.")


def import_roster(directory: DirectoryPort, data: bytes, *, kind: Kind, mode: Mode, dry_run: bool, caller: Caller,
                  acting: Staff | None,
                  kinds: Sequence[str], employment_types: Sequence[str], now_iso: str,
                  leaver_limit: LeaverLimit = LeaverLimit(10), confirm_leavers: int | None = None,
                  powerful: Sequence[str] = (Role.ADMIN,), second_admin: bool = False) -> ImportSummary:
    """All or nothing: every row is checked before anything is written; then only the difference is written.

    Every import is diffed against the directory as it is now, so an earlier file imported again (A, B, A) is
    applied again, while the same file twice in a row finds nothing to change and writes nothing (`repeated`).
    A file without data rows is refused (ROSTER_EMPTY): in full mode it would make everyone a leaver. Removals are
    guarded (`guard_removals`), and so are role changes (`guard_role_edits`): only an administrator's file may
    change roles, committee terms or heads, and nobody's their own."""
    if not data.strip():
        raise InvalidInput("빈 파일입니다.", code="ROSTER_EMPTY")
    rows, problems = parse_roster(data, kind, kinds=kinds, employment_types=employment_types)
    if any(p.row == 1 for p in problems):  # no usable header: nothing more to check
        raise refuse(problems)
    if not rows:
        raise InvalidInput(NO_ROWS, code="ROSTER_EMPTY")
    departments, staff = directory.departments(), directory.all_staff()
    if kind == "departments":
        plan = plan_departments(rows, departments, staff, mode=mode, updated_at=now_iso, problems=problems)
    else:
        # every stored contact is compared with the file's: decrypted all at once, not one KMS call after another
        revealed = {} if problems else directory.reveal_many(stored_contacts(rows, staff))
        plan = plan_staff(rows, departments, staff, mode=mode, updated_at=now_iso,
                          reveal=lambda no, name, _ciphertext: revealed[(no, name)], problems=problems)
    plan.acting = acting
    guard_role_edits(plan, caller)
    confirm_required = guard_removals(plan, staff, caller=caller, limit=leaver_limit,
                                      confirm_leavers=confirm_leavers, dry_run=dry_run)
    import_id = import_id_of(data, kind, mode)
    grants = record_grants(plan, powerful=powerful, by=caller.employee_no or caller.subject,
                           source=f"import:{import_id}", at=now_iso)
    if second_admin:
        refuse_unconfirmed_grants(grants, staff)
    earlier = directory.get_import(import_id)
    repeated = earlier is not None and not plan.units
    summary = ImportSummary(import_id, kind, mode, dry_run, plan.created, plan.changed, plan.unchanged, plan.left,
                            repeated=repeated, imported_at=earlier.imported_at if repeated and earlier else now_iso,
                            leavers=tuple(plan.leavers[:MAX_DETAILS]), confirm_required=confirm_required)
    if not dry_run and not repeated:
        if plan.units:
            directory.apply(plan, source=f"import:{import_id}")
        directory.save_import(summary)
    return summary


# ---------------------------------------------------------------- the caller's power now
def acting_as(caller: Caller, record: Staff | None, *roles: Role) -> Staff | None:
    """A privileged write checks the caller against the directory as it is now, not only the (up to an hour old)
    token: an employee in the directory must be active and still hold one of `roles` (403 `ROLE_NOT_CURRENT`). A
    caller the directory does not hold (the county IT account of the first import) is trusted on its token. The
    record returned goes into the write's transaction as a condition (`Plan.acting`)."""
    caller.require(*roles)
    if record is None:
        return None
    if not record.active or not any(r == Role.STAFF or r in record.roles for r in roles):
        raise Forbidden("명부상 지금은 이 작업을 할 권한이 없습니다 (퇴직했거나 역할이 바뀌었습니다). "
                        "다시 로그인하세요.", code="ROLE_NOT_CURRENT")
    return record


# ---------------------------------------------------------------- roles set by an administrator
def may_set_roles(caller: Caller, employee_no: str) -> Caller:
    """Only an administrator sets roles, and never their own (an administrator giving itself `audit` could then
    approve what it granted)."""
    caller.require(Role.ADMIN)
    if caller.employee_no is not None and caller.employee_no == employee_no:
        raise Forbidden("본인의 역할은 바꿀 수 없습니다. 다른 관리자에게 요청하세요.", code="SELF_ROLE_CHANGE")
    return caller


ASSIGNABLE_ROLES = frozenset({Role.DEPT_HEAD, Role.AUDIT, Role.COMMITTEE, Role.HR, Role.ADMIN, Role.PANEL})


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
                after = _bump(replace(previous, roles=roles_after), updated_at)
                unit.staff.append(StaffChange(previous, after, "changed", ("roles",)))
    after = replace(staff, roles=derive_roles(wanted, staff.employee_no, staff.department, target),
                    committee_term_start=term_start, committee_term_end=term_end)
    fields = changed_fields(staff, after)
    if fields:
        unit.staff.append(StaffChange(staff, _bump(after, updated_at), "changed", tuple(fields),
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


# ---------------------------------------------------------------- who may see what
def require_staff(caller: Caller) -> Caller:
    caller.require(Role.STAFF)
    if caller.employee_no is None:
        raise Forbidden("직원만 이용할 수 있습니다.", code="ROLE_REQUIRED")
    return caller


def members_scope(caller: Caller, department: str) -> Literal["all", "self"]:
    """Who of a department's members the caller sees: audit, HR and admin every department's; a department head
    their own department's; an employee of the department only themself; anyone else nobody (403)."""
    if caller.has(*OVERSIGHT):
        return "all"
    require_staff(caller).require_department(department)
    return "all" if caller.has(Role.DEPT_HEAD) else "self"


def search_scope(caller: Caller, *, include_inactive: bool = False) -> str | None:
    """The department a name search is limited to (None = all). Leavers are found only when HR or an
    administrator asks for them."""
    caller.require(Role.DEPT_HEAD, *OVERSIGHT)
    if include_inactive:
        caller.require(Role.HR, Role.ADMIN)
    return None if caller.has(*OVERSIGHT) else caller.department or ""


def may_view_staff_at_all(caller: Caller, employee_no: str) -> None:
    """Checked before loading, so a plain employee learns nothing about whether others exist."""
    if caller.employee_no == employee_no and caller.is_staff:
        return
    caller.require(Role.DEPT_HEAD, *OVERSIGHT)


def may_view_staff(caller: Caller, staff: Staff) -> None:
    if caller.employee_no == staff.employee_no or caller.has(*OVERSIGHT):
        return
    if caller.has(Role.DEPT_HEAD) and caller.department == staff.department:
        return
    raise Forbidden("다른 부서의 정보에는 접근할 수 없습니다.", code="OTHER_DEPARTMENT")


def sees_contacts(caller: Caller, staff: Staff) -> bool:
    return caller.employee_no == staff.employee_no or caller.has(*CONTACT_READERS)


def may_view_history(caller: Caller, employee_no: str) -> None:
    if not caller.is_staff:
        caller.require(Role.STAFF)
    caller.require_self(employee_no, unless=(Role.HR, Role.ADMIN))


def staff_view(staff: Staff, *, with_contacts: bool, reveal: Reveal) -> dict[str, Any]:
    view: dict[str, Any] = {
        "employee_no": staff.employee_no, "name": staff.name, "department": staff.department, "grade": staff.grade,
        "employment_type": staff.employment_type, "team_leader": staff.team_leader, "active": staff.active,
        "roles": staff.groups, "committee_term_start": staff.committee_term_start,
        "committee_term_end": staff.committee_term_end, "version": staff.version, "updated_at": staff.updated_at,
    }
    if with_contacts:
        view["phone"] = reveal(staff.employee_no, "phone", staff.phone_enc) if staff.phone_enc else None
        view["email"] = reveal(staff.employee_no, "email", staff.email_enc) if staff.email_enc else None
    return view


def found(value: Any, what: str) -> Any:
    if value is None:
        raise NotFound(f"{what}을(를) 찾을 수 없습니다.")
    return value


# ---------------------------------------------------------------- the AA committee roster
def committee_composition(members: Sequence[CommitteeMember], today: date) -> dict[str, Any]:
    """P1 §11: 9–45 members, ≥ ½ civilian, gender balance — reported on the members serving today."""
    serving = [m for m in members if m.serving_on(today)]
    civilians = sum(1 for m in serving if m.civilian)
    share = round(civilians / len(serving), 3) if serving else 0.0
    return {
        "serving": len(serving), "civilian_count": civilians, "civilian_share": share,
        "civilian_majority_met": bool(serving) and civilians * 2 >= len(serving),
        "size_within_limits": 9 <= len(serving) <= 45,
        "gender": {"M": sum(1 for m in serving if m.gender == "M"), "F": sum(1 for m in serving if m.gender == "F"),
                   "unknown": sum(1 for m in serving if m.gender is None)},
    }


def active_staff(staff: Staff | None) -> Staff:
    if staff is None or not staff.active:
        raise RuleViolation("당연직 위원은 재직 중인 직원이어야 합니다.", code="NOT_ACTIVE_STAFF")
    return staff


def already_ex_officio(staff: Staff, entry: CommitteeMember | None, *, gender: str, term_start: date,
                       term_end: date) -> bool:
    """True when the employee already serves with this term (and this gender, where one was recorded): adding them
    again is the same member, nothing new. Another term or gender is a conflict: the term is changed with
    PUT /directory/staff/{no}/roles."""
    if not is_ex_officio(staff):
        return False
    same_term = (staff.committee_term_start, staff.committee_term_end) == (term_start, term_end)
    if not same_term or (entry is not None and entry.gender not in (None, gender)):
        raise Conflict("이미 당연직 위원인 직원입니다. 임기는 역할 지정(PUT /directory/staff/{사번}/roles)으로 "
                       "바꿉니다.", code="ALREADY_MEMBER", details={"member_id": ex_officio_id(staff.employee_no)})
    return True
