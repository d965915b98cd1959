"""The directory table: the only module that touches DynamoDB (and KMS, for the contact fields it stores).

Single table (`DIRECTORY_TABLE`):

| item | pk | sk | gsi1pk / gsi1sk | gsi2pk / gsi2sk |
|---|---|---|---|---|
| department | `DEPT#<code>` | `META` | `DEPTS` / `<code>` | |
| employee | `EMP#<no>` | `META` | `MEMBERS#<dept>` / `<name>#<no>` | `STAFFNAME` / `<name>#<no>` |
| history | `EMP#<no>` or `DEPT#<code>` | `HIST#<iso ts>#<n>` | | |
| import | `IMPORT#<sha256>` | `META` | | |
| committee member | `COMMITTEE` | `CIV-<hash of name, affiliation, term start>` or `EMP-<no>` | | |
| role grant | `ROLEGRANT#<id>` | `META` | `ROLEGRANTS` / `<at>#<id>` | `ROLEGRANTS#PENDING` / idem, while pending |

A civilian member's item is the member. An ex-officio member's item (`EMP-<no>`) is the committee roster's entry of
an employee holding the `committee` role: written and deleted only together with the staff record (`apply`), so the
roster and the role never disagree; it adds the gender, which the staff record does not hold.
| outbox entry | `OUTBOX#<event id>` | `EVENT` | `OUTBOX_PENDING` / ts (common.events) | |

Every read on a request path is a get or a key/index query; nothing scans.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.exceptions import DoesNotExist

from common.clock import now
from common.crypto import decrypt_field, encrypt_field
from common.dynamo import Page, TableItem, conditional, index, query_page, table_meta, transaction
from common.errors import Conflict, NotFound
from common.events import new_event, outbox_model
from common.observability import logger
from directory.logic import (
    CommitteeMember,
    Department,
    DepartmentChange,
    ImportSummary,
    Plan,
    RoleGrant,
    RoleGrantChange,
    Staff,
    StaffChange,
    ex_officio_id,
    pack,
)

Meta = table_meta("DIRECTORY_TABLE", "jeokgeuk-demo-directory")
Outbox = outbox_model(Meta)

DEPTS = "DEPTS"
STAFFNAME = "STAFFNAME"
COMMITTEE = "COMMITTEE"
ROLEGRANTS = "ROLEGRANTS"
ROLEGRANTS_PENDING = "ROLEGRANTS#PENDING"
REVEAL_WORKERS = 16


class DepartmentItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    gsi1pk = UnicodeAttribute(default=DEPTS)
    gsi1sk = UnicodeAttribute()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    bureau = UnicodeAttribute()
    kind = UnicodeAttribute()
    head_employee_no = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    version = NumberAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)
    by_list = index("gsi1")

    @classmethod
    def of(cls, dept: Department, updated_at: str) -> DepartmentItem:
        return cls(pk=f"DEPT#{dept.code}", sk="META", gsi1pk=DEPTS, gsi1sk=dept.code, code=dept.code, name=dept.name,
                   bureau=dept.bureau, kind=dept.kind, head_employee_no=dept.head_employee_no, active=dept.active,
                   version=dept.version, updated_at=updated_at)

    def domain(self) -> Department:
        return Department(self.code, self.name, self.bureau, self.kind, self.head_employee_no, bool(self.active),
                          int(self.version))


class StaffItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    gsi1pk = UnicodeAttribute()
    gsi1sk = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(default=STAFFNAME)
    gsi2sk = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    name = UnicodeAttribute()
    department = UnicodeAttribute()
    grade = NumberAttribute(null=True)
    employment_type = UnicodeAttribute()
    team_leader = BooleanAttribute(default=False)
    active = BooleanAttribute(default=True)
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    phone = UnicodeAttribute(null=True)  # KMS ciphertext (common.crypto), context record=EMP#<no>, field=phone
    email = UnicodeAttribute(null=True)  # idem, field=email
    committee_term_start = UnicodeAttribute(null=True)
    committee_term_end = UnicodeAttribute(null=True)
    version = NumberAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)
    members = index("gsi1")
    by_name = index("gsi2")

    @classmethod
    def of(cls, staff: Staff) -> StaffItem:
        sort = f"{staff.name}#{staff.employee_no}"
        return cls(
            pk=f"EMP#{staff.employee_no}", sk="META", gsi1pk=f"MEMBERS#{staff.department}", gsi1sk=sort,
            gsi2pk=STAFFNAME, gsi2sk=sort, employee_no=staff.employee_no, name=staff.name,
            department=staff.department, grade=staff.grade, employment_type=staff.employment_type,
            team_leader=staff.team_leader, active=staff.active, roles=list(staff.roles), phone=staff.phone_enc,
            email=staff.email_enc, committee_term_start=_iso(staff.committee_term_start),
            committee_term_end=_iso(staff.committee_term_end), version=staff.version, updated_at=staff.updated_at,
        )

    def domain(self) -> Staff:
        return Staff(
            employee_no=self.employee_no, name=self.name, department=self.department,
            grade=None if self.grade is None else int(self.grade), employment_type=self.employment_type,
            team_leader=bool(self.team_leader), active=bool(self.active), roles=tuple(self.roles or ()),
            phone_enc=self.phone, email_enc=self.email, committee_term_start=_date(self.committee_term_start),
            committee_term_end=_date(self.committee_term_end), version=int(self.version), updated_at=self.updated_at,
        )


class HistoryItem(TableItem):
    Meta = Meta
    at = UnicodeAttribute()
    kind = UnicodeAttribute()  # staff: joined|changed|rejoined|left; department: created|changed|closed|reopened
    changes = JSONAttribute()  # field → {from, to}; personal fields only {changed: true}
    source = UnicodeAttribute()  # import:<id> | admin:<employee no>


class ImportItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    kind = UnicodeAttribute()
    mode = UnicodeAttribute()
    created = NumberAttribute()
    changed = NumberAttribute()
    unchanged = NumberAttribute()
    left = NumberAttribute()
    imported_at = UnicodeAttribute(null=True)


class CommitteeItem(TableItem):
    Meta = Meta
    pk = UnicodeAttribute(hash_key=True, default=COMMITTEE)
    civilian = BooleanAttribute()
    gender = UnicodeAttribute(null=True)  # null: an ex-officio member whose gender was not recorded
    employee_no = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    affiliation = UnicodeAttribute(null=True)
    term_start = UnicodeAttribute(null=True)
    term_end = UnicodeAttribute(null=True)
    contact = UnicodeAttribute(null=True)  # KMS ciphertext, record=COMMITTEE#<member_id>, field=contact
    added_at = UnicodeAttribute(null=True)
    added_by = UnicodeAttribute(null=True)

    def domain(self) -> CommitteeMember:
        return CommitteeMember(self.sk, bool(self.civilian), self.gender, self.employee_no, self.name,  # type: ignore[arg-type]
                               self.affiliation, _date(self.term_start), _date(self.term_end), self.contact)


class RoleGrantItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    grant_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    role = UnicodeAttribute()
    action = UnicodeAttribute()
    status = UnicodeAttribute()
    granted_by = UnicodeAttribute()
    at = UnicodeAttribute()
    source = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    confirmed_by = UnicodeAttribute(null=True)
    confirmed_at = UnicodeAttribute(null=True)
    listed = index("gsi1")
    pending = index("gsi2")

    @classmethod
    def of(cls, grant: RoleGrant) -> RoleGrantItem:
        order = f"{grant.at}#{grant.grant_id}"
        waiting = grant.status == "pending"
        return cls(pk=f"ROLEGRANT#{grant.grant_id}", sk="META", gsi1pk=ROLEGRANTS, gsi1sk=order,
                   gsi2pk=ROLEGRANTS_PENDING if waiting else None, gsi2sk=order if waiting else None,
                   grant_id=grant.grant_id, employee_no=grant.employee_no, role=grant.role, action=grant.action,
                   status=grant.status, granted_by=grant.granted_by, at=grant.at, source=grant.source,
                   reason=grant.reason, confirmed_by=grant.confirmed_by, confirmed_at=grant.confirmed_at)

    def domain(self) -> RoleGrant:
        return RoleGrant(self.grant_id, self.employee_no, self.role, self.action, self.status,  # type: ignore[arg-type]
                         self.granted_by, self.at, self.source, self.reason, self.confirmed_by, self.confirmed_at)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# ---------------------------------------------------------------- reads
def departments() -> list[Department]:
    return [item.domain() for item in DepartmentItem.by_list.query(DEPTS)]


def get_department(code: str) -> Department:
    try:
        return DepartmentItem.get(f"DEPT#{code}", "META").domain()
    except DoesNotExist as error:
        raise NotFound("부서를 찾을 수 없습니다.", code="DEPARTMENT_NOT_FOUND") from error


def find_staff(employee_no: str) -> Staff | None:
    try:
        return StaffItem.get(f"EMP#{employee_no}", "META").domain()
    except DoesNotExist:
        return None


def get_staff(employee_no: str) -> Staff:
    staff = find_staff(employee_no)
    if staff is None:
        raise NotFound("직원을 찾을 수 없습니다.", code="EMPLOYEE_NOT_FOUND")
    return staff


def all_staff() -> list[Staff]:
    """Every employee, leavers included: one index partition (`STAFFNAME`), read page by page."""
    return [item.domain() for item in StaffItem.by_name.query(STAFFNAME)]


def members(department: str) -> list[Staff]:
    return [item.domain() for item in StaffItem.members.query(f"MEMBERS#{department}")]


def search_staff(prefix: str, *, department: str | None, active_only: bool = True, limit: int = 50) -> list[Staff]:
    """Up to `limit` matches; with `active_only`, leavers are filtered out (paging on until `limit` are found)."""
    only = StaffItem.active == True if active_only else None  # noqa: E712 (a PynamoDB condition, not a comparison)
    if department is not None:
        items = StaffItem.members.query(f"MEMBERS#{department}", StaffItem.gsi1sk.startswith(prefix),
                                        filter_condition=only, limit=limit, page_size=100)
    else:
        items = StaffItem.by_name.query(STAFFNAME, StaffItem.gsi2sk.startswith(prefix), filter_condition=only,
                                        limit=limit, page_size=100)
    return [item.domain() for item in items]


def history(employee_no: str) -> list[HistoryItem]:
    return list(HistoryItem.query(f"EMP#{employee_no}", HistoryItem.sk.startswith("HIST#"), scan_index_forward=False))


def get_import(import_id: str) -> ImportSummary | None:
    try:
        item = ImportItem.get(f"IMPORT#{import_id}", "META")
    except DoesNotExist:
        return None
    return ImportSummary(import_id, item.kind, item.mode, False, int(item.created), int(item.changed),  # type: ignore[arg-type]
                         int(item.unchanged), int(item.left), imported_at=item.imported_at)


def get_role_grant(grant_id: str) -> RoleGrant:
    try:
        return RoleGrantItem.get(f"ROLEGRANT#{grant_id}", "META").domain()
    except DoesNotExist as error:
        raise NotFound("역할 부여 기록을 찾을 수 없습니다.", code="GRANT_NOT_FOUND") from error


def role_grants(*, pending_only: bool, limit: int, token: str | None) -> Page:
    """Newest first, one index page (all grants, or only those waiting for a second administrator)."""
    source, key = (RoleGrantItem.pending, ROLEGRANTS_PENDING) if pending_only else (RoleGrantItem.listed, ROLEGRANTS)
    page = query_page(source, key, token, limit=limit, scan_index_forward=False)
    return Page([item.domain() for item in page.items], page.next_token)


def committee() -> list[CommitteeMember]:
    return [item.domain() for item in CommitteeItem.query(COMMITTEE)]


def committee_member(member_id: str) -> CommitteeMember | None:
    try:
        return CommitteeItem.get(COMMITTEE, member_id).domain()
    except DoesNotExist:
        return None


def reveal(employee_no: str, field: str, ciphertext: str) -> str:
    return decrypt_field(ciphertext, record=f"EMP#{employee_no}", field=field)


def reveal_many(wanted: list[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
    """(employee_no, field, ciphertext) → plaintext by (employee_no, field): KMS calls in parallel, because an import
    compares every stored contact of the employees in the file (thousands in a county)."""
    if not wanted:
        return {}
    values = [reveal(*wanted[0])]  # the first on this thread: the KMS client is built once, not by racing threads
    with ThreadPoolExecutor(max_workers=REVEAL_WORKERS) as pool:
        values += pool.map(lambda item: reveal(*item), wanted[1:])
    return {(no, field): value for (no, field, _), value in zip(wanted, values, strict=True)}


# ---------------------------------------------------------------- writes
def _staff_writes(change: StaffChange, *, at: str, seq: int, source: str) -> tuple[StaffItem, HistoryItem, Any]:
    item = StaffItem.of(change.after)
    for field, value in change.contacts.items():
        setattr(item, field, encrypt_field(value, record=item.pk, field=field) if value else None)
    entry = HistoryItem(pk=item.pk, sk=f"HIST#{at}#{seq:04d}", at=at, kind=change.kind, changes=change.history(),
                        source=source)
    detail_type, data = change.event()
    return item, entry, Outbox.of(new_event("directory", detail_type, data))


def _department_condition(change: DepartmentChange) -> Any:
    if change.before is None:
        return DepartmentItem.pk.does_not_exist()
    return DepartmentItem.version == change.before.version


def _staff_condition(change: StaffChange) -> Any:
    if change.before is None:
        return StaffItem.pk.does_not_exist()
    return StaffItem.version == change.before.version


def _ex_officio_update(staff: Staff, *, gender: str | None, at: str, source: str) -> tuple[CommitteeItem, list]:
    """The committee roster's entry of an ex-officio member, from their staff record; gender and when it was added
    are kept (only set when given / when the entry is new)."""
    item = CommitteeItem(pk=COMMITTEE, sk=ex_officio_id(staff.employee_no))
    actions = [
        CommitteeItem.civilian.set(False), CommitteeItem.employee_no.set(staff.employee_no),
        CommitteeItem.name.set(staff.name), CommitteeItem.affiliation.set(staff.department),
        CommitteeItem.added_at.set(CommitteeItem.added_at | at),
        CommitteeItem.added_by.set(CommitteeItem.added_by | source),
    ]
    for attribute, value in ((CommitteeItem.term_start, staff.committee_term_start),
                             (CommitteeItem.term_end, staff.committee_term_end)):
        actions.append(attribute.set(value.isoformat()) if value else attribute.remove())
    if gender:
        actions.append(CommitteeItem.gender.set(gender))
    return item, actions


def apply(plan: Plan, *, source: str) -> None:
    """Commit the plan: each unit whole, in transactions of at most 100 items (a change with its history entry, its
    event and, for an ex-officio committee member, the committee roster's entry)."""
    at = now().isoformat()
    seq = 0
    conflict = Conflict("명부가 동시에 바뀌었습니다. 다시 시도해 주세요.", code="DIRECTORY_CHANGED")
    acting = plan.acting
    for batch in pack(plan.units, limit=99 if acting else 100):
        with transaction(conflict) as tx:
            # the caller's power, as checked, holds at the commit (a batch that writes their record checks its
            # version already, and later batches check the version it wrote)
            own = [c.after for unit in batch for c in unit.staff
                   if acting is not None and c.after.employee_no == acting.employee_no]
            if acting is not None and not own:
                tx.condition_check(StaffItem, f"EMP#{acting.employee_no}", "META",
                                   condition=StaffItem.version == acting.version)
            acting = own[-1] if own else acting
            for unit in batch:
                for dept_change in unit.departments:
                    dept = DepartmentItem.of(dept_change.after, at)
                    tx.save(dept, condition=_department_condition(dept_change))
                    tx.save(HistoryItem(pk=dept.pk, sk=f"HIST#{at}#{seq:04d}", at=at, kind=dept_change.kind,
                                        changes=dept_change.history(), source=source),
                            condition=HistoryItem.pk.does_not_exist())
                    seq += 1
                for change in unit.staff:
                    item, entry, outbox = _staff_writes(change, at=at, seq=seq, source=source)
                    seq += 1
                    tx.save(item, condition=_staff_condition(change))
                    tx.save(entry, condition=HistoryItem.pk.does_not_exist())
                    tx.save(outbox)
                    if change.committee_write == "put":
                        member, actions = _ex_officio_update(change.after, gender=change.committee_gender, at=at,
                                                             source=source)
                        tx.update(member, actions=actions)
                    elif change.committee_write == "delete":
                        tx.delete(CommitteeItem(pk=COMMITTEE, sk=ex_officio_id(change.after.employee_no)))
                for grant_change in unit.grants:
                    _grant_writes(tx, grant_change)
    logger.info("directory changes committed", extra={"source": source, "units": len(plan.units)})


def _grant_writes(tx: Any, change: RoleGrantChange) -> None:
    """The grant's record and its event; a confirmation is written only while the grant is still pending."""
    item = RoleGrantItem.of(change.after)
    if change.before is None:
        tx.save(item, condition=RoleGrantItem.pk.does_not_exist())
    else:
        tx.save(item, condition=RoleGrantItem.status == change.before.status)
    detail_type, data = change.after.event()
    tx.save(Outbox.of(new_event("directory", detail_type, data)))


def save_import(summary: ImportSummary) -> None:
    """The file's latest application (an earlier file imported again is recorded again, with its new counts)."""
    ImportItem(pk=f"IMPORT#{summary.import_id}", sk="META", kind=summary.kind, mode=summary.mode,
               created=summary.created, changed=summary.changed, unchanged=summary.unchanged, left=summary.left,
               imported_at=summary.imported_at).save()


def add_civilian_member(member: CommitteeMember, *, contact: str | None, added_by: str) -> None:
    """A civilian member, once: the id is their natural key, so the same person for the same term is refused."""
    item = CommitteeItem(
        pk=COMMITTEE, sk=member.member_id, civilian=True, gender=member.gender, name=member.name,
        affiliation=member.affiliation, term_start=_iso(member.term_start), term_end=_iso(member.term_end),
        added_at=now().isoformat(), added_by=added_by,
        contact=encrypt_field(contact, record=f"{COMMITTEE}#{member.member_id}", field="contact") if contact else None,
    )
    duplicate = Conflict("같은 성명·소속·임기 시작일의 위원이 이미 등록되어 있습니다.", code="ALREADY_MEMBER",
                         details={"member_id": member.member_id})
    with conditional(duplicate):
        item.save(condition=CommitteeItem.sk.does_not_exist())


def save_ex_officio(staff: Staff, *, gender: str, added_by: str) -> None:
    """Record the gender on a serving ex-officio member's entry (written in full if it predates the entries)."""
    item, actions = _ex_officio_update(staff, gender=gender, at=now().isoformat(), source=added_by)
    item.update(actions=actions)


class Repository:
    """The module as the `DirectoryPort` logic expects."""

    departments = staticmethod(departments)
    all_staff = staticmethod(all_staff)
    get_import = staticmethod(get_import)
    apply = staticmethod(apply)
    save_import = staticmethod(save_import)
    reveal_many = staticmethod(reveal_many)
