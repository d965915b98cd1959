"""The directory's HTTP edge, one module per resource: parse, who is calling, one call into the area, shape the
answer. What the modules share: the caller of the current request, and a staff record as a list row."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.identity import Caller, caller_from_event
from directory.models import StaffSummary
from directory.rules.records import Staff


def caller_of(router: APIGatewayHttpRouter) -> Caller:
    return caller_from_event(router.current_event.raw_event)


def staff_summary(staff: Staff) -> StaffSummary:
    return StaffSummary(employee_no=staff.employee_no, name=staff.name, department=staff.department,
                        grade=staff.grade, employment_type=staff.employment_type, team_leader=staff.team_leader,
                        active=staff.active, roles=staff.groups)
