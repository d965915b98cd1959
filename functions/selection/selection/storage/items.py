"""The selection table's items. Each item's constructor owns its keys and index keys.

One table (`SELECTION_TABLE`), keys by prefix:

| item | pk | sk | indexes |
|---|---|---|---|
| cycle | `CYCLE#<id>` | `META` | gsi1 `CYCLES` (`<id>`) |
| HR's grant alarm (while incentives await HR) | `CYCLE#<id>` | `ALARM` | gsi1 `ALARMS#incentive_grant` |
| candidate (name, department, case; tier, plan) | `CYCLE#<id>` | `CAND#<no>` | gsi1 `AWARDEES#<cycle>` |
| a department's case (우수사례·우수부서; tier, prize) | `CYCLE#<id>` | `DEPT#<nomination id>` | |
| the department cases' committee item (requested, resolved) | `CYCLE#<id>` | `DEPTITEM` | |
| staff member (projection of the directory's events: no name) | `STAFF#<no>` | `META` | |
| a seconded awardee's notice to the home body (§20), its clock | `SECONDED#<cycle>#<no>` | `META` | |
| its alarm while the notice is not sent | `SECONDED#<cycle>#<no>` | `ALARM` | gsi1 `ALARMS#home_body_notice` |
| an exclusion of a staff member (from an event or by the unit) | `STAFF#<no>` | `EXCL#<source>#<kind>` | |
| nomination (a resident's id: hashed key) | `NOMINATION#<id>` | `META` | gsi1 `NOMINATIONS#<cycle>`, gsi2 |
| a voter's marker (participation only; expires) | `VOTER#<cycle>#<voter>` | `VOTER` | |
| a ballot (bloc and choices, no voter) | `BALLOTS#<cycle>#<shard>` | `<ballot id>` | |
| a counter shard's turnout (and `closed` once the vote closed) | `TALLY#<cycle>#<bloc>#<shard>` | `META` | |
| a candidate's votes on a counter shard | `TALLY#<cycle>#<bloc>#<shard>` | `CAND#<no>` | |
| outbox, idempotency records, rate-limit counters | (common.events, Powertools, common.ratelimit) | | |

Nothing scans: a cycle's nominations, candidates and awardees are index or key queries; the close reads the counter
shards (blocs × shards partitions of candidates), never the ballots; the audit recount reads the ballot partitions.
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)

from common.deadlines import alarm_model
from common.dynamo import TableItem, index, table_meta
from common.events import outbox_model

Meta = table_meta("SELECTION_TABLE", "jeokgeuk-demo-selection")
Outbox = outbox_model(Meta)
Alarm = alarm_model(Meta)  # HR's grant of a cycle's incentives: `CYCLE#<id>` / `ALARM`, gsi1 `ALARMS#incentive_grant`
INCENTIVE_GRANT = "incentive_grant"
HOME_BODY_NOTICE = "home_body_notice"  # a seconded awardee's notice: `SECONDED#<cycle>#<no>` / `ALARM`

CYCLES = "CYCLES"
CANDIDATE = "CAND#"
EXCLUSION = "EXCL#"
META = "META"


class CycleItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default=META)
    cycle_id = UnicodeAttribute()
    name = UnicodeAttribute()
    phase = UnicodeAttribute()
    planned = NumberAttribute()
    dates = JSONAttribute()  # rules.phases.Dates as ISO days
    history = ListAttribute(of=UnicodeAttribute, default=list)  # JSON {phase, at, by, reason} each
    criteria_item = UnicodeAttribute(null=True)  # the committee's origin case id of the criteria request
    criteria_resolved_on = UnicodeAttribute(null=True)
    criteria_outcome = UnicodeAttribute(null=True)  # passed | rejected
    tally = JSONAttribute(null=True)  # at the close: {blocs: {bloc: {turnout, votes}}, scores, ranked}
    shortlist = ListAttribute(of=UnicodeAttribute, null=True)
    resolved_on = UnicodeAttribute(null=True)
    requested_incentives_at = UnicodeAttribute(null=True)
    grant_clock = UnicodeAttribute(null=True)  # HR's period (CaseClock JSON), from the request to the last grant
    created_at = UnicodeAttribute()
    listed = index("gsi1")

    @staticmethod
    def key(cycle_id: str) -> tuple[str, str]:
        return f"CYCLE#{cycle_id}", META

    @classmethod
    def new(cls, cycle_id: str, **attributes: object) -> CycleItem:
        return cls(*cls.key(cycle_id), cycle_id=cycle_id, gsi1pk=CYCLES, gsi1sk=cycle_id, **attributes)


class CandidateItem(TableItem):
    """A nominee of a cycle that passed the review: what the ballot, the committee and the results show."""

    Meta = Meta
    cycle_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    name = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    employment_type = UnicodeAttribute(null=True)
    case_title = UnicodeAttribute()
    criterion = UnicodeAttribute()
    kind = UnicodeAttribute()
    tier = UnicodeAttribute(null=True)  # the committee's, once awarded
    plan = JSONAttribute(null=True)  # {incentives, preference, benefits, personnel_eligible}
    plan_status = UnicodeAttribute(null=True)  # PLANNED | REQUESTED | GRANTED | CONFIRMED
    plan_history = ListAttribute(of=UnicodeAttribute, default=list)  # JSON {status, at, by, reference} each
    flagship_task = UnicodeAttribute(null=True)  # main officer of this 중점과제: chooses their incentives (Nowon: 2)
    seconded_from = UnicodeAttribute(null=True)  # an awardee seconded from another body (§20), as the award found them
    awarded = index("gsi1")

    @staticmethod
    def key(cycle_id: str, employee_no: str) -> tuple[str, str]:
        return CycleItem.key(cycle_id)[0], CANDIDATE + employee_no

    @staticmethod
    def awardees_partition(cycle_id: str) -> str:
        return f"AWARDEES#{cycle_id}"

    @classmethod
    def of(cls, cycle_id: str, employee_no: str, **attributes: object) -> CandidateItem:
        return cls(*cls.key(cycle_id, employee_no), cycle_id=cycle_id, employee_no=employee_no, **attributes)


class StaffItem(TableItem):
    """The selection's copy of an employee from the directory's events: what eligibility needs, no name."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default=META)
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    employment_type = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    version = NumberAttribute(default=0)
    seconded_from = UnicodeAttribute(null=True)  # a seconded (파견) official's home body; None: the county's own

    @staticmethod
    def key(employee_no: str) -> tuple[str, str]:
        return f"STAFF#{employee_no}", META


