"""/committee/items/{item_id}/challenges: 기피 — a party challenges a member; the meeting's other members vote; the
secretary or the chair records the decision."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import challenges
from committee.models import ChallengeIn, ChallengeOut, ChallengeVoteIn, VoteOut
from common.http import current_caller
from common.params import RecordId

router = APIGatewayHttpRouter()


def challenge_out(found: Any, item_id: str) -> ChallengeOut:
    return ChallengeOut(challenge_id=found.challenge_id, item_id=item_id, member_id=found.member_id,
                        reasons=found.reasons, upheld=found.upheld, counts=found.counts)


@router.post("/committee/items/<item_id>/challenges", summary="기피 신청 (안건의 당사자)")
def challenge(item_id: RecordId, body: ChallengeIn) -> Response[ChallengeOut]:
    made = challenges.challenge(current_caller(router), item_id, body)
    return Response(201, content_types.APPLICATION_JSON, challenge_out(made, item_id).model_dump(mode="json"))


@router.post("/committee/items/<item_id>/challenges/<challenge_id>/votes",
             summary="기피 결정 표결 (회의의 위원; 기피 신청을 받은 위원과 제외된 위원은 못함)")
def vote(item_id: RecordId, challenge_id: RecordId, body: ChallengeVoteIn) -> Response[VoteOut]:
    cast = challenges.vote(current_caller(router), item_id, challenge_id, body)
    out = VoteOut(member_id=cast.member_id, choice=cast.choice, cast_at=cast.cast_at, on_paper=False)
    return Response(201, content_types.APPLICATION_JSON, out.model_dump(mode="json"))


@router.post("/committee/items/<item_id>/challenges/<challenge_id>/decision",
             summary="기피 결정 기록 (간사, 회의의 위원장): 표결로 인용 또는 기각")
def decide(item_id: RecordId, challenge_id: RecordId) -> ChallengeOut:
    return challenge_out(challenges.decide(current_caller(router), item_id, challenge_id), item_id)
