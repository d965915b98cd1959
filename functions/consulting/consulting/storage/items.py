"""The consulting table's items. Each item's constructor owns its keys and index keys.

One table (`CONSULTING_TABLE`), keys by prefix:

| item | pk | sk | indexes |
|---|---|---|---|
| case of `<kind>` (pre_consulting PC-…, opinion_request OR-…, ratification RT-…) | `CASE#<id>` | `META` | gsi1 \
  `DEPTCASES#<kind>#<dept>`, gsi2 `CASES#<kind>` (both `<filed at>#<id>`) |
| a case's deadline alarm (while its clock runs) | `CASE#<id>` | `ALARM` | gsi1 `ALARMS#<kind>` (`<at>#<id>`) |
| exemption (EX-…), litigation support (LS-…) | `CASE#<id>` | `META` | gsi1 `OWNCASES#<kind>#<applicant>`, gsi2 \
  `CASES#<kind>` |
| the protection officer's log entry on a case | `CASE#<id>` | `COUNSEL#<at>#<n>` | |
| an exemption decision in its BAI quarter | `CASE#<id>` | `DECISION` | gsi1 `BAIQ#<2026Q4>` (`<decided on>#<id>`) |
| a quarter's BAI report (its clock, submitted or not) | `REPORT#<2026Q4>` | `META` (its alarm: `ALARM`, gsi1 \
  `ALARMS#bai_report`) | |
| registered opinion | `OPINION#<id>` | `META` | gsi1 `MATTER#<matter code>` (`<issued on>#<dept>#<id>`), \
  gsi2 `OPINIONS` |
| staff projection (from the directory's events: department, no name) | `STAFF#<no>` | `META` | |
| outbox | `OUTBOX#<id>` | `EVENT` | gsi1 (owned by common.events) |
| idempotency records | `IDEMPOTENCY#…` | hash | (Powertools) |

A case's `version` moves with every change (each write is conditional on the version read), its `clock` is the
`common.statutory.CaseClock` JSON, its `history` the moves made (JSON: action, at, by, note)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, JSONAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from common.deadlines import alarm_model
from common.dynamo import TableItem, index, table_meta
from common.events import outbox_model

Meta = table_meta("CONSULTING_TABLE", "jeokgeuk-demo-consulting")
Outbox = outbox_model(Meta)
Alarm = alarm_model(Meta)  # `CASE#<id>` / `ALARM`, gsi1 `ALARMS#<case kind>`

PREFIXES = {"pre_consulting": "PC-", "opinion_request": "OR-", "ratification": "RT-", "exemption": "EX-",
            "litigation": "LS-", "indemnity": "IN-"}
# kinds listed by their applicant or subject (an official's own file), not by department
PERSONAL = {"exemption", "litigation", "indemnity"}


class CaseItem(TableItem):
    """A consulting case of one kind (`kind`): the fields a kind does not use stay empty."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    case_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # pre_consulting | opinion_request | ratification
    status = UnicodeAttribute()
    version = NumberAttribute(default=1)
    department = UnicodeAttribute()
    requester = UnicodeAttribute()  # employee number of the official who filed it
    title = UnicodeAttribute()
    matter_code = UnicodeAttribute()
    rules_in_question = UnicodeAttribute(default="")
    own_review = UnicodeAttribute(default="")
    documents = ListAttribute(of=UnicodeAttribute, default=list)
    private_interest = BooleanAttribute(default=False)
    private_interest_note = UnicodeAttribute(null=True)
    information_complete = BooleanAttribute(default=False)
    filed_at = UnicodeAttribute()
    clock = UnicodeAttribute(null=True)  # CaseClock JSON: the answer period
    supplement_clock = UnicodeAttribute(null=True)  # CaseClock JSON: the department's 보완 period, while asked
    history = ListAttribute(of=UnicodeAttribute, default=list)  # JSON {action, at, by, note, …}
    refusal_reason = UnicodeAttribute(null=True)
    refusal_message = UnicodeAttribute(null=True)
    importance = UnicodeAttribute(null=True)  # an opinion request's screening: importance and urgency as judged
    urgency = UnicodeAttribute(null=True)
    pre_consulting_id = UnicodeAttribute(null=True)  # an opinion request citing an earlier pre-consulting
    escalation_grounds = ListAttribute(of=UnicodeAttribute, null=True)
    province_answer = UnicodeAttribute(null=True)
    advice_outcome = UnicodeAttribute(null=True)  # the committee's resolution on the advice asked
    requirements = UnicodeAttribute(null=True)  # a ratification's three requirements (JSON)
    outcome = UnicodeAttribute(null=True)  # a ratification: RATIFIED | NOT_RATIFIED
    opinion_id = UnicodeAttribute(null=True)
    action_report = UnicodeAttribute(null=True)
    details = JSONAttribute(null=True)  # an exemption's audit, criteria, declarations and cited opinions
    decision = UnicodeAttribute(null=True)  # an exemption's decision: EXEMPT | NOT_EXEMPT (also its status)
    decided_on = UnicodeAttribute(null=True)
    recommendation = UnicodeAttribute(null=True)  # 면책 건의: REQUESTED | RECOMMENDED | NOT_RECOMMENDED
    approved_won = NumberAttribute(null=True)  # litigation support: the amount approved, and paid so far (each
    paid_won = NumberAttribute(null=True)  # payment conditional on the case's version: never paid twice)
    acquitted = BooleanAttribute(null=True)  # a criminal trial's final acquittal, recorded
    committee = JSONAttribute(null=True)  # the committee's answer on its item (outcome, audit head's opinion)
    of_department = index("gsi1")
    listed = index("gsi2")

    @staticmethod
    def key(case_id: str) -> tuple[str, str]:
        return f"CASE#{case_id}", "META"

    @staticmethod
    def department_key(kind: str, department: str) -> str:
        return f"DEPTCASES#{kind}#{department}"

    @staticmethod
    def all_key(kind: str) -> str:
        return f"CASES#{kind}"

    @staticmethod
    def owner_key(kind: str, employee_no: str) -> str:
        return f"OWNCASES#{kind}#{employee_no}"

    @classmethod
    def new(cls, case_id: str, *, kind: str, department: str, filed_at: str, requester: str,
            **attributes: object) -> CaseItem:
        pk, sk = cls.key(case_id)
        order = f"{filed_at}#{case_id}"
        listed_by = cls.owner_key(kind, requester) if kind in PERSONAL else cls.department_key(kind, department)
        return cls(pk, sk, case_id=case_id, kind=kind, department=department, filed_at=filed_at, requester=requester,
                   gsi1pk=listed_by, gsi1sk=order, gsi2pk=cls.all_key(kind), gsi2sk=order, **attributes)


