"""/consulting/litigation: legal-cost support (소송 등 지원) — the official's own application (the office files for a
retired official), reviewed by the committee; the final acquittal and the payments recorded by the office."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from consulting import cases, litigation
from consulting.models import (
    CaseList,
    IndemnityIn,
    IndemnityOut,
    InvestigatorOpinionIn,
    LitigationIn,
    LitigationOut,
    PaymentIn,
    VerdictIn,
)

router = APIGatewayHttpRouter()
BASE = "/consulting/litigation"
ONE = BASE + "/<litigation_id>"


@router.post(BASE, summary="소송 등 지원 신청 (본인; 퇴직자는 담당 부서가 대리 접수): 위원회 심의 안건")
def file(body: LitigationIn) -> Response[LitigationOut]:
    case = litigation.file(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, litigation.view(case).model_dump(mode="json"))


@router.get(BASE, summary="소송 등 지원 목록 (본인: 자기 신청, 담당 부서·보호관: 전체)")
def listing(limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> CaseList:
    page = cases.listing(current_caller(router), "litigation", department=None, limit=limit, token=next_token)
    return CaseList(items=[cases.view(c, full=False) for c in page.items], next_token=page.next_token)


@router.get(ONE, summary="소송 등 지원 (본인, 담당 부서, 보호관)")
def read(litigation_id: RecordId) -> LitigationOut:
    return litigation.read(current_caller(router), litigation_id)


@router.post(ONE + "/verdict", summary="무죄 확정 기록 (담당 부서): 형사 재판 비용은 그 뒤에 지급")
def record_verdict(litigation_id: RecordId, body: VerdictIn) -> LitigationOut:
    return litigation.record_verdict(current_caller(router), litigation_id, body)


@router.post(ONE + "/investigator-opinion", summary="수사기관에 의견 제출 기록 (담당 부서, 요청이 있을 때)")
def investigator_opinion(litigation_id: RecordId, body: InvestigatorOpinionIn) -> LitigationOut:
    return litigation.investigator_opinion(current_caller(router), litigation_id, body)


@router.post(ONE + "/payments", summary="지원금 지급 기록 (담당 부서): 승인 금액 안에서")
def pay(litigation_id: RecordId, body: PaymentIn) -> LitigationOut:
    return litigation.pay(current_caller(router), litigation_id, body)


@router.post("/consulting/indemnity-decisions", summary="구상권 결정 기록 (담당 부서): 적극행정 여부와 그 고려")
def decide_indemnity(body: IndemnityIn) -> Response[IndemnityOut]:
    case = litigation.decide_indemnity(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, _indemnity(case).model_dump(mode="json"))


@router.get("/consulting/indemnity-decisions/<decision_id>", summary="구상권 결정 (대상 공무원, 담당 부서, 보호관)")
def read_indemnity(decision_id: RecordId) -> IndemnityOut:
    return _indemnity(litigation.read_indemnity(current_caller(router), decision_id))


def _indemnity(case: Any) -> IndemnityOut:
    details = case.details or {}
    return IndemnityOut(decision_id=case.case_id, employee_no=case.requester, department=case.department,
                        damage_summary=case.own_review, decision=details.get("decision", ""),
                        from_active_administration=bool(details.get("from_active_administration")),
                        weighing=details.get("weighing"), amount_won=int(details.get("amount_won", 0)),
                        decided_at=case.filed_at)
