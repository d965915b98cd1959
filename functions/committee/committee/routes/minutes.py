"""/committee/meetings/{meeting_id}/minutes: the minutes (회의록) as JSON, XLSX or PDF (`?format=` or `Accept`), for the
secretary and the meeting's chair."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import minutes as service
from committee.rules.minutes import Minutes
from common.http import current_caller
from common.params import RecordId

router = APIGatewayHttpRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@router.get("/committee/meetings/<meeting_id>/minutes", summary="회의록 (간사, 회의의 위원장): JSON, 엑셀 또는 PDF",
            description="출석, 안건별 제척·기피·회피와 그 사유, 집계와 의결 결과. 개별 표결은 적지 않습니다 (집계만). "
                        "format=xlsx|pdf 또는 Accept 헤더의 엑셀·PDF 형식이면 그 파일. 위원은 ID와 구분으로 적습니다.",
            responses={200: {"description": "회의록", "content": {
                content_types.APPLICATION_JSON: {"model": Minutes},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
                PDF: {"schema": {"type": "string", "format": "binary"}}}}})
def read(meeting_id: RecordId, format: Annotated[Literal["json", "xlsx", "pdf"] | None, Query()] = None):
    minutes = service.minutes(current_caller(router), meeting_id)
    wanted = format or _accepted(router.current_event.headers.get("accept") or "")
    if wanted == "json":
        return Response(200, content_types.APPLICATION_JSON, minutes)
    # not annotated: Powertools would validate (and JSON-encode) a file body against the annotation
    body, kind = (service.to_xlsx(minutes), XLSX) if wanted == "xlsx" else (service.to_pdf(minutes), PDF)
    return Response(200, kind, body, compress=False,
                    headers={"Content-Disposition": f'attachment; filename="committee-minutes-{meeting_id}.{wanted}"'})


def _accepted(accept: str) -> str:
    return "xlsx" if XLSX in accept else "pdf" if PDF in accept else "json"
