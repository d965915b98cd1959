"""Revealing a reporter (reason required, logged) and the reveal log the audit head reads."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from complaints import reveal
from complaints.models import ReasonIn, RevealLogOut, RevealOut

router = APIGatewayHttpRouter()


@router.post("/complaints/cases/<case_id>/reveal",
             summary="신고인 신원 열람 (사유 필수, 기록됨; 공익신고는 감사기구의 장만)")
def reveal_reporter(case_id: RecordId, body: ReasonIn) -> RevealOut:
    return reveal.reveal(current_caller(router), case_id, body.reason)


@router.get("/complaints/reveals", summary="신원 열람 기록 (감사기구의 장): 누가, 언제, 왜",
            description="기록은 해시 체인입니다: intact 가 false 이면 누군가 기록을 고치거나 지웠습니다.")
def reveal_log(limit: Annotated[int, Query(ge=1, le=100)] = 50,
               next_token: Annotated[str | None, Query(max_length=2000)] = None) -> RevealLogOut:
    items, token = reveal.log(current_caller(router), token=next_token, limit=limit)
    return RevealLogOut(items=items, next_token=token, intact=reveal.chain_intact(items, first_page=not next_token))
