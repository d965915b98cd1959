"""GET /complaints/mine: a signed-in resident's own reports (ResidentJwt)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from complaints import mine
from complaints.models import MyReportsOut

router = APIGatewayHttpRouter()


@router.get("/complaints/mine", summary="내 신고 (주민 로그인): 접수번호와 처리 상황",
            description="메시지와 처리 결과는 접수번호와 비밀번호로 여는 화면에서 봅니다. 탈퇴하면 연결이 끊어집니다.")
def my_reports(limit: Annotated[int, Query(ge=1, le=100)] = 50,
               next_token: Annotated[str | None, Query(max_length=2000)] = None) -> MyReportsOut:
    return mine.mine(current_caller(router), limit=limit, token=next_token)
