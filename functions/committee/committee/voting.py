"""Declarations, votes and resolutions on an item of a meeting.

A member declares on an item (no ground, declared 제척 grounds, or 회피) before voting; a recused member's vote is
refused, not ignored. One vote per member per item, enforced by the vote item's conditional put; the secretary may
record a member's vote from their signed paper (marked so). Tallies are recomputed from the stored votes every time,
by the rules in `rules/votes` over the item's quorum (the sitting less its recused members); a written meeting's
attendance is the votes that arrived in its window. Individual votes are shown to the secretary and the meeting's
chair only; the resolution leaves as CommitteeResolved, in the transaction that resolves the item."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from committee import agenda, meetings, members
from committee.models import DeclarationIn, VoteIn
from committee.rules import schedule
from committee.rules.experts import ensure_experts_heard
from committee.rules.offices import is_secretary, member_of, rules
from committee.rules.recusal import Challenge, Declaration, Ground, StepAside, recused_members, standing
from committee.rules.roster import Member
from committee.rules.sitting import Quorum, quorum
from committee.rules.votes import (
    Choice,
    MotionVote,
    Outcome,
    Resolution,
    SelectionResolution,
    SelectionVote,
    check_selection,
    tally_motion,
    tally_selection,
)
from committee.storage import agenda as agenda_store
from committee.storage import challenges as challenge_store
from committee.storage import votes as stored
from committee.storage.items import AgendaItem, DeclarationItem, MeetingItem, VoteItem
from common.clock import now, to_kst
from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from common.identity import Caller
from contracts.committee import CommitteeResolved


def _not_on_meeting(item_id: str) -> RuleViolation:
    return RuleViolation("회의에 배정되지 않은 안건입니다.", code="ITEM_NOT_ON_MEETING", details={"item_id": item_id})


def open_item(item_id: str, *, closing: bool = False) -> tuple[AgendaItem, MeetingItem]:
    """The item and its meeting, while it is open (`closing`: or its resolution was begun and not finished)."""
    item = agenda.get(item_id)
    if item.status not in (("OPEN", "CLOSING") if closing else ("OPEN",)):
        raise Conflict("이미 의결된 안건입니다.", code="ITEM_RESOLVED", details={"item_id": item_id})
    if not item.meeting_id:
        raise _not_on_meeting(item_id)
    return item, meetings.get(item.meeting_id)


def sitting_member(who: Caller, meeting: MeetingItem) -> str:
    mine = member_of(who)
    if mine is None or mine not in meetings.sitting_ids(meeting):
        raise Forbidden("이 회의에 지정된 위원만 할 수 있습니다.", code="NOT_IN_SITTING")
    return mine


def _actor(who: Caller, meeting: MeetingItem, member_id: str | None) -> tuple[str, bool]:
    """Who a declaration or vote is of: the calling member, or the member whose signed paper the secretary records."""
    if member_id is None:
        return sitting_member(who, meeting), False
    meetings.require_secretary(who)
    if member_id not in meetings.sitting_ids(meeting):
        raise InvalidInput("이 회의에 지정되지 않은 위원입니다.", code="NOT_IN_SITTING",
                           details={"member_id": member_id})
    return member_id, True


def declare(who: Caller, item_id: str, body: DeclarationIn) -> DeclarationItem:
    """The calling member's declaration on the item (once), or (the secretary) a member's from their signed paper."""
    item, meeting = open_item(item_id)
    mine, on_paper = _actor(who, meeting, body.member_id)
    Declaration(item_id, mine, tuple(Ground(g) for g in body.grounds))  # only declarable grounds
    declared = DeclarationItem.of(item.item_id, mine, grounds=list(body.grounds), stepped_aside=body.step_aside,
                                  reason=body.reason, at=now().isoformat(),
                                  recorded_by=(who.employee_no or who.subject) if on_paper else None)
    stored.add_declaration(declared)
    return declared


def vote(who: Caller, item_id: str, body: VoteIn) -> VoteItem:
    """The calling member's vote, or (the secretary) a member's vote from their signed paper."""
    item, meeting = open_item(item_id)
    voter, on_paper = _actor(who, meeting, body.member_id)
    at, member = ensure_may_cast(meeting, voter)
    declarations, step_asides = declared_on(item_id)
    standing(member, agenda.rule_item(item), rules(), declarations=declarations, challenges=challenges_of(item_id),
             step_asides=step_asides).ensure_may_vote()
    _check_shape(item, body)
    cast = VoteItem.of(item_id, voter, choice=body.choice or "selection", choices=body.choices,
                       cast_at=at.isoformat(), on_paper=on_paper,
                       recorded_by=(who.employee_no or who.subject) if on_paper else None)
    stored.add_vote(cast, item_id, meetings.sitting_of(meeting))
    return cast


def ensure_may_cast(meeting: MeetingItem, member_id: str) -> tuple[datetime, Member]:
    """When a vote (on an item or on a challenge) is cast now, and the member casting it: while the meeting is open,
    within a written meeting's window or else by a member present, and by a member in their term."""
    meetings.ensure_open(meeting)
    at = now()
    window = meetings.window(meeting)
    if window is not None:
        schedule.ensure_in_window(window, meetings.statutory_time(), at=at)
    elif member_id not in meeting.present:
        raise RuleViolation("출석한 위원만 표결할 수 있습니다.", code="NOT_PRESENT", details={"member_id": member_id})
    member = members.all_members()[member_id]
    if not member.in_term(to_kst(at).date()):
        raise RuleViolation("임기 중인 위원만 표결할 수 있습니다.", code="MEMBER_NOT_SERVING",
                            details={"member_id": member_id})
    return at, member


