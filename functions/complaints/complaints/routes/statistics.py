"""GET /complaints/statistics: counts per period, small counts suppressed; JSON, CSV or XLSX."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from complaints import reports
from complaints.models import StatisticsOut

router = APIGatewayHttpRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/complaints/statistics", summary="소극행정 신고 통계 (감사부서): 유형·부서·조치·처리기간·기한 초과율",
            description="적은 건수는 가립니다 (지자체 설정 statistics_min_count). format=csv|xlsx 로 내려받기.",
            responses={200: {"description": "통계", "content": {
                content_types.APPLICATION_JSON: {"model": StatisticsOut},
                "text/csv": {"schema": {"type": "string", "format": "binary"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}})
def statistics(period: Annotated[str, Query(max_length=7, description="2026, 2026-H1 또는 2026-11")],
               format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json"):
    summary = reports.statistics(current_caller(router), period)
    if format == "json":
        return Response(200, content_types.APPLICATION_JSON, StatisticsOut(period=period, summary=summary))
    body, kind = (reports.to_csv(summary), "text/csv; charset=utf-8") if format == "csv" else (
        reports.to_xlsx(summary, period), XLSX)
    disposition = f'attachment; filename="complaints-{period}.{format}"'
    return Response(200, kind, body, headers={"Content-Disposition": disposition}, compress=False)
