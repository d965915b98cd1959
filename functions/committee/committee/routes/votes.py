"""/committee/items/{item_id}/declarations, /votes, /resolution: recusal declarations, votes and the tally, and the
resolution that answers the item's origin."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import voting
from committee.models import DeclarationIn, DeclarationOut, ItemOut, TallyOut, VoteIn, VoteOut
from committee.routes.items import item_out
from common.http import current_caller
from common.params import RecordId

router = APIGatewayHttpRouter()


def vote_out(vote: Any) -> VoteOut:
    return VoteOut(member_id=vote.member_id, choice=vote.choice, choices=vote.choices, cast_at=vote.cast_at,
                   on_paper=bool(vote.on_paper))


@router.post("/committee/items/<item_id>/declarations",
             summary="제척 사유 유무 신고와 회피 (회의에 지정된 위원 본인, 표결 전에)")
def declare(item_id: RecordId, body: DeclarationIn) -> Response[DeclarationOut]:
    declared = voting.declare(current_caller(router), item_id, body)
    out = DeclarationOut(item_id=item_id, member_id=declared.member_id, grounds=list(declared.grounds),
                         stepped_aside=bool(declared.stepped_aside))
    return Response(201, content_types.APPLICATION_JSON, out.model_dump(mode="json"))


@router.post("/committee/items/<item_id>/votes",
             summary="표결 (위원 본인, 한 번만; 간사는 member_id 로 서명한 서면 표결을 기록)")
def vote(item_id: RecordId, body: VoteIn) -> Response[VoteOut]:
    cast = voting.vote(current_caller(router), item_id, body)
    return Response(201, content_types.APPLICATION_JSON, vote_out(cast).model_dump(mode="json"))


@router.get("/committee/items/<item_id>/votes",
            summary="집계 (간사, 회의의 위원; 개별 표결은 간사와 위원장만)")
def tally(item_id: RecordId) -> TallyOut:
    resolution, counted, votes = voting.read_tally(current_caller(router), item_id)
    candidates = getattr(resolution, "candidates", None)
    return TallyOut(item_id=item_id, outcome=resolution.outcome.value, counts=getattr(resolution, "counts", {}),
                    present=resolution.present, eligible=len(counted.eligible), needed=resolution.needed,
                    quorum_met=counted.met,
                    candidates={c: {"option": r.option, "counts": r.counts} for c, r in candidates.items()}
                    if candidates is not None else None,
                    votes=[vote_out(v) for v in votes] if votes is not None else None)


@router.post("/committee/items/<item_id>/resolution",
             summary="의결 확정 (간사, 회의의 위원장): 결과를 요청 부서에 알림")
def resolve(item_id: RecordId) -> ItemOut:
    return item_out(voting.resolve(current_caller(router), item_id))
