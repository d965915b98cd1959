"""/directory/me and /directory/staff: people as the caller may see them, and their history."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.params import EmployeeNo
from directory import people
from directory.models import History, HistoryEntry, StaffList, StaffOut
from directory.routes import caller_of, staff_summary
from directory.rules.roster import normal_employee_no

router = APIGatewayHttpRouter()


@router.get("/directory/me", summary="내 명부 정보")
def me() -> StaffOut:
    return StaffOut(**people.me(caller_of(router)))


@router.get("/directory/staff", summary="이름으로 직원 찾기 (앞부분 일치, 재직자만)")
def search_staff(
    name: Annotated[str, Query(min_length=1, max_length=50)],
    include_inactive: Annotated[bool, Query(description="true: 퇴직자도 (인사·관리자만)")] = False,
) -> StaffList:
    found = people.search(caller_of(router), name, include_inactive=include_inactive)
    return StaffList(staff=[staff_summary(s) for s in found])


@router.get("/directory/staff/<employee_no>", summary="직원 정보 (연락처는 본인·인사·관리자에게만)")
def get_staff(employee_no: EmployeeNo) -> StaffOut:
    return StaffOut(**people.staff_record(caller_of(router), normal_employee_no(employee_no)))


@router.get("/directory/staff/<employee_no>/history", summary="인사 이력 (본인·인사·관리자)")
def staff_history(employee_no: EmployeeNo) -> History:
    employee_no = normal_employee_no(employee_no)
    entries = [HistoryEntry(at=h.at, kind=h.kind, changes=h.changes, source=h.source)
               for h in people.history(caller_of(router), employee_no)]
    return History(employee_no=employee_no, entries=entries)
