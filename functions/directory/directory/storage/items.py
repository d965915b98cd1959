"""The directory table's items: the only module that knows their classes, keys and index keys (`storage.*` read and
write them; KMS for the contact fields they store is in those modules).

Single table (`DIRECTORY_TABLE`):

| item | pk | sk | gsi1pk / gsi1sk | gsi2pk / gsi2sk |
|---|---|---|---|---|
| department | `DEPT#<code>` | `META` | `DEPTS` / `<code>` | |
| employee | `EMP#<no>` | `META` | `MEMBERS#<dept>` / `<name>#<no>` | `STAFFNAME` / `<name>#<no>` |
| history | `EMP#<no>` or `DEPT#<code>` | `HIST#<iso ts>#<n>` | | |
| import | `IMPORT#<sha256>` | `META` | | |
| committee member | `COMMITTEE` | `CIV-<hash of name, affiliation, term start>` or `EMP-<no>` | | |
| role grant | `ROLEGRANT#<id>` | `META` | `ROLEGRANTS` / `<at>#<id>` | `ROLEGRANTS#PENDING` / idem, while pending |
| office holder | `OFFICES` | `<office role>#<no>` | | |

A civilian member's item is the member. An ex-officio member's item (`EMP-<no>`) is the committee roster's entry of
an employee holding the `committee` role: written and deleted only together with the staff record (`apply`), so the
roster and the role never disagree; it adds the gender, which the staff record does not hold. An office holder's
entry is kept the same way (one per office an active employee holds), so the offices are one query.
| outbox entry | `OUTBOX#<event id>` | `EVENT` | `OUTBOX_PENDING` / ts (common.events) | |

Every read on a request path is a get or a key/index query; nothing scans.
"""

from __future__ import annotations

from datetime import date

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from common.dynamo import TableItem, index, table_meta
from common.events import outbox_model
from directory.rules.records import (
    CommitteeMember,
    Department,
    HistoryEntry,
    ImportSummary,
    OfficeHolder,
    RoleGrant,
    Staff,
    ex_officio_id,
)

Meta = table_meta("DIRECTORY_TABLE", "jeokgeuk-demo-directory")
Outbox = outbox_model(Meta)

DEPTS = "DEPTS"
STAFFNAME = "STAFFNAME"
COMMITTEE = "COMMITTEE"
ROLEGRANTS = "ROLEGRANTS"
ROLEGRANTS_PENDING = "ROLEGRANTS#PENDING"
OFFICES = "OFFICES"
HISTORY = "HIST#"


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

    @staticmethod
    def key(code: str) -> tuple[str, str]:
        return f"DEPT#{code}", "META"

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
    seconded_from = UnicodeAttribute(null=True)  # a seconded official's home body (파견원소속)
    members = index("gsi1")
    by_name = index("gsi2")

    @staticmethod
    def key(employee_no: str) -> tuple[str, str]:
        return f"EMP#{employee_no}", "META"

    @staticmethod
    def members_of(department: str) -> str:
        """The `members` index partition of a department."""
        return f"MEMBERS#{department}"

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
            seconded_from=staff.seconded_from,
        )

    def domain(self) -> Staff:
        return Staff(
            employee_no=self.employee_no, name=self.name, department=self.department,
            grade=None if self.grade is None else int(self.grade), employment_type=self.employment_type,
            team_leader=bool(self.team_leader), active=bool(self.active), roles=tuple(self.roles or ()),
            phone_enc=self.phone, email_enc=self.email, committee_term_start=_date(self.committee_term_start),
            committee_term_end=_date(self.committee_term_end), version=int(self.version), updated_at=self.updated_at,
            seconded_from=self.seconded_from,
        )


