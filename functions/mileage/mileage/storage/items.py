"""The mileage table's items. Each item's constructor (`of`, `new`) owns its keys and index keys: no other module
writes a `pk`, an `sk` or a `gsi…` of its own.

One table (`MILEAGE_TABLE`), keys by prefix:

| item | pk | sk | indexes |
|---|---|---|---|
| staff projection | `STAFF#<no>` | `META` | gsi2 `DEPTSTAFF#<dept>` |
| department head | `DEPT#<dept>` | `HEAD` | |
| department deputy (직무대리) | `DEPUTY#<dept>` | `META` | |
| grant | `GRANT#<id>` | `META` | gsi1 `GRANTS#<status>`, gsi2 `DEPTGRANTS#<dept>` (by created_at) |
| act identity | `ACT#<no>#<hash>` | `META` | |
| cap counter | `CAP#PERSON#<no>` / `CAP#DEPT#<dept>` | `M2026-03` / `H2026-H1` / `Y2026` | |
| balance | `ACCT#<no>` | `BALANCE` | gsi1 `DEPTACCT#<dept>`, gsi2 `ACCOUNTS` (by employee_no; the year-end job) |
| ledger entry (append-only) | `ACCT#<no>` | `LEDGER#<balance version, 12 digits>#<n>` | |
| year-end expiry marker | `ACCT#<no>` | `EXPIRED#<year>` | |
| draft proposal | `PROPOSAL#<id>` | `META` | gsi1 `PROPOSALS#<status>`, gsi2 `DEPTPROPOSALS#<dept>` (`<status>#<at>`) |
| redemption | `REDEEM#<id>` | `META` | gsi1 `REDEMPTIONS#<kind>` (`<status>#<at>#<id>`), gsi2 `EMPREDEEM#<no>` |
| deadline alarm (leave, cash awaiting HR) | `REDEEM#<id>` | `ALARM` | gsi1 `ALARMS#redemption` (`<at>#<id>`) |
| redemption ceiling counter | `CAP#REDEEM#<no>` | `Y2026` | |
| outbox | `OUTBOX#<id>` | `EVENT` | gsi1 (owned by common.events) |
| idempotency records | `IDEMPOTENCY#…` | hash | (Powertools) |
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from common.deadlines import alarm_model
from common.dynamo import TableItem, index, table_meta
from common.events import outbox_model

Meta = table_meta("MILEAGE_TABLE", "jeokgeuk-demo-mileage")
Outbox = outbox_model(Meta)

ALL_ACCOUNTS = "ACCOUNTS"


class Staff(TableItem):
    """Mileage's own copy of what it needs from the directory (no names)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    active = BooleanAttribute(default=True)
    grade = NumberAttribute(null=True)
    employment_type = UnicodeAttribute(null=True)
    team_leader = BooleanAttribute(default=False)
    occurred_at = UnicodeAttribute()
    of_department = index("gsi2")

    @staticmethod
    def key(employee_no: str) -> str:
        return f"STAFF#{employee_no}"

    @staticmethod
    def department_key(department: str) -> str:
        return f"DEPTSTAFF#{department}"

    @classmethod
    def of(cls, employee_no: str, *, occurred_at: str, department: str | None = None, **values: Any) -> Staff:
        """The projection of one employee; listed under their department's index when they have one."""
        return cls(cls.key(employee_no), "META", employee_no=employee_no, department=department,
                   occurred_at=occurred_at, gsi2pk=cls.department_key(department) if department else None,
                   gsi2sk=employee_no if department else None, **values)


class DepartmentHead(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="HEAD")
    department = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    occurred_at = UnicodeAttribute()

    @staticmethod
    def key(department: str) -> str:
        return f"DEPT#{department}"

    @classmethod
    def of(cls, department: str, **values: Any) -> DepartmentHead:
        return cls(cls.key(department), "HEAD", department=department, **values)


