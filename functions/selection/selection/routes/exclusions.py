"""/selection/cycles/{id}/exclusions: the unit excludes a nominee by hand, with a reason."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from selection import staff
from selection.models import ExclusionIn, ExclusionOut

router = APIGatewayHttpRouter()


@router.post("/selection/cycles/<cycle_id>/exclusions",
             summary="예비심사 제외 (전담부서, 사유): 이 회차만(manual) 또는 징계(discipline, 지자체 기간)")
def exclude(cycle_id: RecordId, body: ExclusionIn) -> Response[ExclusionOut]:
    made = staff.exclude_by_hand(current_caller(router), cycle_id, body)
    out = ExclusionOut(employee_no=made.employee_no, kind=made.kind.value, reason=made.reason,
                       until=made.until.isoformat() if made.until else None, source=made.source)
    return Response(201, content_types.APPLICATION_JSON, out.model_dump(mode="json"))
