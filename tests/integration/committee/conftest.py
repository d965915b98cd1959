"""The committee against the emulated stack: members projected through the real directory-event consumer (events
built with the directory's own models), the API called through its real handler.

Nine members keep every demo rule: D1 (ADM) holds committee_chair (taken as the deputy head), K1 (AUD) is the audit
head, M1 (FIN) an ex-officio member, CIV-1..6 civilians (3 F, 3 M). SEC is the committee secretary (not a member),
P1 a FIN employee who is an item's party, O1 staff with no part in the committee."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from common.clock import today
from contracts.directory import CommitteeMemberAppointed, EmployeeJoined
from tests import builders
from tests.builders import LambdaContext, eventbridge_event, sqs_event, staff_claims
from tests.integration.mileage.conftest import one_request_at_a_time  # noqa: F401 (a fixture)

STAFF: dict[str, tuple[str, list[str]]] = {
    "D1": ("ADM", ["staff", "committee", "committee_chair"]),
    "K1": ("AUD", ["staff", "committee", "audit_head", "audit"]),
    "M1": ("FIN", ["staff", "committee"]),
    "SEC": ("AUD", ["staff", "committee_secretary"]),
    "P1": ("FIN", ["staff"]),
    "O1": ("WEL", ["staff"]),
}
CIVILIANS = {f"CIV-{n}": "F" if n <= 3 else "M" for n in range(1, 7)}
MEMBERS = ["EMP-D1", "EMP-K1", "EMP-M1", *CIVILIANS]
DESIGNATED = [m for m in MEMBERS if m != "EMP-D1"]


def claims(who: str) -> dict[str, Any]:
    if who in CIVILIANS:  # the account the directory opens for them: username their id, `committee` only
        return {"sub": f"sub-{who}", "cognito:username": who, "cognito:groups": "[committee]", "token_use": "id"}
    department, roles = STAFF[who]
    return staff_claims(who, department, *[r for r in roles if r != "staff"])


def joined(employee_no: str, **override: Any):
    department, roles = STAFF[employee_no]
    data = {"employee_no": employee_no, "department": department, "roles": roles, "active": True, "grade": 5,
            "employment_type": "일반직", "team_leader": False, "version": 1, **override}
    return EmployeeJoined(**data).envelope()


def appointed(member_id: str, gender: str):
    term = today() - timedelta(days=30), today() + timedelta(days=700)
    return CommitteeMemberAppointed(member_id=member_id, gender=gender, term_start=term[0],
                                    term_end=term[1]).envelope()


def project(*envelopes) -> dict:
    from committee import on_directory_event

    return on_directory_event.handler(sqs_event(*(eventbridge_event(e) for e in envelopes)), LambdaContext())


class Api:
    def __call__(self, method: str, path: str, who: str | dict | None, body: Any = None,
                 query: dict[str, str] | None = None) -> tuple[int, Any]:
        return builders.call_api("committee", method, path, claims=claims(who) if isinstance(who, str) else who,
                                 body=body, query=query)

    def item(self, **fields: Any) -> dict:
        body = {"kind": "exemption_recommendation", "title": "면책 건의: 도로 보수 선집행",
                "parties": [{"employee_no": "P1", "department": "FIN"}], **fields}
        status, item = self("POST", "/committee/items", "SEC", body)
        assert status == 201, item
        return item

    def meeting(self, kind: str = "ad_hoc", designated: list[str] | None = None, **fields: Any) -> dict:
        body = {"kind": kind, "title": "제3차 적극행정위원회", "chair_id": "EMP-D1",
                "designated": DESIGNATED if designated is None else designated, **fields}
        if kind != "written":
            body.setdefault("held_on", (today() + timedelta(days=3)).isoformat())
        status, meeting = self("POST", "/committee/meetings", "SEC", body)
        assert status == 201, meeting
        return meeting

    def sitting_item(self, present: list[str] | None = None, kind: str = "ad_hoc", **fields: Any) -> str:
        """An item on a meeting with attendance recorded: its id."""
        item, meeting = self.item(**fields), self.meeting(kind)
        assert self("PUT", f"/committee/meetings/{meeting['meeting_id']}/items/{item['item_id']}", "SEC")[0] == 200
        if kind != "written":
            self.open(meeting["meeting_id"])
            status, _ = self("PUT", f"/committee/meetings/{meeting['meeting_id']}/attendance", "SEC",
                             {"present": MEMBERS if present is None else present})
            assert status == 200
        return item["item_id"]

    def open(self, meeting_id: str) -> None:
        """The chair (D1) opens the meeting."""
        status, body = self("POST", f"/committee/meetings/{meeting_id}/opening", "D1")
        assert status == 200, body

    def declare(self, item_id: str, who: str, **body: Any) -> tuple[int, Any]:
        return self("POST", f"/committee/items/{item_id}/declarations", who, body)

    def vote(self, item_id: str, who: str, choice: str = "for", **body: Any) -> tuple[int, Any]:
        return self("POST", f"/committee/items/{item_id}/votes", who, {"choice": choice, **body})


@pytest.fixture
def api(stack) -> Api:
    project(*(joined(no) for no in STAFF), *(appointed(m, g) for m, g in CIVILIANS.items()))
    return Api()


def member_caller(member_id: str) -> str:
    """The API caller name of a member id (`EMP-D1` → `D1`)."""
    return member_id.removeprefix("EMP-")
