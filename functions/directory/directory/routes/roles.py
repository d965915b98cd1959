"""/directory/staff/{no}/roles and /directory/role-grants: roles set by an administrator, and the records of
powerful role grants."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.params import EmployeeNo
from directory import roles
from directory.models import RoleGrantOut, RoleGrantPage, RolesIn, RolesOut
from directory.routes import caller_of
from directory.rules.roster import normal_employee_no

router = APIGatewayHttpRouter()


@router.put("/directory/staff/<employee_no>/roles",
            summary="역할 지정 (관리자, 본인 제외). admin·audit·hr 등 강한 역할은 사유 필수, 감사부서에 공개되며 "
                    "지자체 설정에 따라 다른 관리자의 확인 뒤에 효력")
def set_roles(employee_no: EmployeeNo, body: RolesIn) -> RolesOut:
    view, held = roles.set_roles(caller_of(router), normal_employee_no(employee_no), body)
    return RolesOut(**view, pending_grants=[g.grant_id for g in held])


@router.get("/directory/role-grants", summary="강한 역할의 부여·회수 기록 (감사부서·관리자): 누가 누구에게 무엇을 "
                                              "언제 왜, 최근 순")
def list_role_grants(
    status: Annotated[Literal["all", "pending"], Query(description="pending: 확인을 기다리는 부여만")] = "all",
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    next_token: Annotated[str | None, Query(max_length=2048)] = None,
) -> RoleGrantPage:
    page = roles.grants(caller_of(router), pending_only=status == "pending", limit=limit, token=next_token)
    return RoleGrantPage(items=[RoleGrantOut(**g.__dict__) for g in page.items], next_token=page.next_token)


@router.post("/directory/role-grants/<grant_id>/confirm",
             summary="강한 역할 부여 확인 (요청한 관리자·받는 본인이 아닌 다른 관리자)")
def confirm_role_grant(grant_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]) -> RoleGrantOut:
    return RoleGrantOut(**roles.confirm(caller_of(router), grant_id).__dict__)
