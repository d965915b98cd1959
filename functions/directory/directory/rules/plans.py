"""Roster imports: how a departments or staff file becomes a plan of changes, and the guards on it (removals,
role edits). All or nothing: any problem refuses the whole file."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from common.identity import Caller, Role
from directory.rules import roster
from directory.rules.records import (
    MAX_DETAILS,
    Department,
    DepartmentChange,
    Kind,
    Mode,
    Plan,
    Reveal,
    Staff,
    StaffChange,
    StaffChangeKind,
    Unit,
    bumped,
    changed_fields,
    is_ex_officio,
)
from directory.rules.roles import check_admins_remain, derive_roles
from directory.rules.roster import DepartmentRow, Problem, StaffRow

ENDS_WITH_SERVICE = frozenset({Role.DEPT_HEAD, Role.COMMITTEE})  # roles a leaver no longer holds
NO_ROWS = ("명부에 데이터 행이 없습니다 (머리글만 있거나, 줄바꿈이 사라져 한 줄이 된 파일). 아무것도 반영하지 "
           "않았습니다. curl 로 보낼 때는 -d 대신 --data-binary @파일 을 쓰세요.")


def import_id_of(data: bytes, kind: Kind, mode: Mode) -> str:
    return hashlib.sha256(data + b"\x00" + kind.encode() + b"\x00" + mode.encode()).hexdigest()


def refuse(problems: Sequence[Problem]) -> InvalidInput:
    ordered = sorted(problems, key=lambda p: (p.row, p.column))
    message = f"명부 파일에 오류가 {len(ordered)}건 있어 아무것도 반영하지 않았습니다."
    if len(ordered) > MAX_DETAILS:
        message += f" 처음 {MAX_DETAILS}건만 표시합니다."
    return InvalidInput(message, code="ROSTER_INVALID", details=[p.as_dict() for p in ordered[:MAX_DETAILS]])

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
            after = bumped(replace(person, roles=roles), updated_at)
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
                after = bumped(leave(person), updated_at)
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
        seconded_from=row.seconded_from if row.has_seconded_from else (before.seconded_from if before else None),
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
        return StaffChange(None, bumped(after, updated_at), "joined", (), {k: v for k, v in contacts.items() if v})
    fields = changed_fields(before, after) + sorted(contacts)
    if not fields:
        return None
    kind: StaffChangeKind = "changed" if before.active else "rejoined"
    return StaffChange(before, bumped(after, updated_at), kind, tuple(fields), contacts)


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
