"""Selection routes for the warm-request bench: a cycle in its vote with 20 candidates (projected employees of their
own, nominated as contest winners by the unit) and a few ballots."""

from __future__ import annotations

from typing import Any

from bench.routes import RouteCase
from tests.builders import LambdaContext, api_event, resident_claims, staff_claims

ORDER = 3
UNIT = staff_claims("2026003", "AUD", "audit", "aa_unit")
STAFF = staff_claims("2026013", "FIN")
RESIDENT = {**resident_claims("bench-resident"), "phone_number_verified": "true"}


def voting_cycle(unit: Any, departments: dict[str, str]) -> str:
    """A cycle of 2026 in its vote: each employee number of `departments` projected from the directory in its
    department, then nominated as a contest winner by `unit` (the dedicated unit's caller)."""
    from contracts.directory import EmployeeJoined
    from selection import cycles, nominations, staff
    from selection.models import CycleIn, PhaseIn, StaffNominationIn
    from selection.storage import cycles as cycle_store

    for no, department in departments.items():
        staff.apply_directory(EmployeeJoined(employee_no=no, department=department, roles=["staff"], active=True,
                                             grade=6, employment_type="일반직", team_leader=False,
                                             version=1).envelope())
    cycle_id = cycles.create(unit, CycleIn(year=2026, code="H2", reason="bench")).cycle_id
    cycle_store.record_criteria(cycle_id, outcome="passed", resolved_on="2026-08-01")
    cycles.move_by_hand(unit, cycle_id, PhaseIn(to="NOMINATION", reason="bench"))
    for no in departments:
        nominations.by_staff(unit, cycle_id, StaffNominationIn(
            channel="contest", employee_no=no, nominee_name=f"후보{no}", criterion="regulation",
            case_title="경진대회 수상 사례", achievement="민원 처리 기간을 절반으로 줄였습니다."))
    cycles.move_by_hand(unit, cycle_id, PhaseIn(to="REVIEW", reason="bench"))
    cycles.move_by_hand(unit, cycle_id, PhaseIn(to="VOTING", reason="bench"))
    return cycle_id


def cases(rounds: int) -> list[RouteCase]:
    from common.identity import Caller, Role
    from selection import voting
    from selection.api import handler

    unit = Caller(subject="bench", roles=frozenset({Role.STAFF, Role.AA_UNIT}), employee_no="2026003",
                  department="AUD")
    numbers = [f"S{n:03d}" for n in range(20)]
    cycle_id = voting_cycle(unit, dict.fromkeys(numbers, "WEL"))
    for n in range(5):
        voter = Caller(subject=f"bench-{n}", roles=frozenset({Role.RESIDENT}))
        voting.cast(voter, cycle_id, numbers[n:n + 3], resident=True, claims={"phone_number_verified": "true"})
    context = LambdaContext(function_name="selection")

    def call(method: str, path: str, claims: dict[str, Any] | None, **kwargs: Any) -> Any:
        return lambda: handler(api_event(method, path, claims=claims, **kwargs), context)

    return [
        RouteCase("GET /selection/cycles", call("GET", "/selection/cycles", STAFF)),
        RouteCase("GET /selection/cycles/{cycle_id}", call("GET", f"/selection/cycles/{cycle_id}", STAFF)),
        RouteCase("GET /selection/cycles/{cycle_id}/candidates",
                  call("GET", f"/selection/cycles/{cycle_id}/candidates", STAFF)),
        RouteCase("GET /selection/resident/cycles/{cycle_id}/candidates",
                  call("GET", f"/selection/resident/cycles/{cycle_id}/candidates", RESIDENT)),
        RouteCase("GET /selection/cycles/{cycle_id}/nominations",
                  call("GET", f"/selection/cycles/{cycle_id}/nominations", UNIT)),
        RouteCase("GET /selection/results/{cycle_id}", call("GET", f"/selection/results/{cycle_id}", None)),
    ]
