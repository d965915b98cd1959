"""/directory/offices: the statutory offices, who holds them, what they do here, and what the roster is missing."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.county import county
from common.identity import ROLE_LABELS_KO
from directory import offices
from directory.models import OfficeHolderOut, OfficeOut, OfficesOut, OfficeWarningOut
from directory.routes import caller_of

router = APIGatewayHttpRouter()


@router.get("/directory/offices",
            summary="적극행정 직위(전담부서·책임관·보호관·감사기구의 장·위원장·간사)와 맡은 사람, 업무, 빈 직위 경고")
def list_offices() -> OfficesOut:
    held, warnings = offices.offices(caller_of(router))
    section = county().offices
    return OfficesOut(
        offices=[OfficeOut(office=office.value, label=ROLE_LABELS_KO[office],
                           holders=[OfficeHolderOut(employee_no=h.employee_no, name=h.name, department=h.department,
                                                    since=h.since) for h in holders],
                           duties=[duty.value for duty in section.duties_of(office)])
                 for office, holders in held.items()],
        warnings=[OfficeWarningOut(**warning.as_dict()) for warning in warnings])
