"""/consulting/pre-consultings: a department files (Idempotency-Key), lists and reads its own; the audit office
screens and answers, the audit head asks the committee's advice and sends cases up to the province."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId
from consulting import cases, pre_consultings
from consulting.models import (
    ActionReportIn,
    AdviceIn,
    CaseList,
    CaseOut,
    EscalationIn,
    OpinionIn,
    PreConsultingIn,
    ProvinceAnswerIn,
    ReasonIn,
    RefusalIn,
    ResubmissionIn,
    VisitIn,
)

router = APIGatewayHttpRouter()
BASE = "/consulting/pre-consultings"
ONE = BASE + "/<consulting_id>"


def _file(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    case = pre_consultings.file(caller, PreConsultingIn.model_validate(payload))
    return cases.view(case).model_dump(mode="json")


@router.post(BASE, summary="사전컨설팅 신청 (부서 직원)",
             description="같은 Idempotency-Key 로 다시 보내면 처음 결과를 돌려주고 한 번만 접수합니다.")
def file(body: PreConsultingIn) -> Response[CaseOut]:
    result = once("pre-consulting", _file, caller=current_caller(router),
                  key=router.current_event.headers.get("idempotency-key"), payload=body.model_dump(mode="json"),
                  table_variable="CONSULTING_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, result)


@router.get(BASE, summary="사전컨설팅 목록 (부서: 자기 부서, 감사부서: 전체 또는 한 부서)")
def listing(department: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,20}$")] = None,
            limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> CaseList:
    page = cases.listing(current_caller(router), "pre_consulting", department=department, limit=limit,
                         token=next_token)
    return CaseList(items=[cases.view(c, full=False) for c in page.items], next_token=page.next_token)


@router.get(ONE, summary="사전컨설팅 (신청 부서, 감사부서)")
def read(consulting_id: RecordId) -> CaseOut:
    return cases.view(pre_consultings.read(current_caller(router), consulting_id))


@router.post(ONE + "/supplement-request", summary="보완 요청 (감사부서): 회신 기한이 멈춤")
def request_supplement(consulting_id: RecordId, body: ReasonIn) -> CaseOut:
    return cases.view(pre_consultings.request_supplement(current_caller(router), consulting_id, body))


@router.post(ONE + "/resubmission", summary="보완 제출 (신청 부서): 회신 기한이 다시 진행")
def resubmit(consulting_id: RecordId, body: ResubmissionIn) -> CaseOut:
    return cases.view(pre_consultings.resubmit(current_caller(router), consulting_id, body))


@router.post(ONE + "/refusal", summary="반려 (감사부서): 사유 코드와 의견")
def refuse(consulting_id: RecordId, body: RefusalIn) -> CaseOut:
    return cases.view(pre_consultings.refuse(current_caller(router), consulting_id, body))


@router.post(ONE + "/acceptance", summary="접수 (감사부서)")
def accept(consulting_id: RecordId) -> CaseOut:
    return cases.view(pre_consultings.accept(current_caller(router), consulting_id))


@router.post(ONE + "/visits", summary="현장 확인·청문 기록 (감사부서)")
def visit(consulting_id: RecordId, body: VisitIn) -> CaseOut:
    return cases.view(pre_consultings.visit(current_caller(router), consulting_id, body))


@router.post(ONE + "/advice-request", summary="적극행정위원회 자문 요청 (감사기구의 장): 위원회 안건")
def ask_advice(consulting_id: RecordId, body: AdviceIn) -> CaseOut:
    return cases.view(pre_consultings.ask_advice(current_caller(router), consulting_id, body))


@router.post(ONE + "/escalation", summary="도 감사기구 이관 (감사기구의 장, 단체장 명의): 회신 기한이 멈춤")
def escalate(consulting_id: RecordId, body: EscalationIn) -> CaseOut:
    return cases.view(pre_consultings.escalate(current_caller(router), consulting_id, body))


@router.post(ONE + "/province-answer", summary="도 감사기구 회신 기록 (감사부서)")
def province_answer(consulting_id: RecordId, body: ProvinceAnswerIn) -> CaseOut:
    return cases.view(pre_consultings.province_answer(current_caller(router), consulting_id, body))


@router.post(ONE + "/opinion", summary="의견 회신 (감사부서): 의견 등록부에 사안 코드로 등록")
def issue_opinion(consulting_id: RecordId, body: OpinionIn) -> CaseOut:
    return cases.view(pre_consultings.issue_opinion(current_caller(router), consulting_id, body))


@router.post(ONE + "/action-report", summary="조치 결과 보고 (신청 부서)")
def report_action(consulting_id: RecordId, body: ActionReportIn) -> CaseOut:
    return cases.view(pre_consultings.report_action(current_caller(router), consulting_id, body.action))
