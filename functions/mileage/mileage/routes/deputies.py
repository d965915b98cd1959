"""Deputy grantors (직무대리): designated by the department's head for a date range; read by the head and audit."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import DepartmentCode
from mileage import deputies
from mileage.models import DeputyOut, DeputyRequest

router = APIGatewayHttpRouter()


@router.put("/mileage/departments/<department>/deputy", summary="직무대리 지정·교체 (그 부서의 부서장)",
            description="부서마다 한 명: 다시 지정하면 바뀝니다. 지자체가 직무대리를 허용해야 합니다.")
def designate(department: DepartmentCode, body: DeputyRequest) -> DeputyOut:
    return deputies.designate(current_caller(router), department, body)


@router.get("/mileage/departments/<department>/deputy", summary="직무대리 조회 (그 부서의 부서장, 감사부서)")
def read(department: DepartmentCode) -> DeputyOut:
    return deputies.read(current_caller(router), department)


@router.delete("/mileage/departments/<department>/deputy", summary="직무대리 해제 (그 부서의 부서장)")
def remove(department: DepartmentCode) -> Response[None]:
    deputies.remove(current_caller(router), department)
    return Response(204)
