"""/consulting/exemptions: an official's exemption application (면책 신청), its matching opinions and presumptions,
the decision, the committee's recommendation asked, the protection officer's log; /consulting/exemption-reports: the
quarter's decisions for the Board of Audit and Inspection (JSON or CSV)."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from consulting import cases, exemptions
from consulting.models import (
    CounselIn,
    CounselList,
    CounselOut,
    DecisionIn,
    ExemptionIn,
    ExemptionList,
    ExemptionOut,
    QuarterReport,
)

router = APIGatewayHttpRouter()
BASE = "/consulting/exemptions"
ONE = BASE + "/<exemption_id>"
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post(BASE, summary="면책 신청 (감사가 끝난 뒤, 본인)")
def file(body: ExemptionIn) -> Response[ExemptionOut]:
    case = exemptions.file(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, exemptions.view(case).model_dump(mode="json"))


@router.get(BASE, summary="면책 신청 목록 (본인: 자기 신청, 감사기구의 장·감사부서·보호관: 전체)")
def listing(limit: Annotated[int, Query(ge=1, le=100)] = 50,
            next_token: Annotated[str | None, Query(max_length=2000)] = None) -> ExemptionList:
    page = cases.listing(current_caller(router), "exemption", department=None, limit=limit, token=next_token)
    return ExemptionList(items=[cases.view(c, full=False) for c in page.items], next_token=page.next_token)


@router.get(ONE, summary="면책 신청과 같은 사안의 의견별 추정 (본인, 감사기구의 장, 감사부서, 보호관)")
def read(exemption_id: RecordId) -> ExemptionOut:
    return exemptions.read(current_caller(router), exemption_id)


@router.post(ONE + "/decision", summary="면책 결정 (감사기구의 장 또는 면책심의회): 신청인과 기관장에게 통지")
def decide(exemption_id: RecordId, body: DecisionIn) -> ExemptionOut:
    return exemptions.decide(current_caller(router), exemption_id, body)


@router.post(ONE + "/recommendation-request", summary="적극행정위원회 면책 건의 요청 (본인 또는 결정 부서)")
def request_recommendation(exemption_id: RecordId) -> ExemptionOut:
    return exemptions.request_recommendation(current_caller(router), exemption_id)


@router.post(ONE + "/counselling", summary="보호관 상담·검토·출석 기록 (보호관)")
def counsel(exemption_id: RecordId, body: CounselIn) -> Response[CounselOut]:
    entry = exemptions.counsel(current_caller(router), exemption_id, body)
    return Response(201, content_types.APPLICATION_JSON, entry.model_dump(mode="json"))


@router.get(ONE + "/counselling", summary="보호관 상담 기록 (보호관과 신청인만)")
def counselling_log(exemption_id: RecordId) -> CounselList:
    return CounselList(items=exemptions.counselling_log(current_caller(router), exemption_id))


@router.get("/consulting/exemption-reports/<quarter>", summary="감사원 분기 보고: 분기의 면책 결정 (JSON, CSV, 엑셀)",
            responses={200: {"description": "분기 보고", "content": {
                content_types.APPLICATION_JSON: {"model": QuarterReport},
                CSV: {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}})
def quarterly_report(quarter: Annotated[str, Path(pattern=r"^\d{4}Q[1-4]$", description="분기 (예: 2026Q4)")],
                     format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json"):
    report = exemptions.quarterly_report(current_caller(router), quarter)
    if format == "json":
        return Response(200, content_types.APPLICATION_JSON, report)
    # not annotated: Powertools would validate (and JSON-encode) a file body against the annotation
    body, kind = (exemptions.to_csv(report), CSV) if format == "csv" else (exemptions.to_xlsx(report), XLSX)
    return Response(200, kind, body, compress=False,
                    headers={"Content-Disposition": f'attachment; filename="exemptions-{quarter}.{format}"'})


@router.post("/consulting/exemption-reports/<quarter>/submission",
             summary="감사원 분기 보고 제출 기록 (면책 결정 부서): 분기가 끝난 뒤 한 번, 보고 기한이 멈춤")
def submit_report(quarter: Annotated[str, Path(pattern=r"^\d{4}Q[1-4]$", description="분기 (예: 2026Q4)")]
                  ) -> QuarterReport:
    return exemptions.submit_report(current_caller(router), quarter)