class CounselItem(TableItem):
    """One entry of the protection officer's counselling log on a case (상담, 서류 검토, 심의 출석, 서면 의견): beside
    the case, never in its view; read by the protection officer and the applicant only."""

    Meta = Meta
    kind = UnicodeAttribute()  # counselling | file_review | hearing_attendance | written_statement
    held_on = UnicodeAttribute()
    note = UnicodeAttribute()
    by = UnicodeAttribute()
    at = UnicodeAttribute()

    @staticmethod
    def prefix() -> str:
        return "COUNSEL#"

    @classmethod
    def of(cls, case_id: str, *, at: str, entry_id: str, **attributes: object) -> CounselItem:
        return cls(CaseItem.key(case_id)[0], f"COUNSEL#{at}#{entry_id}", at=at, **attributes)


class DecisionItem(TableItem):
    """An exemption decision's entry in its quarter's report to the Board of Audit and Inspection (one per case)."""

    Meta = Meta
    case_id = UnicodeAttribute()
    decision = UnicodeAttribute()
    decided_on = UnicodeAttribute()
    deciding_body = UnicodeAttribute()
    board_resolution = UnicodeAttribute(null=True)
    applicant = UnicodeAttribute()
    department = UnicodeAttribute()
    matter_code = UnicodeAttribute()
    audit_ref = UnicodeAttribute()
    in_quarter = index("gsi1")

    @staticmethod
    def quarter_key(quarter: str) -> str:
        return f"BAIQ#{quarter}"

    @classmethod
    def of(cls, case_id: str, *, quarter: str, decided_on: str, **attributes: object) -> DecisionItem:
        return cls(CaseItem.key(case_id)[0], "DECISION", case_id=case_id, decided_on=decided_on,
                   gsi1pk=cls.quarter_key(quarter), gsi1sk=f"{decided_on}#{case_id}", **attributes)


class ReportItem(TableItem):
    """A quarter's report of exemption decisions to the Board of Audit and Inspection: its clock (the county's period
    from the quarter's end), armed with the quarter's first decision, stopped when the report is submitted."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    quarter = UnicodeAttribute()
    clock = UnicodeAttribute()
    submitted_at = UnicodeAttribute(null=True)
    submitted_by = UnicodeAttribute(null=True)

    @staticmethod
    def key(quarter: str) -> tuple[str, str]:
        return f"REPORT#{quarter}", "META"

    @classmethod
    def of(cls, quarter: str, **attributes: object) -> ReportItem:
        return cls(*cls.key(quarter), quarter=quarter, **attributes)


class OpinionItem(TableItem):
    """A registered opinion: what an auditor finds by the matter's code (one index query)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    opinion_id = UnicodeAttribute()
    case_kind = UnicodeAttribute()
    case_id = UnicodeAttribute()
    matter_code = UnicodeAttribute()
    department = UnicodeAttribute()
    requester = UnicodeAttribute()
    issued_on = UnicodeAttribute()
    issued_by = UnicodeAttribute()  # audit_office | province | committee
    text = UnicodeAttribute()
    information_complete = BooleanAttribute()
    private_interest = BooleanAttribute()
    finding = UnicodeAttribute(null=True)  # the audit office's later finding (incomplete information, private interest)
    acted = UnicodeAttribute(null=True)  # the action the department reported having taken on it
    acted_by = UnicodeAttribute(null=True)
    by_matter = index("gsi1")

    @staticmethod
    def key(opinion_id: str) -> tuple[str, str]:
        return f"OPINION#{opinion_id}", "META"

    @staticmethod
    def matter_key(matter_code: str) -> str:
        return f"MATTER#{matter_code}"

    @classmethod
    def new(cls, opinion_id: str, *, matter_code: str, department: str, issued_on: str,
            **attributes: object) -> OpinionItem:
        pk, sk = cls.key(opinion_id)
        return cls(pk, sk, opinion_id=opinion_id, matter_code=matter_code, department=department, issued_on=issued_on,
                   gsi1pk=cls.matter_key(matter_code), gsi1sk=f"{issued_on}#{department}#{opinion_id}",
                   gsi2pk="OPINIONS", gsi2sk=f"{issued_on}#{opinion_id}", **attributes)


class StaffItem(TableItem):
    """Consulting's copy of an employee from the directory's events: the department the directory has for them
    (whoever acts for the county on a case is checked against the case's department with it, never with the
    token's claim)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    active = BooleanAttribute(default=True)
    version = NumberAttribute(default=0)

    @staticmethod
    def key(employee_no: str) -> tuple[str, str]:
        return f"STAFF#{employee_no}", "META"
