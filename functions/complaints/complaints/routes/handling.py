"""/complaints/cases/{case_id}/…: what the audit office, the investigator and the competent department do."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from complaints import handling
from complaints.models import (
    AcknowledgeIn,
    AnswerIn,
    CaseOut,
    ClassifyIn,
    DecisionIn,
    ExtensionIn,
    FieldInvestigationIn,
    InvestigatorIn,
    ReasonIn,
    TextIn,
)
from complaints.routes.cases import case_out

router = APIGatewayHttpRouter()


def _out(case: object) -> CaseOut:
    return case_out(case, detail=True)


@router.post("/complaints/cases/<case_id>/acknowledgement", summary="접수 확인 (감사부서): 민원 종류의 처리기간 시작")
def acknowledge(case_id: RecordId, body: AcknowledgeIn) -> CaseOut:
    return _out(handling.acknowledge(current_caller(router), case_id, body.petition_type))


@router.post("/complaints/cases/<case_id>/classification",
             summary="분류 (감사부서): 소극행정 유형과 사유·피해, 또는 소극행정 아님 → 담당 부서에 일반 민원으로 이송")
def classify(case_id: RecordId, body: ClassifyIn) -> CaseOut:
    return _out(handling.classify(current_caller(router), case_id, body))


@router.put("/complaints/cases/<case_id>/investigator",
            summary="조사 담당자 지정 (감사부서): 신고된 공무원 본인·같은 부서 직원은 안 됨")
def assign(case_id: RecordId, body: InvestigatorIn) -> CaseOut:
    return _out(handling.assign(current_caller(router), case_id, body))


@router.post("/complaints/cases/<case_id>/notes", summary="내부 메모 (신고인에게 보이지 않음)")
def note(case_id: RecordId, body: TextIn) -> Response[CaseOut]:
    case = handling.add_note(current_caller(router), case_id, body.text)
    return Response(201, content_types.APPLICATION_JSON, _out(case).model_dump(mode="json"))


@router.post("/complaints/cases/<case_id>/messages", summary="신고인에게 메시지 (접수번호 화면에 보임)")
def message(case_id: RecordId, body: TextIn) -> Response[CaseOut]:
    case = handling.office_message(current_caller(router), case_id, body.text)
    return Response(201, content_types.APPLICATION_JSON, _out(case).model_dump(mode="json"))


@router.post("/complaints/cases/<case_id>/field-investigation",
             summary="현지조사 시작·연장(한 번)·끝: 처리기간에 넣지 않음 (고충민원)")
def field(case_id: RecordId, body: FieldInvestigationIn) -> CaseOut:
    return _out(handling.field_investigation(current_caller(router), case_id, body))


@router.post("/complaints/cases/<case_id>/extension",
             summary="처리기간 연장 (한 번은 사유로, 두 번째부터는 신고인 동의)")
def extend(case_id: RecordId, body: ExtensionIn) -> CaseOut:
    return _out(handling.extend(current_caller(router), case_id, body))


@router.post("/complaints/cases/<case_id>/decision",
             summary="조사 결과와 조치 (공무원별; 감독자 책임): 결과 통지, PassiveAdministrationConfirmed")
def decide(case_id: RecordId, body: DecisionIn) -> CaseOut:
    return _out(handling.decide(current_caller(router), case_id, body))


@router.post("/complaints/cases/<case_id>/answer", summary="이송받은 민원에 대한 부서 답변 (그 부서의 부서장)")
def answer(case_id: RecordId, body: AnswerIn) -> CaseOut:
    return case_out(handling.answer(current_caller(router), case_id, body), "department")


@router.post("/complaints/cases/<case_id>/closing", summary="종결 (감사부서)")
def close(case_id: RecordId) -> CaseOut:
    return _out(handling.close(current_caller(router), case_id))


@router.post("/complaints/cases/<case_id>/reopening", summary="반복 신고로 재개 (감사부서가 조사)")
def reopen(case_id: RecordId, body: ReasonIn) -> CaseOut:
    return _out(handling.reopen(current_caller(router), case_id, body.reason))
