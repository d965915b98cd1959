"""기피: an item's party challenges a member of its meeting with reasons; the committee decides without that member
(`rules/challenges`: the challenged member neither counts toward the decision's quorum nor votes on it, nor do the
members recused on the item). Until decided, the challenged member may not vote on the item; upheld, they are recused
on it."""

from __future__ import annotations

from uuid import uuid4

from committee import meetings, voting
from committee.models import ChallengeIn, ChallengeVoteIn
from committee.rules import challenges as rules_of
from committee.rules import schedule
from committee.rules.offices import is_secretary, rules
from committee.rules.votes import Choice, MotionVote, Outcome
from committee.storage import challenges as stored
from committee.storage.items import ChallengeItem, ChallengeVoteItem
from common.clock import now
from common.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from common.identity import Caller


def challenge(who: Caller, item_id: str, body: ChallengeIn) -> ChallengeItem:
    """A party of the item challenges a member of its meeting."""
    item, meeting = voting.open_item(item_id)
    if not who.employee_no or not any(p.get("employee_no") == who.employee_no for p in item.parties or []):
        raise Forbidden("안건의 당사자만 기피를 신청할 수 있습니다.", code="NOT_A_PARTY")
    if body.member_id not in meetings.sitting_ids(meeting):
        raise InvalidInput("이 회의에 지정되지 않은 위원입니다.", code="NOT_IN_SITTING",
                           details={"member_id": body.member_id})
    made = ChallengeItem.of(item_id, uuid4().hex[:16], member_id=body.member_id, reasons=body.reasons,
                            by=who.employee_no, at=now().isoformat())
    stored.add_challenge(made)
    return made


def vote(who: Caller, item_id: str, challenge_id: str, body: ChallengeVoteIn) -> ChallengeVoteItem:
    """A member of the meeting votes on upholding the challenge: never the challenged member, nor one recused."""
    item, meeting = voting.open_item(item_id)
    found = _challenge(item_id, challenge_id)
    mine = voting.sitting_member(who, meeting)
    if found.upheld is not None:
        raise RuleViolation("이미 결정된 기피 신청입니다.", code="CHALLENGE_DECIDED",
                            details={"challenge_id": challenge_id})
    at, _ = voting.ensure_may_cast(meeting, mine)
    rules_of.standing_on(_rule(found), mine, voting.recused(item, meeting)).ensure_may_vote()
    cast = ChallengeVoteItem.of(item_id, challenge_id, mine, choice=body.choice, cast_at=at.isoformat())
    stored.add_challenge_vote(cast, meetings.sitting_of(meeting))
    return cast


def decide(who: Caller, item_id: str, challenge_id: str) -> ChallengeItem:
    """The secretary or the meeting's chair records the committee's decision from the challenge's votes."""
    item, meeting = voting.open_item(item_id)
    if not (is_secretary(who) or meetings.chairs(who, meeting)):
        raise Forbidden("간사나 회의의 위원장만 기피 결정을 기록할 수 있습니다.", code="NOT_SECRETARY_OR_CHAIR")
    found = _challenge(item_id, challenge_id)
    meetings.ensure_open(meeting)
    rule = _rule(found)
    votes = [MotionVote(rules_of.decision_item_id(rule), v.member_id, Choice(v.choice),
                        cast_at=voting.parse_time(v.cast_at)) for v in stored.challenge_votes(item_id, challenge_id)]
    window = meetings.window(meeting)
    present = (schedule.written_attendance(votes, window, meetings.statutory_time()) if window is not None
               else meeting.present)
    recused = voting.recused(item, meeting)
    quorum = rules_of.decision_quorum(rule, meetings.rule_sitting(meeting), present, recused, rules())
    decided, resolution = rules_of.decide(rule, votes, quorum, rules())
    if resolution.outcome is Outcome.NO_QUORUM:
        raise RuleViolation("기피 결정의 의결정족수에 미달합니다.", code="NO_QUORUM",
                            details={"present": len(quorum.present), "needed": quorum.needed})
    stored.decide(item_id, challenge_id, upheld=bool(decided.upheld), counts=resolution.counts,
                  sitting=meetings.sitting_of(meeting))
    return _challenge(item_id, challenge_id)


def _challenge(item_id: str, challenge_id: str) -> ChallengeItem:
    found = stored.get_challenge(item_id, challenge_id)
    if found is None:
        raise NotFound("기피 신청이 없습니다.", code="CHALLENGE_NOT_FOUND")
    return found


def _rule(found: ChallengeItem) -> rules_of.Challenge:
    item_id = found.pk.removeprefix("ITEM#")
    return rules_of.Challenge(found.challenge_id, item_id, found.member_id, found.reasons, found.upheld)
