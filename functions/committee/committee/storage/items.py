"""The committee table's items. Each item's constructor owns its keys and index keys.

One table (`COMMITTEE_TABLE`), keys by prefix:

| item | pk | sk | indexes |
|---|---|---|---|
| member (projection of the directory's events) | `MEMBERS` | `<member id>` (`EMP-<no>`, `CIV-…`) | |
| agenda item | `ITEM#<id>` | `META` | gsi1 `ITEMS` (`<created at>#<id>`), gsi2 `MEETINGITEMS#<meeting>` |
| the audit head's opinion alarm (while it runs) | `ITEM#<id>` | `ALARM` | gsi1 `ALARMS#audit_opinion` (`<at>#<id>`) |
| an item's employee party (with the item) | `ITEM#<id>` | `PARTY#<no>` | gsi1 `PARTY#<no>` (`<created at>#<id>`) |
| a member's declaration on an item (제척 사유 유무, 회피) | `ITEM#<id>` | `DECL#<member id>` | |
| a member's vote on an item (one: a conditional put) | `ITEM#<id>` | `VOTE#<member id>` | |
| a party's challenge (기피) of a member on an item | `ITEM#<id>` | `CHALLENGE#<challenge id>` | |
| a vote on a challenge (the challenged member never) | `ITEM#<id>` | `CVOTE#<challenge id>#<member id>` | |
| meeting (`state`: none until opened, `OPEN`, `CLOSED`) | `MEETING#<id>` | `META` | gsi1 `MEETINGS` (`<day>#<id>`) |
| outbox | `OUTBOX#<id>` | `EVENT` | gsi1 (owned by common.events) |
| idempotency records | `IDEMPOTENCY#…` | hash | (Powertools) |

The member list is one partition of at most a few dozen items (the committee has 9–45 members); nothing scans.
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, JSONAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from common.deadlines import alarm_model
from common.dynamo import TableItem, index, table_meta
from common.events import outbox_model

Meta = table_meta("COMMITTEE_TABLE", "jeokgeuk-demo-committee")
Outbox = outbox_model(Meta)
Alarm = alarm_model(Meta)  # the audit head's opinion: `ITEM#<id>` / `ALARM`, gsi1 `ALARMS#audit_opinion`
AUDIT_OPINION = "audit_opinion"

MEMBERS = "MEMBERS"
ITEMS = "ITEMS"
MEETINGS = "MEETINGS"
DECLARATION = "DECL#"
VOTE = "VOTE#"
CHALLENGE = "CHALLENGE#"
CHALLENGE_VOTE = "CVOTE#"
PARTY = "PARTY#"
OPEN, CLOSING, RESOLVED = "OPEN", "CLOSING", "RESOLVED"  # an item's status
MEETING_OPEN, MEETING_CLOSED = "OPEN", "CLOSED"  # a meeting's state once the chair opened it (none before)


class MemberItem(TableItem):
    """The committee's copy of a member: codes and dates, never a name or contact."""

    Meta = Meta
    pk = UnicodeAttribute(hash_key=True, default=MEMBERS)
    civilian = BooleanAttribute()
    serving = BooleanAttribute(default=True)  # ex officio: active and holding `committee`
    gender = UnicodeAttribute(null=True)
    term_start = UnicodeAttribute(null=True)
    term_end = UnicodeAttribute(null=True)
    employee_no = UnicodeAttribute(null=True)
    department = UnicodeAttribute(null=True)
    audit_head = BooleanAttribute(default=False)
    chair = BooleanAttribute(default=False)
    version = NumberAttribute(default=0)  # ex officio: the directory's employee record version

    @staticmethod
    def key(member_id: str) -> tuple[str, str]:
        return MEMBERS, member_id

    @classmethod
    def of(cls, member_id: str, **attributes: object) -> MemberItem:
        return cls(MEMBERS, member_id, **attributes)


class AgendaItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    item_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    origin_area = UnicodeAttribute(null=True)
    origin_case_id = UnicodeAttribute(null=True)
    title = UnicodeAttribute()
    summary = UnicodeAttribute(default="")
    documents = ListAttribute(of=UnicodeAttribute, default=list)
    parties = JSONAttribute(default=list)  # [{employee_no, department, name}]
    candidates = ListAttribute(of=UnicodeAttribute, default=list)  # a selection decided per candidate
    options = ListAttribute(of=UnicodeAttribute, default=list)  # … among these options (tiers, not selected)
    audit_clock = UnicodeAttribute(null=True)  # the audit head's opinion period (CaseClock JSON), once asked
    audit_opinion = UnicodeAttribute(null=True)  # the audit head's opinion, once given
    hearings = ListAttribute(of=UnicodeAttribute, default=list)  # experts heard: JSON {experts, summary, at, by}
    clock = UnicodeAttribute(null=True)  # common.statutory.CaseClock JSON: an opinion request's 30 days
    status = UnicodeAttribute()  # OPEN | CLOSING (its resolution being tallied) | RESOLVED
    meeting_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    outcome = UnicodeAttribute(null=True)
    counts = JSONAttribute(null=True)
    resolved_at = UnicodeAttribute(null=True)
    listed = index("gsi1")
    on_meeting = index("gsi2")

    @staticmethod
    def key(item_id: str) -> tuple[str, str]:
        return f"ITEM#{item_id}", "META"

    @staticmethod
    def meeting_key(meeting_id: str) -> str:
        return f"MEETINGITEMS#{meeting_id}"

    @classmethod
    def new(cls, item_id: str, *, created_at: str, **attributes: object) -> AgendaItem:
        pk, sk = cls.key(item_id)
        return cls(pk, sk, item_id=item_id, created_at=created_at, status="OPEN", gsi1pk=ITEMS,
                   gsi1sk=f"{created_at}#{item_id}", **attributes)


