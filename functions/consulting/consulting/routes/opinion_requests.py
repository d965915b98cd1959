"""/consulting/opinion-requests: any official asks the committee (Idempotency-Key); the AA officer screens; the
committee's resolution comes back as the opinion; the official reports the action taken."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId
from consulting import cases, opinion_requests
from consulting.models import ActionReportIn, CaseList, CaseOut, OpinionRequestIn, ScreeningIn

router = APIGatewayHttpRouter()
BASE = "/consulting/opinion-requests"
ONE = BASE + "/<request_id>"


def _file(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    case = opinion_requests.file(caller, OpinionRequestIn.model_validate(payload))
    return cases.view(case).model_dump(mode="json")


@router.post(BASE, summary="적극행정위원회 의견제시 요청 (직원)",
             description="같은 Idempotency-Key 로 다시 보내면 처음 결과를 돌려주고 한 번만 접수합니다.")
def file(body: OpinionRequestIn) -> Response[CaseOut]:
    result = once("opinion-request", _file, caller=current_caller(router),
                  key=router.current_event.headers.get("idempotency-key"), payload=body.model_dump(mode="json"),
                  table_variable="CONSULTING_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, result)


@router.get(BASE, summary="의견제시 요청 목록 (직원: 자기 부서, 책임관: 전체 또는 한 부서)")
def listing(department: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,20}$")] = None,
            limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> CaseList:
    page = cases.listing(current_caller(router), "opinion_request", department=department, limit=limit,
                         token=next_token)
    return CaseList(items=[cases.view(c, full=False) for c in page.items], next_token=page.next_token)


@router.get(ONE, summary="의견제시 요청 (신청 부서, 책임관)")
def read(request_id: RecordId) -> CaseOut:
    return cases.view(opinion_requests.read(current_caller(router), request_id))


@router.post(ONE + "/screening", summary="심사 (책임관): 중요성·긴급성, 반려 또는 위원회 상정")
def screen(request_id: RecordId, body: ScreeningIn) -> CaseOut:
    return cases.view(opinion_requests.screen(current_caller(router), request_id, body))


@router.post(ONE + "/action-report", summary="조치 결과 보고 (신청 부서)")
def report_action(request_id: RecordId, body: ActionReportIn) -> CaseOut:
    return cases.view(opinion_requests.report_action(current_caller(router), request_id, body.action))
