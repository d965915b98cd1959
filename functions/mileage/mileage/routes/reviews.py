"""Panel review (평가단, also 감사부서): each department's use of mileage in a period, with flags; JSON, CSV or XLSX."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from mileage import review
from mileage.models import ReviewReport

router = APIGatewayHttpRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/mileage/reviews/departments", summary="부서별 마일리지 점검표 (평가단·감사부서)",
            description="format=csv: Excel 에서 한글이 깨지지 않는 BOM 붙은 UTF-8, format=xlsx: 엑셀 파일.",
            responses={200: {"description": "점검표", "content": {
                content_types.APPLICATION_JSON: {"model": ReviewReport},
                "text/csv": {"schema": {"type": "string", "format": "binary"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}})
def department_review(period: Annotated[str, Query(description="2026, 2026-H1 또는 2026-11")],
                      department: Annotated[str | None, Query(description="한 부서만 (부서 코드)")] = None,
                      format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json"):
    report = review.department_review(current_caller(router), period, department)
    if format == "json":
        return Response(200, content_types.APPLICATION_JSON, report)
    # not annotated: Powertools would validate (and JSON-encode) a file body against the annotation
    name = f"mileage-review-{report.period}{'-' + department if department else ''}.{format}"
    body, kind = (review.to_csv(report), "text/csv; charset=utf-8") if format == "csv" else (
        review.to_xlsx(report), XLSX)
    return Response(200, kind, body, headers={"Content-Disposition": f'attachment; filename="{name}"'},
                    compress=False)
