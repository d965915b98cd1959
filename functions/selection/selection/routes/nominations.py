"""Nominations: staff (/selection/cycles/{id}/nominations: department heads, the unit) and residents
(/selection/resident/…: the ResidentJwt authorizer, a per-source limit on the write)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from common.ratelimit import rate_limited
from selection import nominations
from selection.models import NominationIn, NominationList, NominationOut, StaffNominationIn

router = APIGatewayHttpRouter()


def claims() -> dict[str, Any]:
    authorizer = router.current_event.raw_event.get("requestContext", {}).get("authorizer") or {}
    return (authorizer.get("jwt") or {}).get("claims") or {}


def nomination_out(item: Any) -> NominationOut:
    return NominationOut(nomination_id=item.nomination_id, cycle_id=item.cycle_id, channel=item.channel,
                         employee_no=item.employee_no, nominee_name=item.nominee_name, criterion=item.criterion,
                         kind=item.kind, case_title=item.case_title, set_aside=item.set_aside,
                         created_at=item.created_at)


@router.post("/selection/cycles/<cycle_id>/nominations",
             summary="추천 (부서장: 자기 부서 직원, 전담부서: 경진대회 수상자)")
def by_staff(cycle_id: RecordId, body: StaffNominationIn) -> Response[NominationOut]:
    made = nominations.by_staff(current_caller(router), cycle_id, body)
    return Response(201, content_types.APPLICATION_JSON, nomination_out(made).model_dump(mode="json"))


@router.get("/selection/cycles/<cycle_id>/nominations", summary="회차의 추천 목록 (전담부서)")
def listing(cycle_id: RecordId) -> NominationList:
    return NominationList(nominations=[nomination_out(n)
                                       for n in nominations.listing(current_caller(router), cycle_id)])


@router.post("/selection/resident/cycles/<cycle_id>/nominations", middlewares=[rate_limited("resident_write")],
             summary="주민 추천 (로그인한 주민; 한 회차에 같은 직원은 한 번)",
             description="계정 단위로 셉니다: 실명 인증이 아닌 지자체에서는 한 사람이 여러 계정을 가질 수 있습니다.")
def by_resident(cycle_id: RecordId, body: NominationIn) -> Response[NominationOut]:
    made = nominations.by_resident(current_caller(router), cycle_id, body, claims())
    return Response(201, content_types.APPLICATION_JSON, nomination_out(made).model_dump(mode="json"))


@router.get("/selection/resident/nominations/<nomination_id>", summary="내 추천 (주민 본인만)")
def own(nomination_id: RecordId) -> NominationOut:
    return nomination_out(nominations.read_own(current_caller(router), nomination_id))