class Deputy(TableItem):
    """The one deputy (직무대리) a department head designated for a date range (inclusive, ISO dates)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    department = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute()
    designated_by = UnicodeAttribute()
    designated_at = UnicodeAttribute()

    @staticmethod
    def key(department: str) -> str:
        return f"DEPUTY#{department}"

    @classmethod
    def of(cls, department: str, **values: Any) -> Deputy:
        return cls(cls.key(department), "META", department=department, **values)


class Grant(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    grant_id = UnicodeAttribute()
    group_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    grantor = UnicodeAttribute()
    granted_as = UnicodeAttribute(null=True)  # head | deputy (absent on grants made before deputies: head)
    item_code = UnicodeAttribute()
    points = NumberAttribute()
    group_points = NumberAttribute()
    share = NumberAttribute(default=1)
    act_title = UnicodeAttribute()
    act_description = UnicodeAttribute(default="")
    act_date = UnicodeAttribute()
    act_ref = UnicodeAttribute(null=True)
    partner_department = UnicodeAttribute(null=True)  # the other department of an inter-department act
    act_key = UnicodeAttribute()  # the first of act_keys (grants from before act_keys have only this one)
    act_keys = ListAttribute(of=UnicodeAttribute, null=True)  # date+title, and the reference when given
    evidence_links = ListAttribute(of=UnicodeAttribute, default=list)
    evidence_keys = ListAttribute(of=UnicodeAttribute, default=list)
    cap_periods = ListAttribute(of=UnicodeAttribute, default=list)
    status = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    supersedes = UnicodeAttribute(null=True)
    superseded_by = UnicodeAttribute(null=True)
    approval_by = UnicodeAttribute(null=True)  # panel: to the approving office's own staff (the county's routing)
    by_status = index("gsi1")
    by_department = index("gsi2")

    @staticmethod
    def key(grant_id: str) -> str:
        return f"GRANT#{grant_id}"

    @staticmethod
    def status_key(status: str) -> str:
        return f"GRANTS#{status}"

    @staticmethod
    def department_key(department: str) -> str:
        return f"DEPTGRANTS#{department}"

    @classmethod
    def new(cls, grant_id: str, *, department: str, status: str, created_at: str, **values: Any) -> Grant:
        """A grant listed by its status and by its department, both by creation time."""
        return cls(cls.key(grant_id), "META", grant_id=grant_id, department=department, status=status,
                   created_at=created_at, gsi1pk=cls.status_key(status), gsi1sk=f"{created_at}#{grant_id}",
                   gsi2pk=cls.department_key(department), gsi2sk=f"{created_at}#{grant_id}", **values)


class ActKey(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    grant_id = UnicodeAttribute()
    points = NumberAttribute()

    @staticmethod
    def key(employee_no: str, act_key: str) -> str:
        return f"ACT#{employee_no}#{act_key}"

    @classmethod
    def of(cls, employee_no: str, act_key: str, **values: Any) -> ActKey:
        return cls(cls.key(employee_no, act_key), "META", **values)


class CapCounter(TableItem):
    Meta = Meta
    used = NumberAttribute(default=0)

    @staticmethod
    def key(scope: str, subject: str) -> str:
        """A person's or a department's counters (sort key: the period, `M2026-03` / `H2026-H1` / `Y2026`)."""
        return f"CAP#{'PERSON' if scope == 'person' else 'DEPT'}#{subject}"


class Balance(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="BALANCE")
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    balance = NumberAttribute(default=0)
    held = NumberAttribute(default=0)
    version = NumberAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)
    by_department = index("gsi1")
    every = index("gsi2")

    @staticmethod
    def key(employee_no: str) -> str:
        return f"ACCT#{employee_no}"

    @staticmethod
    def department_key(department: str) -> str:
        return f"DEPTACCT#{department}"

    @classmethod
    def of(cls, employee_no: str) -> Balance:
        return cls(cls.key(employee_no), "BALANCE")


class ExpiryMarker(TableItem):
    """One per account and year: the year-end expiry ran for it (the condition that makes a rerun change nothing)."""

    Meta = Meta
    points = NumberAttribute()
    created_at = UnicodeAttribute()

    @classmethod
    def of(cls, employee_no: str, year: int, **values: Any) -> ExpiryMarker:
        return cls(Balance.key(employee_no), f"EXPIRED#{year}", **values)


class Proposal(TableItem):
    """A draft grant proposed by another area's event, waiting for the department head — or, for a deduction
    (`routed_to` office), for the office mapped to `mileage.deductions`: such a draft is kept out of the department's
    index (its head may be the liable supervisor) and listed in the office's own status partition."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    proposal_id = UnicodeAttribute()
    event_id = UnicodeAttribute()
    source = UnicodeAttribute()
    detail_type = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    item_code = UnicodeAttribute()
    points = NumberAttribute()
    act_title = UnicodeAttribute()
    act_date = UnicodeAttribute()
    act_ref = UnicodeAttribute()
    status = UnicodeAttribute()  # DRAFT | CONFIRMED | DISMISSED
    grant_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    routed_to = UnicodeAttribute(null=True)  # head (absent: head) | office
    by_status = index("gsi1")
    by_department = index("gsi2")

    @staticmethod
    def key(proposal_id: str) -> str:
        return f"PROPOSAL#{proposal_id}"

    @staticmethod
    def status_key(status: str, *, office: bool = False) -> str:
        return f"OFFICEPROPOSALS#{status}" if office else f"PROPOSALS#{status}"

    @property
    def for_office(self) -> bool:
        return self.routed_to == "office"

    @staticmethod
    def department_key(department: str) -> str:
        return f"DEPTPROPOSALS#{department}"

    @classmethod
    def new(cls, proposal_id: str, *, status: str, **values: Any) -> Proposal:
        proposal = cls(cls.key(proposal_id), "META", proposal_id=proposal_id, **values)
        proposal.index(status)
        return proposal

    def index(self, status: str) -> None:
        """Set the status and the index keys that follow it."""
        self.status = status
        self.gsi1pk = self.status_key(status, office=self.for_office)
        self.gsi1sk = f"{self.created_at}#{self.proposal_id}"
        if not self.for_office:
            self.gsi2pk = self.department_key(self.department)
            self.gsi2sk = f"{status}#{self.created_at}#{self.proposal_id}"

    def status_actions(self, status: str) -> list[Any]:
        self.index(status)
        actions = [Proposal.status.set(status), Proposal.gsi1pk.set(self.gsi1pk)]
        return actions if self.for_office else [*actions, Proposal.gsi2sk.set(self.gsi2sk)]