class PartyItem(TableItem):
    """An employee named among an item's parties: the index entry their own items are listed by (no copy of the
    item: its status and resolution are read from the item itself)."""

    Meta = Meta
    item_id = UnicodeAttribute()
    listed = index("gsi1")

    @staticmethod
    def partition(employee_no: str) -> str:
        return PARTY + employee_no

    @classmethod
    def of(cls, item: AgendaItem, employee_no: str) -> PartyItem:
        return cls(item.pk, PARTY + employee_no, item_id=item.item_id, gsi1pk=cls.partition(employee_no),
                   gsi1sk=f"{item.created_at}#{item.item_id}")


class DeclarationItem(TableItem):
    Meta = Meta
    member_id = UnicodeAttribute()
    grounds = ListAttribute(of=UnicodeAttribute, default=list)
    stepped_aside = BooleanAttribute(default=False)
    reason = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
    recorded_by = UnicodeAttribute(null=True)  # the secretary, from the member's signed paper

    @classmethod
    def of(cls, item_id: str, member_id: str, **attributes: object) -> DeclarationItem:
        return cls(AgendaItem.key(item_id)[0], DECLARATION + member_id, member_id=member_id, **attributes)


class VoteItem(TableItem):
    """One member's vote on one item: keyed by both, put only if absent, so a second (or a concurrent duplicate) is
    refused by DynamoDB."""

    Meta = Meta
    member_id = UnicodeAttribute()
    choice = UnicodeAttribute()  # for | against | abstain; `selection` on a per-candidate item
    choices = JSONAttribute(null=True)  # candidate → option
    cast_at = UnicodeAttribute()
    on_paper = BooleanAttribute(default=False)
    recorded_by = UnicodeAttribute(null=True)  # the secretary, for a vote from the member's signed paper

    @classmethod
    def of(cls, item_id: str, member_id: str, **attributes: object) -> VoteItem:
        return cls(AgendaItem.key(item_id)[0], VOTE + member_id, member_id=member_id, **attributes)


class MeetingItem(TableItem):
    Meta = Meta
    sk = UnicodeAttribute(range_key=True, default="META")
    meeting_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # regular | ad_hoc | written
    title = UnicodeAttribute()
    held_on = UnicodeAttribute(null=True)
    window = UnicodeAttribute(null=True)  # written: CaseClock JSON of the reply window
    chair_id = UnicodeAttribute()
    designated = ListAttribute(of=UnicodeAttribute, default=list)
    present = ListAttribute(of=UnicodeAttribute, default=list)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    state = UnicodeAttribute(null=True)  # none (not yet opened) | OPEN | CLOSED: the chair opens and closes it
    opened_at = UnicodeAttribute(null=True)
    closed_at = UnicodeAttribute(null=True)
    presiding_id = UnicodeAttribute(null=True)  # 직무대행: the member presiding in the chair's stead (none: the chair)
    presiding_reason = UnicodeAttribute(null=True)
    presiding_by = UnicodeAttribute(null=True)
    listed = index("gsi1")

    @staticmethod
    def key(meeting_id: str) -> tuple[str, str]:
        return f"MEETING#{meeting_id}", "META"

    @classmethod
    def new(cls, meeting_id: str, *, day: str, **attributes: object) -> MeetingItem:
        pk, sk = cls.key(meeting_id)
        return cls(pk, sk, meeting_id=meeting_id, gsi1pk=MEETINGS, gsi1sk=f"{day}#{meeting_id}", **attributes)


class ChallengeItem(TableItem):
    """기피: a party's challenge of a member on an item, undecided (`upheld` null) until the committee decides."""

    Meta = Meta
    challenge_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    reasons = UnicodeAttribute()
    by = UnicodeAttribute()
    at = UnicodeAttribute()
    upheld = BooleanAttribute(null=True)
    counts = JSONAttribute(null=True)

    @classmethod
    def of(cls, item_id: str, challenge_id: str, **attributes: object) -> ChallengeItem:
        return cls(AgendaItem.key(item_id)[0], CHALLENGE + challenge_id, challenge_id=challenge_id, **attributes)


class ChallengeVoteItem(TableItem):
    Meta = Meta
    challenge_id = UnicodeAttribute()
    member_id = UnicodeAttribute()
    choice = UnicodeAttribute()
    cast_at = UnicodeAttribute()

    @classmethod
    def of(cls, item_id: str, challenge_id: str, member_id: str, **attributes: object) -> ChallengeVoteItem:
        return cls(AgendaItem.key(item_id)[0], f"{CHALLENGE_VOTE}{challenge_id}#{member_id}",
                   challenge_id=challenge_id, member_id=member_id, **attributes)