class ExclusionItem(TableItem):
    Meta = Meta
    employee_no = UnicodeAttribute()
    kind = UnicodeAttribute()
    reason = UnicodeAttribute()
    until = UnicodeAttribute(null=True)  # ISO day; none: the cycle it was entered in only
    cycle_id = UnicodeAttribute(null=True)
    source = UnicodeAttribute()
    at = UnicodeAttribute()

    @classmethod
    def of(cls, employee_no: str, source: str, kind: str, **attributes: object) -> ExclusionItem:
        """One per source and kind (a passive case brings its own end and its warning's: two)."""
        return cls(StaffItem.key(employee_no)[0], f"{EXCLUSION}{source}#{kind}", employee_no=employee_no,
                   source=source, kind=kind, **attributes)


class NominationItem(TableItem):
    """A nomination: by a resident (their opaque id, kept for their own view and erased with their retention), a
    department head, or the unit for a contest winner."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default=META)
    nomination_id = UnicodeAttribute()
    cycle_id = UnicodeAttribute()
    channel = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    nominee_name = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    criterion = UnicodeAttribute()
    kind = UnicodeAttribute()
    case_title = UnicodeAttribute()
    achievement = UnicodeAttribute()
    evidence = ListAttribute(of=UnicodeAttribute, default=list)
    flagship_task = UnicodeAttribute(null=True)  # the 중점과제 the nominee is the main officer of (staff channels)
    set_aside = UnicodeAttribute(null=True)  # why the review does not count it (friendliness_only)
    nominator = UnicodeAttribute()  # `resident:<sub>`, `head:<no>`, `unit:<no>`
    created_at = UnicodeAttribute()
    expiration = TTLAttribute(null=True)  # a resident's: erased after residents.nomination.retention_days
    listed = index("gsi1")
    by_resident = index("gsi2")  # a resident's nominations (`RESIDENT#<sub>`), to unlink them on withdrawal

    @staticmethod
    def key(nomination_id: str) -> tuple[str, str]:
        return f"NOMINATION#{nomination_id}", META

    @staticmethod
    def partition(cycle_id: str) -> str:
        return f"NOMINATIONS#{cycle_id}"

    @staticmethod
    def resident_partition(subject: str) -> str:
        return f"RESIDENT#{subject}"

    @classmethod
    def new(cls, nomination_id: str, cycle_id: str, employee_no: str, *, resident: str | None = None,
            **attributes: object) -> NominationItem:
        by_resident = {"gsi2pk": cls.resident_partition(resident), "gsi2sk": nomination_id} if resident else {}
        return cls(*cls.key(nomination_id), nomination_id=nomination_id, cycle_id=cycle_id, employee_no=employee_no,
                   gsi1pk=cls.partition(cycle_id), gsi1sk=f"{employee_no}#{nomination_id}", **by_resident,
                   **attributes)


class VoterItem(TableItem):
    """That this voter cast their one ballot in this cycle (put only if absent): never what they chose."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="VOTER")
    cast_at = UnicodeAttribute()
    expiration = TTLAttribute(null=True)

    @staticmethod
    def key(cycle_id: str, voter: str) -> tuple[str, str]:
        return f"VOTER#{cycle_id}#{voter}", "VOTER"


