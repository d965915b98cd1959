"""/directory/departments: the departments, and a department's members as the caller may see them."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.params import DepartmentCode
from directory import people
from directory.models import DepartmentList, DepartmentOut, StaffList
from directory.routes import caller_of, staff_summary
from directory.rules.records import Department

router = APIGatewayHttpRouter()


def _department(dept: Department) -> DepartmentOut:
    return DepartmentOut(code=dept.code, name=dept.name, bureau=dept.bureau, kind=dept.kind,
                         head_employee_no=dept.head_employee_no, active=dept.active)


@router.get("/directory/departments", summary="부서 목록")
def list_departments() -> DepartmentList:
    return DepartmentList(departments=[_department(d) for d in people.departments(caller_of(router))])


@router.get("/directory/departments/<code>", summary="부서 정보")
def get_department(code: DepartmentCode) -> DepartmentOut:
    return _department(people.department(caller_of(router), code))


@router.get("/directory/departments/<code>/members",
            summary="부서원 목록 (직원: 본인만, 부서장: 자기 부서, 감사·인사·관리자: 전체)")
def list_members(code: DepartmentCode) -> StaffList:
    return StaffList(staff=[staff_summary(s) for s in people.members(caller_of(router), code)])
