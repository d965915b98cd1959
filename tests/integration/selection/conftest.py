"""The selection against the emulated stack: staff projected through the real directory-event consumer (events built
with the directory's own models), the API called through its real handler, the committee's answers through the real
consumer.

U1 is the dedicated unit (aa_unit, ADM); H1 heads FIN, H2 heads WEL; E1 (FIN, 일반직), E2 (FIN, 공무직), E3 and E4
(WEL, 일반직) are nominees; HR1 is HR, A1 the audit office, O1 staff with no part. Residents are `resident(sub)`,
their tokens carrying the verified phone the demo's ballots ask for."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from contracts.committee import CommitteeResolved, ItemKind
from contracts.directory import EmployeeJoined
from tests import builders
from tests.builders import LambdaContext, eventbridge_event, resident_claims, sqs_event, staff_claims
from tests.integration.mileage.conftest import one_request_at_a_time  # noqa: F401 (a fixture)

STAFF: dict[str, tuple[str, list[str], str]] = {
    "U1": ("ADM", ["staff", "aa_unit"], "일반직"),
    "H1": ("FIN", ["staff", "dept_head"], "일반직"),
    "H2": ("WEL", ["staff", "dept_head"], "일반직"),
    "E1": ("FIN", ["staff"], "일반직"),
    "E2": ("FIN", ["staff"], "공무직"),
    "E3": ("WEL", ["staff"], "일반직"),
    "E4": ("WEL", ["staff"], "일반직"),
    "HR1": ("ADM", ["staff", "hr"], "일반직"),
    "A1": ("AUD", ["staff", "audit"], "일반직"),
    "O1": ("CON", ["staff"], "일반직"),
}
CYCLE = "2026-H2"


def resident(subject: str = "resident-1") -> dict[str, Any]:
    return {**resident_claims(subject), "phone_number_verified": "true"}


def claims(who: str | dict | None) -> dict | None:
    if who is None or isinstance(who, dict):
        return who
    department, roles, _ = STAFF[who]
    return staff_claims(who, department, *[r for r in roles if r != "staff"])


def joined(employee_no: str, **override: Any):
    department, roles, employment_type = STAFF[employee_no]
    data = {"employee_no": employee_no, "department": department, "roles": roles, "active": True, "grade": 6,
            "employment_type": employment_type, "team_leader": False, "version": 1, **override}
    return EmployeeJoined(**data).envelope()


def deliver(handler, *envelopes) -> None:
    assert handler(sqs_event(*(eventbridge_event(e) for e in envelopes)), LambdaContext()) == {
        "batchItemFailures": []}


def project(*envelopes) -> None:
    from selection import on_directory_event

    deliver(on_directory_event.handler, *envelopes)


def resolution(cycle_id: str, what: str, *, outcome: str = "passed",
               selections: dict[str, str | None] | None = None):
    """The committee's answer as its own model writes it (the contract test feeds the committee's real one)."""
    return CommitteeResolved(item_id=f"REQ-{what}", origin_area="selection", origin_case_id=f"{cycle_id}:{what}",
                             kind=ItemKind.SELECTION, meeting_id="M-1", outcome=outcome, counts={},
                             selections=selections or {}, present=9, resolved_on=date(2026, 11, 30)).envelope()


class Api:
    def __call__(self, method: str, path: str, who: str | dict | None, body: Any = None,
                 query: dict[str, str] | None = None) -> tuple[int, Any]:
        return builders.call_api("selection", method, path, claims=claims(who), body=body, query=query)

    def file(self, path: str, who: str, query: dict[str, str]) -> bytes:
        """A GET answering a file: its bytes (base64-decoded where the handler encoded them)."""
        import base64

        from selection.api import handler

        response = handler(builders.api_event("GET", path, claims=claims(who), query=query), LambdaContext())
        assert response["statusCode"] == 200, response
        body = response["body"]
        return base64.b64decode(body) if response.get("isBase64Encoded") else body.encode("utf-8")

    def ok(self, method: str, path: str, who: str | dict | None, body: Any = None, status: int = 200) -> Any:
        got, answer = self(method, path, who, body)
        assert got == status, answer
        return answer

    def cycle(self, code: str = "H2", year: int = 2026, resolve: bool = True) -> str:
        cycle = self.ok("POST", "/selection/cycles", "U1", {"year": year, "code": code, "reason": "시범 운영"}, 201)
        if resolve:
            self.resolve(cycle["cycle_id"], "criteria")
        return cycle["cycle_id"]

    def resolve(self, cycle_id: str, what: str, **kwargs: Any) -> None:
        from selection import on_committee_resolved

        deliver(on_committee_resolved.handler, resolution(cycle_id, what, **kwargs))

    def move(self, cycle_id: str, to: str, who: str = "U1") -> dict:
        return self.ok("POST", f"/selection/cycles/{cycle_id}/phase", who, {"to": to, "reason": "일정 조정"})

    def nominate(self, cycle_id: str, employee_no: str, who: str | dict = "H1", **fields: Any) -> tuple[int, Any]:
        body = {"employee_no": employee_no, "nominee_name": f"이름{employee_no}", "criterion": "regulation",
                "case_title": "인허가 절차 간소화", "achievement": "민원 처리 기간을 절반으로 줄였습니다.", **fields}
        if isinstance(who, dict):
            return self("POST", f"/selection/resident/cycles/{cycle_id}/nominations", who, body)
        body.setdefault("channel", "department")
        return self("POST", f"/selection/cycles/{cycle_id}/nominations", who, body)

    def voting(self, code: str = "H2", year: int = 2026) -> str:
        """A cycle in its vote with candidates E1 (FIN), E3 and E4 (WEL)."""
        cycle_id = self.cycle(code, year)
        self.move(cycle_id, "NOMINATION")
        assert self.nominate(cycle_id, "E1")[0] == 201
        assert self.nominate(cycle_id, "E3", "H2")[0] == 201
        assert self.nominate(cycle_id, "E4", resident("r-nominator"))[0] == 201
        self.move(cycle_id, "REVIEW")
        self.move(cycle_id, "VOTING")
        return cycle_id

    def awarded(self, year: int, *, requested: bool = False, granted: bool = False) -> str:
        """A cycle whose committee selected E4 (grand), with E4's plan (an exceptional incentive); `requested`: sent
        to HR; `granted`: HR granted it."""
        cycle_id = self.voting(year=year)
        assert self.ballot(cycle_id, "H1", ["E4"])[0] == 201
        self.move(cycle_id, "COMMITTEE")
        self.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "E1": "not_selected",
                                                                             "E3": "not_selected"})
        self.ok("PUT", f"/selection/cycles/{cycle_id}/awardees/E4/plan", "U1", {"incentives": ["special_step"]})
        if requested or granted:
            self.ok("POST", f"/selection/cycles/{cycle_id}/incentive-request", "U1")
        if granted:
            self.ok("POST", f"/selection/cycles/{cycle_id}/awardees/E4/plan/grant", "HR1", {"reference": "발령 1"})
        return cycle_id

    def ballot(self, cycle_id: str, who: str | dict, choices: list[str]) -> tuple[int, Any]:
        path = (f"/selection/resident/cycles/{cycle_id}/ballots" if isinstance(who, dict)
                else f"/selection/cycles/{cycle_id}/ballots")
        return self("POST", path, who, {"choices": choices})


@pytest.fixture
def api(stack) -> Api:
    project(*(joined(no) for no in STAFF))
    return Api()
