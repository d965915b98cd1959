"""Challenges (기피) on an item, the votes on each, and its decision."""

from __future__ import annotations

from committee.storage.items import CHALLENGE, CHALLENGE_VOTE, AgendaItem, ChallengeItem, ChallengeVoteItem
from common.dynamo import conditional, find
from common.errors import Conflict


def challenges(item_id: str) -> list[ChallengeItem]:
    return list(ChallengeItem.query(AgendaItem.key(item_id)[0], ChallengeItem.sk.startswith(CHALLENGE)))


def get_challenge(item_id: str, challenge_id: str) -> ChallengeItem | None:
    return find(ChallengeItem, AgendaItem.key(item_id)[0], CHALLENGE + challenge_id)


def add_challenge(item: ChallengeItem) -> None:
    item.save(condition=ChallengeItem.sk.does_not_exist())


def challenge_votes(item_id: str, challenge_id: str) -> list[ChallengeVoteItem]:
    return list(ChallengeVoteItem.query(AgendaItem.key(item_id)[0],
                                        ChallengeVoteItem.sk.startswith(f"{CHALLENGE_VOTE}{challenge_id}#")))


def add_challenge_vote(vote: ChallengeVoteItem) -> None:
    """One vote per member on a challenge: a second fails its condition."""
    refused = Conflict("이 기피 신청에 이미 표결했습니다.", code="VOTE_ALREADY_CAST",
                       details={"member_id": vote.member_id})
    with conditional(refused):
        vote.save(condition=ChallengeVoteItem.sk.does_not_exist())


def decide(item_id: str, challenge_id: str, *, upheld: bool, counts: dict[str, int]) -> None:
    """Record the decision, once."""
    refused = Conflict("이미 결정된 기피 신청입니다.", code="CHALLENGE_DECIDED", details={"challenge_id": challenge_id})
    with conditional(refused):
        ChallengeItem(AgendaItem.key(item_id)[0], CHALLENGE + challenge_id).update(
            actions=[ChallengeItem.upheld.set(upheld), ChallengeItem.counts.set(counts)],
            condition=ChallengeItem.upheld.does_not_exist())