class HistoryItem(TableItem):
    Meta = Meta
    at = UnicodeAttribute()
    kind = UnicodeAttribute()  # staff: joined|changed|rejoined|left; department: created|changed|closed|reopened
    changes = JSONAttribute()  # field → {from, to}; personal fields only {changed: true}
    source = UnicodeAttribute()  # import:<id> | admin:<employee no>

    @classmethod
    def of(cls, record_pk: str, *, at: str, seq: int, kind: str, changes: dict, source: str) -> HistoryItem:
        """An entry of an employee's or a department's history (`record_pk`: their item's pk), in order of `seq`."""
        return cls(pk=record_pk, sk=f"{HISTORY}{at}#{seq:04d}", at=at, kind=kind, changes=changes, source=source)

    def domain(self) -> HistoryEntry:
        return HistoryEntry(self.at, self.kind, self.changes, self.source)

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

    @classmethod
    def key(cls, import_id: str) -> tuple[str, str]:
        return f"IMPORT#{import_id}", "META"

    @classmethod
    def of(cls, summary: ImportSummary) -> ImportItem:
        return cls(*cls.key(summary.import_id), kind=summary.kind, mode=summary.mode, created=summary.created,
                   changed=summary.changed, unchanged=summary.unchanged, left=summary.left,
                   imported_at=summary.imported_at)

    def domain(self) -> ImportSummary:
        return ImportSummary(self.pk.removeprefix("IMPORT#"), self.kind, self.mode, False,  # type: ignore[arg-type]
                             int(self.created), int(self.changed), int(self.unchanged), int(self.left),
                             imported_at=self.imported_at)

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

    @staticmethod
    def key(member_id: str) -> tuple[str, str]:
        return COMMITTEE, member_id

    @staticmethod
    def contact_record(member_id: str) -> str:
        """The encryption context of a civilian member's contact."""
        return f"{COMMITTEE}#{member_id}"

    @classmethod
    def civilian_member(cls, member: CommitteeMember, *, contact_enc: str | None, added_at: str,
                        added_by: str) -> CommitteeItem:
        return cls(pk=COMMITTEE, sk=member.member_id, civilian=True, gender=member.gender, name=member.name,
                   affiliation=member.affiliation, term_start=_iso(member.term_start),
                   term_end=_iso(member.term_end), added_at=added_at, added_by=added_by, contact=contact_enc)

    @classmethod
    def ex_officio(cls, staff: Staff, *, gender: str | None, at: str, source: str) -> tuple[CommitteeItem, list]:
        """The committee roster's entry of an ex-officio member, from their staff record, as an update: gender and
        when it was added are kept (only set when given / when the entry is new)."""
        item = cls(pk=COMMITTEE, sk=ex_officio_id(staff.employee_no))
        actions = [
            cls.civilian.set(False), cls.employee_no.set(staff.employee_no),
            cls.name.set(staff.name), cls.affiliation.set(staff.department),
            cls.added_at.set(cls.added_at | at),
            cls.added_by.set(cls.added_by | source),
        ]
        for attribute, value in ((cls.term_start, staff.committee_term_start),
                                 (cls.term_end, staff.committee_term_end)):
            actions.append(attribute.set(value.isoformat()) if value else attribute.remove())
        if gender:
            actions.append(cls.gender.set(gender))
        return item, actions

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

    @staticmethod
    def key(grant_id: str) -> tuple[str, str]:
        return f"ROLEGRANT#{grant_id}", "META"

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


class OfficeHolderItem(TableItem):
    Meta = Meta
    pk = UnicodeAttribute(hash_key=True, default=OFFICES)
    office = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    name = UnicodeAttribute()
    department = UnicodeAttribute()
    since = UnicodeAttribute(null=True)

    @staticmethod
    def key(office: str, employee_no: str) -> tuple[str, str]:
        return OFFICES, f"{office}#{employee_no}"

    @classmethod
    def holding(cls, staff: Staff, office: str, *, at: str) -> tuple[OfficeHolderItem, list]:
        """The entry of `staff` holding `office`, as an update: when they took it is kept."""
        item = cls(*cls.key(office, staff.employee_no))
        return item, [cls.office.set(office), cls.employee_no.set(staff.employee_no), cls.name.set(staff.name),
                      cls.department.set(staff.department), cls.since.set(cls.since | at)]

    def domain(self) -> OfficeHolder:
        return OfficeHolder(self.office, self.employee_no, self.name, self.department, self.since)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
