"""The committee's members: its projection of the directory's events, and the roster with its composition breaches.

Ex-officio members are employees holding `committee` (EmployeeJoined/Changed/Left): serving while active with the
role, the audit head by `audit_head`, the chair by `committee_chair`. Civilian members arrive as
CommitteeMemberAppointed (id, gender, term). No names are kept: the committee shows member ids, and the directory's
roster (`GET /directory/committee/members`) names them for whoever may read it."""

from __future__ import annotations

from datetime import date, timedelta

from committee.rules import composition
from committee.rules.offices import is_secretary, member_id, member_of, rules
from committee.rules.roster import Breach, Member
from committee.storage import members as stored
from committee.storage.items import MemberItem
from common.clock import today
from common.errors import Forbidden
from common.events import EventEnvelope
from common.identity import Caller, Role
from common.observability import logger
from contracts.directory import (
    CommitteeMemberAppointed,
    CommitteeMemberChanged,
    CommitteeMemberEnded,
    EmployeeLeft,
    employee_event,
)


def apply(envelope: EventEnvelope) -> None:
    """One directory event → the projection (older employee events than the stored copy are ignored)."""
    if envelope.source == "jeokgeuk.directory" and envelope.detail_type in CIVILIAN_EVENTS:
        _civilian(envelope)
        return
    event = employee_event(envelope)
    if event is None:
        return
    roles = set(event.roles)
    serving = event.active and not isinstance(event, EmployeeLeft) and Role.COMMITTEE.value in roles
    key = member_id(event.employee_no)
    if not serving and stored.get_member(key) is None:
        return  # not a member, never was
    item = MemberItem.of(key, civilian=False, serving=serving, employee_no=event.employee_no,
                         department=event.department, audit_head=Role.AUDIT_HEAD.value in roles,
                         chair=Role.COMMITTEE_CHAIR.value in roles, version=event.version)
    if not stored.save_member(item):
        logger.info("older directory event ignored", extra={"event_id": envelope.id})


CIVILIAN_EVENTS = {m.detail_type(): m for m in (CommitteeMemberAppointed, CommitteeMemberChanged, CommitteeMemberEnded)}


def _civilian(envelope: EventEnvelope) -> None:
    """A civilian's appointment, term change or end; the latest by when it happened wins (microseconds as version)."""
    event = CIVILIAN_EVENTS[envelope.detail_type].of(envelope)
    version = int(envelope.occurred_at.timestamp() * 1_000_000)
    if isinstance(event, CommitteeMemberEnded):
        before = stored.get_member(event.member_id)
        item = MemberItem.of(event.member_id, civilian=True, gender=before.gender if before else None,
                             term_start=before.term_start if before else None,
                             term_end=(event.ended_on - timedelta(days=1)).isoformat(), version=version)
    else:
        item = MemberItem.of(event.member_id, civilian=True, gender=event.gender,
                             term_start=event.term_start.isoformat(), term_end=event.term_end.isoformat(),
                             version=version)
    if not stored.save_member(item):
        logger.info("older directory event ignored", extra={"event_id": envelope.id})


def as_member(item: MemberItem) -> Member:
    """A projected member as the rules see them (not serving: a term that ended). The directory has no deputy-head
    office: a staff member holding `committee_chair` is taken as the deputy head (docs/decisions.md)."""
    ends = _date(item.term_end)
    if not item.serving:
        ends = date.min
    return Member(item.sk, civilian=bool(item.civilian), gender=item.gender,  # type: ignore[arg-type]
                  term_starts=_date(item.term_start), term_ends=ends, audit_head=bool(item.audit_head),
                  chair=bool(item.chair), deputy_head=bool(item.chair) and not item.civilian,
                  employee_no=item.employee_no, department=item.department)


def serving_members(day: date) -> dict[str, Member]:
    """Members whose term covers `day`, by id."""
    found = (as_member(item) for item in stored.members())
    return {m.member_id: m for m in found if m.in_term(day)}


def all_members() -> dict[str, Member]:
    return {item.sk: as_member(item) for item in stored.members()}


def roster(who: Caller) -> tuple[list[Member], list[Breach]]:
    """The serving members and every breach of the county's composition rules today (listed, not refused)."""
    if not (is_secretary(who) or _serving(who)):
        raise Forbidden("적극행정위원회 위원과 간사만 볼 수 있습니다.", code="NOT_ON_COMMITTEE")
    day = today()
    serving = list(serving_members(day).values())
    return serving, composition.breaches(serving, day, rules())


def get(member_id: str) -> Member | None:
    item = stored.get_member(member_id)
    return as_member(item) if item else None


def _serving(who: Caller) -> bool:
    """Whether the caller is a member serving today by the projection (not by a token's groups, which lag)."""
    mine = member_of(who)
    member = get(mine) if mine else None
    return member is not None and member.in_term(today())


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
