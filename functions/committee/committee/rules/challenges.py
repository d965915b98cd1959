"""기피: the committee decides a party's challenge of a member without that member (P1 §11의2②).

The challenge is decided like a motion ("uphold the challenge"): the challenged member is out of that decision — not
counted toward its quorum, and their vote on it refused (`CHALLENGED_MEMBER_EXCLUDED`) — as are the members already
recused on the item. Upheld, the member is recused on the item (`Ground.CHALLENGE_UPHELD`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from committee.rules.recusal import Challenge, Standing
from committee.rules.sitting import Quorum, Sitting, quorum
from committee.rules.votes import MotionVote, Outcome, Resolution, cast, tally_motion
from common.county_committee import CommitteeSection
from common.errors import RuleViolation


def decision_item_id(challenge: Challenge) -> str:
    """The decision on a challenge is its own motion, apart from the item's."""
    return f"{challenge.item_id}#challenge#{challenge.challenge_id}"


def standing_on(challenge: Challenge, member_id: str, recused_on_item: Iterable[str] = ()) -> Standing:
    """Whether `member_id` may vote on the challenge: never the challenged member, nor one recused on the item."""
    item = decision_item_id(challenge)
    if member_id == challenge.member_id:
        return Standing(item, member_id, code="CHALLENGED_MEMBER_EXCLUDED",
                        message="기피 신청을 받은 위원은 그 기피 결정에 참여할 수 없습니다.")
    if member_id in set(recused_on_item):
        return Standing(item, member_id, code="MEMBER_RECUSED",
                        message="이 안건에서 제외된 위원은 기피 결정에 참여할 수 없습니다.")
    return Standing(item, member_id)


def cast_on(challenge: Challenge, votes: Sequence[MotionVote], vote: MotionVote,
            recused_on_item: Iterable[str] = ()) -> tuple[MotionVote, ...]:
    """The challenge's votes with `vote` added, refused from the challenged member."""
    if vote.item_id != decision_item_id(challenge):
        raise ValueError("the vote is not on this challenge")
    return cast(votes, vote, standing_on(challenge, vote.member_id, recused_on_item))


def decision_quorum(challenge: Challenge, sitting: Sitting, present: Iterable[str], recused_on_item: Iterable[str],
                    rules: CommitteeSection) -> Quorum:
    """The challenge decision's quorum: the sitting without the challenged member and the item's recused members."""
    return quorum(sitting, present, {challenge.member_id, *recused_on_item}, rules.quorum)


def decide(challenge: Challenge, votes: Iterable[MotionVote], decision: Quorum,
           rules: CommitteeSection) -> tuple[Challenge, Resolution]:
    """The challenge decided by its votes: upheld if the motion passes, dismissed if it fails; without a quorum it
    stays undecided (the member still may not vote on the item)."""
    if challenge.upheld is not None:
        raise RuleViolation("이미 결정된 기피 신청입니다.", code="CHALLENGE_DECIDED",
                            details={"challenge_id": challenge.challenge_id})
    if challenge.member_id in decision.eligible:
        raise ValueError("the quorum counts the challenged member: build it with decision_quorum")
    resolution = tally_motion(decision_item_id(challenge), votes, decision, rules)
    if resolution.outcome is Outcome.NO_QUORUM:
        return challenge, resolution
    return dataclasses.replace(challenge, upheld=resolution.outcome is Outcome.PASSED), resolution
