"""Department cases (우수사례·우수부서): nominated by the unit (contest results) or a head (their own department's),
reviewed and excluded by the unit, their prizes recorded by the unit; and the government-wide contest file."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.idempotency import once
from common.identity import Caller
from common.params import RecordId
from selection import contest, departments
from selection.models import (
    ContestCaseOut,
    ContestExportOut,
    DepartmentNominationIn,
    DepartmentNominationList,
    DepartmentNominationOut,
    PrizeStepIn,
    ReasonIn,
)
from selection.routes.awardees import CSV, XLSX

router = APIGatewayHttpRouter()
BASE = "/selection/cycles/<cycle_id>/department-nominations"
CASE_FIELDS = ("kind", "criterion", "case_title", "achievement", "evidence", "department", "who", "tier")


def case_out(item: Any) -> DepartmentNominationOut:
    return DepartmentNominationOut(
        nomination_id=item.nomination_id, cycle_id=item.cycle_id, channel=item.channel, department=item.department,
        department_name=item.department_name, criterion=item.criterion, case_title=item.case_title,
        achievement=item.achievement, evidence=list(item.evidence or []), staff=list(item.staff or []),
        contest=item.contest, created_at=item.created_at, excluded=item.excluded, tier=item.tier,
        prize_won=int(item.prize_won) if item.prize_won is not None else None, prize_status=item.prize_status,
        prize_history=departments.history(item))


def _nominate(caller: Caller, payload: dict[str, Any]) -> dict[str, Any]:
    body = DepartmentNominationIn.model_validate(payload["body"])
    return case_out(departments.nominate(caller, payload["cycle_id"], body)).model_dump(mode="json")


@router.post(BASE, summary="우수사례·우수부서 추천 (전담부서: 경진대회 결과, 부서장: 자기 부서 사례)",
             description="추천 기간에만. 한 회차에 같은 부서의 같은 제목 사례는 한 번. "
                         "같은 Idempotency-Key 로 다시 보내면 처음 결과를 돌려줍니다.")
def nominate(cycle_id: RecordId, body: DepartmentNominationIn) -> Response[DepartmentNominationOut]:
    result = once("department-nomination", _nominate, caller=current_caller(router),
                  key=router.current_event.headers.get("idempotency-key"),
                  payload={"cycle_id": cycle_id, "body": body.model_dump(mode="json")},
                  table_variable="SELECTION_TABLE", context=router.lambda_context)
    return Response(201, content_types.APPLICATION_JSON, result)


@router.get(BASE, summary="우수사례·우수부서 심사 목록 (전담부서): 제외 사유, 등급, 시상금 상태")
def listing(cycle_id: RecordId) -> DepartmentNominationList:
    cycle, final, found = departments.listing(current_caller(router), cycle_id)
    return DepartmentNominationList(cycle_id=cycle_id, phase=cycle.phase, final=final,
                                    nominations=[case_out(c) for c in found])


@router.post(BASE + "/<nomination_id>/exclusion", summary="부서 사례 제외 (전담부서, 사유; 투표 단계 전까지)")
def exclude(cycle_id: RecordId, nomination_id: RecordId, body: ReasonIn) -> DepartmentNominationOut:
    return case_out(departments.exclude(current_caller(router), cycle_id, nomination_id, body.reason))


@router.post(BASE + "/<nomination_id>/prize",
             summary="부서 시상금 (전담부서): 지급 요청 → 지급 완료 (처리 번호); 이미 한 단계는 다시 해도 그대로")
def prize(cycle_id: RecordId, nomination_id: RecordId, body: PrizeStepIn) -> DepartmentNominationOut:
    return case_out(departments.prize(current_caller(router), cycle_id, nomination_id, body))


@router.get("/selection/cycles/<cycle_id>/contest-export",
            summary="범정부 적극행정 경진대회 제출 파일 (전담부서; CSV, XLSX): 수상 사례 전부 (공무원·부서)",
            description="format=csv|xlsx: 제출 파일. 지자체 설정에서 contest_export 인 회차만 (예: 하반기). "
                        "다른 회차는 422.",
            responses={200: {"description": "경진대회 제출 파일", "content": {
                content_types.APPLICATION_JSON: {"model": ContestExportOut},
                CSV: {"schema": {"type": "string", "format": "binary"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}})
def contest_export(cycle_id: RecordId, format: Annotated[Literal["json", "csv", "xlsx"] | None, Query()] = None):
    who = current_caller(router)
    if format not in ("csv", "xlsx"):
        out = ContestExportOut(cycle_id=cycle_id, cases=[ContestCaseOut(**dict(zip(CASE_FIELDS, row[1:], strict=True)))
                                                         for row in contest.cases(who, cycle_id)])
        return Response(200, content_types.APPLICATION_JSON, out.model_dump(mode="json"))
    content = contest.export(who, cycle_id, format)
    return Response(200, CSV if format == "csv" else XLSX, content, compress=False,
                    headers={"Content-Disposition": f'attachment; filename="selection-{cycle_id}-contest.{format}"'})