class BallotItem(TableItem):
    """A ballot's content, apart from who cast it: what the audit recount reads."""

    Meta = Meta
    bloc = UnicodeAttribute()
    choices = ListAttribute(of=UnicodeAttribute)

    @staticmethod
    def partition(cycle_id: str, shard: int) -> str:
        return f"BALLOTS#{cycle_id}#{shard}"

    @classmethod
    def of(cls, cycle_id: str, shard: int, ballot_id: str, **attributes: object) -> BallotItem:
        return cls(cls.partition(cycle_id, shard), ballot_id, **attributes)


class ShardItem(TableItem):
    """One counter shard of a bloc: its turnout; `closed` once the vote closed (a ballot's update requires it open)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default=META)
    voters = NumberAttribute(default=0)
    closed = BooleanAttribute(null=True)

    @staticmethod
    def partition(cycle_id: str, bloc: str, shard: int) -> str:
        return f"TALLY#{cycle_id}#{bloc}#{shard}"

    @classmethod
    def of(cls, cycle_id: str, bloc: str, shard: int) -> ShardItem:
        return cls(cls.partition(cycle_id, bloc, shard), META)


class CountItem(TableItem):
    """A candidate's votes on one shard of a bloc (ADD 1 per ballot choosing them); also how the shard's partition
    is read at the close (its META row's `voters` and `closed` with it)."""

    Meta = Meta
    votes = NumberAttribute(default=0)
    voters = NumberAttribute(null=True)
    closed = BooleanAttribute(null=True)

    @classmethod
    def of(cls, cycle_id: str, bloc: str, shard: int, employee_no: str) -> CountItem:
        return cls(ShardItem.partition(cycle_id, bloc, shard), CANDIDATE + employee_no)


DEPARTMENT_CASE = "DEPT#"


class DepartmentCaseItem(TableItem):
    """A department's case for the excellent-case / excellent-department award (우수사례·우수부서): `CYCLE#<id>` /
    `DEPT#<nomination id>` (the id a hash of cycle, department and title: one per department per title per cycle)."""

    Meta = Meta
    cycle_id = UnicodeAttribute()
    nomination_id = UnicodeAttribute()
    channel = UnicodeAttribute()  # contest | department
    department = UnicodeAttribute()
    department_name = UnicodeAttribute()
    criterion = UnicodeAttribute()
    case_title = UnicodeAttribute()
    achievement = UnicodeAttribute()
    evidence = ListAttribute(of=UnicodeAttribute, default=list)
    staff = ListAttribute(of=UnicodeAttribute, default=list)  # employee numbers of who did the work
    contest = JSONAttribute(null=True)  # {name, rank, score}
    nominator = UnicodeAttribute()  # `unit:<no>`, `head:<no>`
    created_at = UnicodeAttribute()
    excluded = JSONAttribute(null=True)  # the unit's {reason, by, at}
    tier = UnicodeAttribute(null=True)  # the committee's, once awarded
    prize_won = NumberAttribute(null=True)
    prize_status = UnicodeAttribute(null=True)  # AWARDED | REQUESTED | PAID
    prize_history = ListAttribute(of=UnicodeAttribute, default=list)  # JSON {status, at, by, reference} each
    resolved_on = UnicodeAttribute(null=True)

    @staticmethod
    def key(cycle_id: str, nomination_id: str) -> tuple[str, str]:
        return CycleItem.key(cycle_id)[0], DEPARTMENT_CASE + nomination_id


class DepartmentItemMarker(TableItem):
    """That the cycle's department cases went to the committee (`CYCLE#<id>` / `DEPTITEM`): which, and whether its
    decision was recorded (a repeated resolution finds it RESOLVED)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="DEPTITEM")
    status = UnicodeAttribute()  # REQUESTED | RESOLVED
    candidates = ListAttribute(of=UnicodeAttribute, default=list)
    resolved_on = UnicodeAttribute(null=True)

    @staticmethod
    def key(cycle_id: str) -> tuple[str, str]:
        return CycleItem.key(cycle_id)[0], "DEPTITEM"


class NoticeItem(TableItem):
    """A seconded awardee's notification to their home body (운영규정 §20): the unit's clock from the committee's
    resolution (its alarm beside it until the notice is recorded), the notice (once) and the home body's answer
    (once)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default=META)
    cycle_id = UnicodeAttribute()
    employee_no = UnicodeAttribute()
    home_body = UnicodeAttribute()
    clock = UnicodeAttribute()  # CaseClock JSON (selection.home_body_notice_period), stopped by the notice
    notice = JSONAttribute(null=True)  # {document_no, sent_on, recommended, preference, recorded_at, by}
    answer = JSONAttribute(null=True)  # {granted, reference, answered_on, recorded_at, by}

    @staticmethod
    def key(cycle_id: str, employee_no: str) -> tuple[str, str]:
        return f"SECONDED#{cycle_id}#{employee_no}", META

    @classmethod
    def of(cls, cycle_id: str, employee_no: str, **attributes: object) -> NoticeItem:
        return cls(*cls.key(cycle_id, employee_no), cycle_id=cycle_id, employee_no=employee_no, **attributes)
