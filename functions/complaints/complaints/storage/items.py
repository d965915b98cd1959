"""The complaints table's items. Each item's constructor owns its keys and index keys.

One table (`COMPLAINTS_TABLE`), keys by prefix:

| item | pk | sk | indexes |
|---|---|---|---|
| case (never the reporter) | `CASE#<id>` | `META` | gsi1 `CASES` (`<created>#<id>`), gsi2 `DEPT#<dept>` (rerouted) |
| the reporter (KMS ciphertexts, context the case) | `CASE#<id>` | `REPORTER` | gsi1 `RETENTION#complaint` (closed), |
| | | | gsi2 `MINE#<keyed MAC of the resident id>` (`<created>#<id>`) |
| receipt (secret hash) | `RECEIPT#<receipt no>` | `RECEIPT` | |
| wrong secrets tried on a receipt number, known or not (TTL) | `RECEIPT#<receipt no>` | `LOCK` | |
| a message between reporter and office | `CASE#<id>` | `MSG#<at>#<id>` | |
| an internal note (never shown to the reporter) | `CASE#<id>` | `NOTE#<at>#<id>` | |
| the case's deadline alarm (while its clock runs) | `CASE#<id>` | `ALARM` | gsi1 `ALARMS#complaint` (`<at>#<id>`) |
| the case is open (from intake to its close; back on reopening) | `CASE#<id>` | `OPEN` | gsi1 `OPENCASES` \
  (`<created>#<id>`) |
| a reveal of a reporter's identity (who, when, why) | `REVEALS` | `<at>#<case id>#<id>` | |
| the monthly status check done for a month (a rerun publishes nothing) | `STATUSCHECK` | `<YYYY-MM>` | |
| the reveal log's chain head (the newest entry's digest) | `REVEALCHAIN` | `HEAD` | |
| staff member (projection of the directory's events: department, roles; no name) | `STAFF#<no>` | `META` | |
| outbox | `OUTBOX#<id>` | `EVENT` | gsi1 (owned by common.events) |
| per-source counters | `RATE#…` | rule | (common.ratelimit) |
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, JSONAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute

from common.deadlines import alarm_model
from common.dynamo import TableItem, index, table_meta
from common.events import outbox_model

Meta = table_meta("COMPLAINTS_TABLE", "jeokgeuk-demo-complaints")
Outbox = outbox_model(Meta)
Alarm = alarm_model(Meta)
CASE_KIND = "complaint"
CASES = "CASES"
OPENCASES = "OPENCASES"
CLOSED = "CLOSED"  # the one status that takes a case off the open cases' index
REVEALS = "REVEALS"


def case_pk(case_id: str) -> str:
    return f"CASE#{case_id}"


class CaseItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    case_id = UnicodeAttribute()
    receipt_no = UnicodeAttribute(null=True)  # none for an audit-initiated case
    channel = UnicodeAttribute()  # resident | anonymous | transferred | audit
    original_no = UnicodeAttribute(null=True)  # 국민신문고 / ACRC number of a transferred case
    anonymous = BooleanAttribute(default=False)
    whistleblower = BooleanAttribute(default=False)
    protected_until = UnicodeAttribute(null=True)  # a whistleblower's: retaliation presumed until this day
    status = UnicodeAttribute()
    what = UnicodeAttribute()
    happened_on = UnicodeAttribute(null=True)
    place = UnicodeAttribute(null=True)
    department = UnicodeAttribute(null=True)  # of the official concerned, if known
    official = UnicodeAttribute(null=True)  # employee number, if known
    official_department = UnicodeAttribute(null=True)  # the official's department in the directory at intake
    earlier_petition_no = UnicodeAttribute(null=True)
    harm = UnicodeAttribute(null=True)
    attachments = JSONAttribute(default=list)  # [{name, content_type, size}]
    petition_type = UnicodeAttribute(null=True)
    clock = UnicodeAttribute(null=True)  # common.statutory.CaseClock JSON (intake ack, then the answer period)
    intake_clock = UnicodeAttribute(null=True)  # the intake acknowledgement's clock, stopped at acknowledgement
    field_investigation = JSONAttribute(null=True)  # {started_at, until, extended}
    classification = JSONAttribute(null=True)  # {passive, type, reason, harm, not_passive_reason, by, at}
    rerouted_to = UnicodeAttribute(null=True)
    investigator = UnicodeAttribute(null=True)
    investigator_department = UnicodeAttribute(null=True)
    findings = UnicodeAttribute(null=True)
    measures = JSONAttribute(default=list)  # [{employee_no, department, measure, liability, bars_until}]
    result = JSONAttribute(null=True)  # the notice: {text, handler_department, handler_name, handler_contact, at}
    answer = JSONAttribute(null=True)  # the competent department's answer to a rerouted petition
    repeats = NumberAttribute(default=0)
    reporter_erased_at = UnicodeAttribute(null=True)  # the retention job erased the reporter's item
    notices = NumberAttribute(default=0)  # results and answers given (민원처리법 §23 counts them)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute(null=True)  # staff who opened an audit-initiated or transferred case
    received_at = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    closed_at = UnicodeAttribute(null=True)
    version = NumberAttribute(default=1)
    listed = index("gsi1")
    by_department = index("gsi2")

    @staticmethod
    def key(case_id: str) -> tuple[str, str]:
        return case_pk(case_id), "META"

    @staticmethod
    def department_partition(department: str) -> str:
        return f"DEPT#{department}"

    @classmethod
    def new(cls, case_id: str, *, created_at: str, **attributes: object) -> CaseItem:
        pk, sk = cls.key(case_id)
        return cls(pk, sk, case_id=case_id, created_at=created_at, gsi1pk=CASES, gsi1sk=f"{created_at}#{case_id}",
                   **attributes)


class OpenItem(TableItem):
    """A case not closed: the monthly status check finds every open case with one Query of this sparse index, its
    clock running, paused or absent (anonymous, audit-initiated)."""

    Meta = Meta
    case_id = UnicodeAttribute()
    open_cases = index("gsi1")

    @classmethod
    def of(cls, case_id: str, created_at: str) -> OpenItem:
        return cls(case_pk(case_id), "OPEN", case_id=case_id, gsi1pk=OPENCASES, gsi1sk=f"{created_at}#{case_id}")


class ReporterItem(TableItem):
    """The reporter: only ciphertexts (common.crypto, context `complaint#<case id>` and the field)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="REPORTER")
    name = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    resident = UnicodeAttribute(null=True)  # the resident's opaque sign-in id
    erase_at = UnicodeAttribute(null=True)  # once the case is closed: when the retention job erases this item
    retention = index("gsi1")
    mine = index("gsi2")  # a signed-in resident's reports, by the keyed MAC of their id (clients.links)

    @staticmethod
    def retention_partition() -> str:
        return "RETENTION#complaint"

    @staticmethod
    def link_partition(link: str) -> str:
        return f"MINE#{link}"

    @classmethod
    def of(cls, case_id: str, **ciphertexts: str | None) -> ReporterItem:
        return cls(case_pk(case_id), "REPORTER", **ciphertexts)


class ReceiptItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="RECEIPT")
    case_id = UnicodeAttribute()
    secret_hash = UnicodeAttribute(null=True)  # none: the county lets anonymous senders not follow the case

    @staticmethod
    def key(receipt_no: str) -> tuple[str, str]:
        return f"RECEIPT#{receipt_no}", "RECEIPT"

    @classmethod
    def of(cls, receipt_no: str, **attributes: object) -> ReceiptItem:
        return cls(*cls.key(receipt_no), **attributes)


class ReceiptLockItem(TableItem):
    """Wrong secrets tried on a receipt number, whether a case has it or not: an unknown number is counted and
    locked like a known one, so the lockout (429) never tells which numbers exist. Gone by TTL after its window."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="LOCK")
    failures = NumberAttribute(default=0)
    locked_until = UnicodeAttribute(null=True)
    expiration = TTLAttribute(null=True)

    @staticmethod
    def key(receipt_no: str) -> tuple[str, str]:
        return f"RECEIPT#{receipt_no}", "LOCK"


class MessageItem(TableItem):
    Meta = Meta
    message_id = UnicodeAttribute()
    sender = UnicodeAttribute()  # reporter | office | department
    text = UnicodeAttribute()
    at = UnicodeAttribute()
    by = UnicodeAttribute(null=True)  # staff employee number (never shown to the reporter)

    @staticmethod
    def prefix() -> str:
        return "MSG#"

    @classmethod
    def of(cls, case_id: str, message_id: str, *, at: str, **attributes: object) -> MessageItem:
        return cls(case_pk(case_id), f"MSG#{at}#{message_id}", message_id=message_id, at=at, **attributes)


class NoteItem(TableItem):
    Meta = Meta
    note_id = UnicodeAttribute()
    text = UnicodeAttribute()
    at = UnicodeAttribute()
    by = UnicodeAttribute()

    @staticmethod
    def prefix() -> str:
        return "NOTE#"

    @classmethod
    def of(cls, case_id: str, note_id: str, *, at: str, **attributes: object) -> NoteItem:
        return cls(case_pk(case_id), f"NOTE#{at}#{note_id}", note_id=note_id, at=at, **attributes)


class RevealItem(TableItem):
    """One reveal of a reporter's identity: who, when, why (the audit head reviews the log)."""

    Meta = Meta
    case_id = UnicodeAttribute()
    by = UnicodeAttribute()
    by_department = UnicodeAttribute(null=True)
    reason = UnicodeAttribute()
    at = UnicodeAttribute()
    whistleblower = BooleanAttribute(default=False)
    prev = UnicodeAttribute(null=True)  # the digest of the entry before (rules.reveal_chain)
    digest = UnicodeAttribute(null=True)

    @classmethod
    def of(cls, case_id: str, reveal_id: str, *, at: str, **attributes: object) -> RevealItem:
        return cls(REVEALS, f"{at}#{case_id}#{reveal_id}", case_id=case_id, at=at, **attributes)


class StaffItem(TableItem):
    """The complaints' copy of an employee from the directory's events: who is in which department with which
    roles (an official's colleagues never see a case about them; an investigator holds the investigation role)."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    employee_no = UnicodeAttribute()
    department = UnicodeAttribute()
    roles = JSONAttribute(default=list)
    active = BooleanAttribute(default=True)
    version = NumberAttribute(default=0)

    @staticmethod
    def key(employee_no: str) -> tuple[str, str]:
        return f"STAFF#{employee_no}", "META"


class StatusCheckItem(TableItem):
    """The monthly status check of one month, written with its event (conditional: once a month)."""

    Meta = Meta
    at = UnicodeAttribute()
    open_cases = NumberAttribute(default=0)
    listed = NumberAttribute(default=0)

    @classmethod
    def of(cls, month: str, **attributes: object) -> StatusCheckItem:
        return cls("STATUSCHECK", month, **attributes)


class RevealChainHead(TableItem):
    """The newest reveal entry's digest: each new entry names it and moves it, in one transaction."""

    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="HEAD")
    digest = UnicodeAttribute()
    entries = NumberAttribute(default=0)

    @staticmethod
    def key() -> tuple[str, str]:
        return "REVEALCHAIN", "HEAD"
