"""Candidates: the staff's list (the unit's review preview before the vote) and the residents' ballot list."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from common.http import current_caller
from common.params import RecordId
from selection import voting
from selection.models import CandidateList, CandidateOut, ExclusionOut

router = APIGatewayHttpRouter()


def candidate_list(cycle: Any, final: bool, found: list[Any]) -> CandidateList:
    return CandidateList(cycle_id=cycle.cycle_id, phase=cycle.phase, final=final, candidates=[
        CandidateOut(employee_no=c.employee_no, name=c.name, department=c.department, case_title=c.case_title,
                     criterion=c.criterion, kind=c.kind, flagship_task=c.flagship_task,
                     excluded=None if final else [ExclusionOut(employee_no=e.employee_no, kind=e.kind.value,
                                                               reason=e.reason, source=e.source,
                                                               until=e.until.isoformat() if e.until else None)
                                                  for e in barred])
        for c, barred in found])


@router.get("/selection/cycles/<cycle_id>/candidates",
            summary="후보 (투표 시작 후 직원; 그 전에는 전담부서의 예비심사 미리보기와 제외 사유)")
def staff_list(cycle_id: RecordId) -> CandidateList:
    return candidate_list(*voting.candidates(current_caller(router), cycle_id))


@router.get("/selection/resident/cycles/<cycle_id>/candidates", summary="투표 후보 (로그인한 주민)")
def resident_list(cycle_id: RecordId) -> CandidateList:
    return candidate_list(*voting.ballot_list(current_caller(router), cycle_id))
