"""/selection/cycles: the cycles (staff read them; the dedicated unit opens one ahead of schedule and moves phases by
hand with a reason)."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from selection import cycles
from selection.models import CycleIn, CycleList, CycleOut, PhaseIn, ReasonIn

router = APIGatewayHttpRouter()


def cycle_out(cycle: Any) -> CycleOut:
    return CycleOut(cycle_id=cycle.cycle_id, name=cycle.name, phase=cycle.phase, planned=int(cycle.planned),
                    dates=dict(cycle.dates), criteria_item=cycle.criteria_item,
                    criteria_outcome=cycle.criteria_outcome,
                    criteria_resolved_on=cycle.criteria_resolved_on, shortlist=cycle.shortlist,
                    history=[json.loads(h) for h in cycle.history or []])


@router.get("/selection/cycles", summary="선발 회차 목록 (직원)")
def listing() -> CycleList:
    return CycleList(cycles=[cycle_out(c) for c in cycles.listing(current_caller(router))])


@router.post("/selection/cycles", summary="회차 미리 열기 (전담부서, 사유): 위원회에 선발 기준·절차 의결 요청")
def create(body: CycleIn) -> Response[CycleOut]:
    cycle = cycles.create(current_caller(router), body)
    return Response(201, content_types.APPLICATION_JSON, cycle_out(cycle).model_dump(mode="json"))


@router.get("/selection/cycles/<cycle_id>", summary="회차 (직원)")
def read(cycle_id: RecordId) -> CycleOut:
    return cycle_out(cycles.read(current_caller(router), cycle_id))


@router.post("/selection/cycles/<cycle_id>/criteria-request",
             summary="선발 기준·절차 재요청 (전담부서, 사유): 위원회가 부결한 회차만")
def ask_again(cycle_id: RecordId, body: ReasonIn) -> CycleOut:
    return cycle_out(cycles.request_criteria_again(current_caller(router), cycle_id, body))


@router.post("/selection/cycles/<cycle_id>/phase",
             summary="다음 단계로 (전담부서, 사유): 투표 시작 때 후보 확정, 투표 마감 때 집계와 위원회 회부")
def move(cycle_id: RecordId, body: PhaseIn) -> CycleOut:
    return cycle_out(cycles.move_by_hand(current_caller(router), cycle_id, body))
