"""/consulting/ratifications: 사후 추인 filed by the department that did the work; the committee decides."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from consulting import cases, ratifications
from consulting.models import CaseList, CaseOut, RatificationIn

router = APIGatewayHttpRouter()


@router.post("/consulting/ratifications", summary="사후 추인 신청 (부서 직원): 세 요건을 모두 적어야 함")
def file(body: RatificationIn) -> Response[CaseOut]:
    case = ratifications.file(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, cases.view(case).model_dump(mode="json"))


@router.get("/consulting/ratifications", summary="사후 추인 목록 (부서: 자기 부서, 책임관·감사부서: 전체)")
def listing(department: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,20}$")] = None,
            limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> CaseList:
    page = cases.listing(current_caller(router), "ratification", department=department, limit=limit,
                         token=next_token)
    return CaseList(items=[cases.view(c, full=False) for c in page.items], next_token=page.next_token)


@router.get("/consulting/ratifications/<ratification_id>", summary="사후 추인 (신청 부서, 책임관·감사부서)")
def read(ratification_id: RecordId) -> CaseOut:
    return cases.view(ratifications.read(current_caller(router), ratification_id))