def _check_shape(item: AgendaItem, body: VoteIn) -> None:
    """A motion takes a choice; a selection item a choice per candidate among its options."""
    if item.candidates:
        if body.choices is None or body.choice is not None:
            raise InvalidInput("선발 안건은 후보마다 선택지를 골라야 합니다 (choices).", code="SELECTION_VOTE_REQUIRED")
        check_selection(SelectionVote(item.item_id, "-", body.choices), item.candidates, item.options)
    elif body.choice is None or body.choices is not None:
        raise InvalidInput("찬성·반대·기권 중 하나를 골라야 합니다 (choice).", code="MOTION_VOTE_REQUIRED")


def tally(item: AgendaItem, meeting: MeetingItem) -> tuple[Resolution | SelectionResolution, Quorum, list[VoteItem]]:
    """The item's resolution as its stored votes make it now (a selection item: per candidate)."""
    stored_votes = agenda_store.votes(item.item_id)
    votes: list[Any] = [
        SelectionVote(item.item_id, v.member_id, v.choices or {}, cast_at=parse_time(v.cast_at),
                      on_paper=bool(v.on_paper)) if item.candidates else
        MotionVote(item.item_id, v.member_id, Choice(v.choice), cast_at=parse_time(v.cast_at),
                   on_paper=bool(v.on_paper)) for v in stored_votes]
    sit = meetings.rule_sitting(meeting)
    out = recused(item, meeting)
    window = meetings.window(meeting)
    present = (schedule.written_attendance(votes, window, meetings.statutory_time()) if window is not None
               else meeting.present)
    counted = quorum(sit, present, out, rules().quorum)
    if item.candidates:
        return (tally_selection(item.item_id, votes, item.candidates, item.options, counted, rules()), counted,
                stored_votes)
    return tally_motion(item.item_id, votes, counted, rules()), counted, stored_votes


def recused(item: AgendaItem, meeting: MeetingItem) -> frozenset[str]:
    """The members of the meeting out of this item (제척, upheld 기피, 회피)."""
    declarations, step_asides = declared_on(item.item_id)
    return recused_members(meetings.rule_sitting(meeting).members, agenda.rule_item(item), rules(),
                           declarations=declarations, challenges=challenges_of(item.item_id), step_asides=step_asides)


def read_tally(who: Caller, item_id: str) -> tuple[Resolution | SelectionResolution, Quorum, list[VoteItem] | None]:
    """The tally for the secretary and the meeting's members; the individual votes for the secretary and chair."""
    item = agenda.get(item_id)
    if not item.meeting_id:
        raise _not_on_meeting(item_id)
    meeting = meetings.get(item.meeting_id)
    secretary = is_secretary(who)
    if not (secretary or member_of(who) in meetings.sitting_ids(meeting)):
        raise Forbidden("이 회의에 지정된 위원과 간사만 볼 수 있습니다.", code="NOT_IN_SITTING")
    resolution, counted, votes = tally(item, meeting)
    return resolution, counted, votes if secretary or meetings.chairs(who, meeting) else None


def resolve(who: Caller, item_id: str) -> AgendaItem:
    """The secretary (or the meeting's chair) closes the item on its tally: passed or rejected, never without a
    quorum; where the personnel committee acts, experts must have been heard on it."""
    item, meeting = open_item(item_id, closing=True)
    if not (is_secretary(who) or meetings.chairs(who, meeting)):
        raise Forbidden("간사나 회의의 위원장만 의결을 확정할 수 있습니다.", code="NOT_SECRETARY_OR_CHAIR")
    meetings.ensure_open(meeting)
    ensure_experts_heard(item_id, agenda.hearings(item), rules())
    stored.close_voting(item_id)  # from here no vote lands, so the tally below is every vote there is
    try:
        _resolve(item, meeting)
    except Exception:
        stored.reopen_voting(item_id)
        raise
    return agenda.get(item_id)


def _resolve(item: AgendaItem, meeting: MeetingItem) -> None:
    item_id = item.item_id
    resolution, counted, _ = tally(item, meeting)
    if resolution.outcome is Outcome.NO_QUORUM:
        raise RuleViolation(f"의결정족수에 미달합니다 (출석 {len(counted.present)}명, 필요 {counted.needed}명).",
                            code="NO_QUORUM", details={"present": len(counted.present), "needed": counted.needed})
    at = now()
    counts = getattr(resolution, "counts", {})
    selections = {c: r.option for c, r in getattr(resolution, "candidates", {}).items()}
    event = CommitteeResolved(item_id=item_id, origin_area=item.origin_area, origin_case_id=item.origin_case_id,
                              kind=item.kind, meeting_id=meeting.meeting_id, outcome=resolution.outcome.value,
                              counts=counts, selections=selections, present=resolution.present,
                              resolved_on=to_kst(at).date(), audit_head_opinion=item.audit_opinion)
    stored.resolve(item_id, outcome=resolution.outcome.value, counts=counts or selections, at=at.isoformat(),
                   event=event, sitting=meetings.sitting_of(meeting))


def challenges_of(item_id: str) -> list[Challenge]:
    return [Challenge(c.challenge_id, item_id, c.member_id, c.reasons, c.upheld)
            for c in challenge_store.challenges(item_id)]


def declared_on(item_id: str) -> tuple[list[Declaration], list[StepAside]]:
    found = agenda_store.declarations(item_id)
    declarations = [Declaration(item_id, d.member_id, tuple(Ground(g) for g in d.grounds)) for d in found]
    step_asides = [StepAside(item_id, d.member_id, d.reason) for d in found if d.stepped_aside]
    return declarations, step_asides


def parse_time(text: str | None) -> datetime | None:
    return to_kst(datetime.fromisoformat(text)) if text else None
