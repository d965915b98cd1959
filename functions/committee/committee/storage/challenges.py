"""Challenges (기피) on an item, the votes on each, and its decision."""

from __future__ import annotations

from committee.storage.items import CHALLENGE, CHALLENGE_VOTE, AgendaItem, ChallengeItem, ChallengeVoteItem, MeetingItem
from committee.storage.meetings import OPEN_CONDITION, not_open
from committee.storage.table import transaction
from common.dynamo import find
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


def add_challenge_vote(vote: ChallengeVoteItem, sitting: str | None = None) -> None:
    """One vote per member on a challenge: a second fails its condition; so does any vote (`sitting`: the meeting's
    id) once the chair has closed the meeting, or before it was opened."""
    tx = transaction()
    tx.put(vote, ChallengeVoteItem.sk.does_not_exist(), label="vote")
    _while_open(tx, sitting)
    tx.commit(failures={"vote": Conflict("이 기피 신청에 이미 표결했습니다.", code="VOTE_ALREADY_CAST",
                                         details={"member_id": vote.member_id}), **_meeting_failure(sitting)})


def decide(item_id: str, challenge_id: str, *, upheld: bool, counts: dict[str, int],
           sitting: str | None = None) -> None:
    """Record the decision, once (`sitting`: while that meeting is open)."""
    tx = transaction()
    tx.update(ChallengeItem(AgendaItem.key(item_id)[0], CHALLENGE + challenge_id),
              [ChallengeItem.upheld.set(upheld), ChallengeItem.counts.set(counts)],
              condition=ChallengeItem.upheld.does_not_exist(), label="challenge")
    _while_open(tx, sitting)
    tx.commit(failures={"challenge": Conflict("이미 결정된 기피 신청입니다.", code="CHALLENGE_DECIDED",
                                              details={"challenge_id": challenge_id}), **_meeting_failure(sitting)})


def _while_open(tx, sitting: str | None) -> None:
    if sitting is not None:
        tx.check(MeetingItem(*MeetingItem.key(sitting)), OPEN_CONDITION, label="meeting")


def _meeting_failure(sitting: str | None) -> dict[str, Conflict]:
    return {} if sitting is None else {"meeting": not_open(sitting)}
