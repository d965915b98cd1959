"""/committee/members: the serving members and the composition's breaches of the county's rules."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from committee import members
from committee.models import BreachOut, MemberOut, RosterOut
from common.http import current_caller

router = APIGatewayHttpRouter()


@router.get("/committee/members", summary="위원 명단과 구성 기준 위반 (위원, 간사)",
            description="이름은 없습니다 (직원 명부 GET /directory/committee/members). "
                        "위반은 거부하지 않고 나열합니다.")
def roster() -> RosterOut:
    serving, breaches = members.roster(current_caller(router))
    return RosterOut(
        members=[MemberOut(member_id=m.member_id, civilian=m.civilian, gender=m.gender, term_start=m.term_starts,
                           term_end=m.term_ends, employee_no=m.employee_no, department=m.department,
                           audit_head=m.audit_head, chair=m.chair) for m in serving],
        breaches=[BreachOut(**b.as_dict()) for b in breaches])
