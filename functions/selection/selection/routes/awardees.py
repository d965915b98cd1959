"""Awardees and their incentive plans (the unit plans, requests and confirms; HR grants), and the public results."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import EmployeeNo, RecordId
from common.ratelimit import rate_limited
from selection import awards, departments, secondment
from selection.models import (
    AwardeeList,
    AwardeeOut,
    DepartmentResultOut,
    GrantIn,
    PlanIn,
    ResultList,
    ResultOut,
    StatisticsOut,
)

router = APIGatewayHttpRouter()
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def awardee_out(item: Any, notice: Any = None) -> AwardeeOut:
    plan = item.plan
    return AwardeeOut(employee_no=item.employee_no, name=item.name, department=item.department, tier=item.tier,
                      case_title=item.case_title, personnel_eligible=bool(plan and plan.get("personnel_eligible")),
                      plan=plan, plan_status=item.plan_status,
                      plan_history=[json.loads(h) for h in item.plan_history or []],
                      flagship_task=item.flagship_task, seconded_from=item.seconded_from,
                      home_body_notice=secondment.notice_view(notice))


@router.get("/selection/cycles/<cycle_id>/awardees",
            summary="수상자와 인센티브 계획 (전담부서, 인사부서; JSON, CSV, XLSX)",
            description="format=csv|xlsx: 시상식·범정부 경진대회 제출용 파일 "
                        "(CSV는 UTF-8, 엑셀에서 한글이 보이도록 BOM 포함).",
            responses={200: {"description": "수상자", "content": {
                content_types.APPLICATION_JSON: {"model": AwardeeList},
                CSV: {"schema": {"type": "string", "format": "binary"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}})
def listing(cycle_id: RecordId, format: Annotated[Literal["json", "csv", "xlsx"] | None, Query()] = None):
    who = current_caller(router)
    if format in ("csv", "xlsx"):  # not annotated: Powertools would validate (and JSON-encode) a file body
        return Response(200, CSV if format == "csv" else XLSX, awards.export(who, cycle_id, format), compress=False,
                        headers={"Content-Disposition":
                                 f'attachment; filename="selection-{cycle_id}-awardees.{format}"'})
    found = awards.listing(who, cycle_id)
    notices = secondment.notices(cycle_id, found)  # the seconded awardees' notices to their home bodies (§20)
    out = AwardeeList(cycle_id=cycle_id, awardees=[awardee_out(a, notices.get(a.employee_no)) for a in found])
    return Response(200, content_types.APPLICATION_JSON, out.model_dump(mode="json"))


@router.put("/selection/cycles/<cycle_id>/awardees/<employee_no>/plan",
            summary="인센티브 계획 (전담부서): 등급 특전 + 공무원은 인사상 인센티브 1종 이상 (본인 희망 반영)")
def plan(cycle_id: RecordId, employee_no: EmployeeNo, body: PlanIn) -> AwardeeOut:
    return awardee_out(awards.plan(current_caller(router), cycle_id, employee_no, body))


@router.post("/selection/cycles/<cycle_id>/incentive-request",
             summary="인센티브 부여 요청 (전담부서 → 인사부서): 모든 수상자 계획, 파격적 인센티브 비율 충족 시")
def request(cycle_id: RecordId) -> AwardeeList:
    return AwardeeList(cycle_id=cycle_id,
                       awardees=[awardee_out(a) for a in awards.request(current_caller(router), cycle_id)])


@router.post("/selection/cycles/<cycle_id>/awardees/<employee_no>/plan/grant", summary="인센티브 부여 (인사부서)")
def grant(cycle_id: RecordId, employee_no: EmployeeNo, body: GrantIn) -> AwardeeOut:
    return awardee_out(awards.grant(current_caller(router), cycle_id, employee_no, body))


@router.post("/selection/cycles/<cycle_id>/awardees/<employee_no>/plan/confirmation",
             summary="인센티브 부여 확인 (전담부서)")
def confirm(cycle_id: RecordId, employee_no: EmployeeNo) -> AwardeeOut:
    return awardee_out(awards.confirm(current_caller(router), cycle_id, employee_no))


@router.get("/selection/cycles/<cycle_id>/statistics",
            summary="회차 통계 (전담부서, 감사부서): 경로별 추천, 후보, 집단별 투표 수, 등급별 수상, 파격적 인센티브")
def statistics(cycle_id: RecordId) -> StatisticsOut:
    return StatisticsOut(**awards.statistics(current_caller(router), cycle_id))


@router.get("/selection/results/<cycle_id>", middlewares=[rate_limited("public_read")],
            summary="선발 결과 (공개): 수상자의 이름, 부서, 등급, 사례만",
            description="위원회가 선발하기 전이거나 없는 회차는 published: false 와 빈 목록입니다.")
def results(cycle_id: RecordId) -> ResultList:
    cycle, found = awards.results(cycle_id)
    return ResultList(cycle_id=cycle_id, name=cycle.name if cycle else None, published=cycle is not None, results=[
        ResultOut(name=a.name, department=a.department, tier=a.tier, tier_name=tier.name if tier else a.tier,
                  case_title=a.case_title) for a, tier in found],
        departments=[DepartmentResultOut(department=c.department, department_name=c.department_name, tier=c.tier,
                                         tier_name=tier.name if tier else c.tier, case_title=c.case_title)
                     for c, tier in (departments.awarded(cycle_id) if cycle else [])])