class LedgerEntry(TableItem):
    Meta = Meta
    entry_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    kind = UnicodeAttribute()  # CREDIT | REVERSAL | HOLD | SPEND | REFUND | EXPIRE
    delta = NumberAttribute()  # change of the available balance
    held_delta = NumberAttribute(default=0)  # change of the points on hold
    reference = UnicodeAttribute()  # GRANT#… / REDEEM#…
    balance_after = NumberAttribute()
    held_after = NumberAttribute(default=0)
    created_at = UnicodeAttribute()

    @classmethod
    def of(cls, employee_no: str, *, sequence: int, part: int = 0, **values: Any) -> LedgerEntry:
        return cls(Balance.key(employee_no), f"LEDGER#{sequence:012d}#{part}", employee_no=employee_no, **values)


class Redemption(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    redemption_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    reward_code = UnicodeAttribute()
    kind = UnicodeAttribute()
    points = NumberAttribute()
    won = NumberAttribute(null=True)
    days = NumberAttribute(null=True)
    status = UnicodeAttribute()  # REQUESTED | AWAITING_HR | FULFILLED | FAILED
    voucher_code = UnicodeAttribute(null=True)
    failure_reason = UnicodeAttribute(null=True)
    forwarded_at = UnicodeAttribute(null=True)  # last sent to an issuer that answers later
    forward_count = NumberAttribute(null=True)  # how many times it was sent (re-sent while unanswered)
    clock = UnicodeAttribute(null=True)  # leave and cash: HR's statutory clock (common.statutory.CaseClock, JSON)
    executed_by = UnicodeAttribute(null=True)  # HR: who confirmed or refused
    execution_reference = UnicodeAttribute(null=True)  # HR's reference (문서번호) of what was done
    executed_on = UnicodeAttribute(null=True)  # the leave's first day or the payment date (ISO date)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute(null=True)
    by_kind = index("gsi1")
    of_employee = index("gsi2")

    @staticmethod
    def key(redemption_id: str) -> str:
        return f"REDEEM#{redemption_id}"

    @staticmethod
    def kind_key(kind: str) -> str:
        return f"REDEMPTIONS#{kind}"

    @staticmethod
    def employee_key(employee_no: str) -> str:
        return f"EMPREDEEM#{employee_no}"

    @classmethod
    def new(cls, redemption_id: str, *, employee_no: str, kind: str, status: str, created_at: str,
            **values: Any) -> Redemption:
        """A redemption listed by kind (then status and time) and under its employee."""
        item = cls(cls.key(redemption_id), "META", redemption_id=redemption_id, employee_no=employee_no, kind=kind,
                   status=status, created_at=created_at, gsi1pk=cls.kind_key(kind),
                   gsi2pk=cls.employee_key(employee_no), gsi2sk=f"{created_at}#{redemption_id}", **values)
        item.gsi1sk = item.status_key(status)
        return item

    def status_key(self, status: str) -> str:
        """gsi1sk: what HR must execute, by kind (pk), status and request time."""
        return f"{status}#{self.created_at}#{self.redemption_id}"


Alarm = alarm_model(Meta)  # a case's next deadline alarm (common.deadlines): a redemption awaiting HR


class RedemptionCounter(TableItem):
    Meta = Meta
    points = NumberAttribute(default=0)
    won = NumberAttribute(default=0)

    @classmethod
    def of(cls, employee_no: str, year: int | str, **values: Any) -> RedemptionCounter:
        return cls(f"CAP#REDEEM#{employee_no}", f"Y{year}", **values)
