"""The mileage area against the emulated stack: staff projected through the real directory-event consumer, the API
called through its real handler."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from common.clock import today
from contracts.directory import EmployeeChanged, EmployeeJoined, EmployeeLeft
from tests import builders
from tests.builders import (
    LambdaContext,
    demo_county_with,
    eventbridge_event,
    sqs_event,
    staff_claims,
)

YESTERDAY = (today() - timedelta(days=1)).isoformat()

# employee_no: (department, roles, grade, employment_type, team_leader)
PEOPLE: dict[str, tuple[str, list[str], int | None, str, bool]] = {
    "H1": ("FIN", ["staff", "dept_head"], 5, "일반직", True),     # 재무과장
    "E1": ("FIN", ["staff"], 7, "일반직", False),
    "E2": ("FIN", ["staff"], 6, "일반직", True),                  # 6급 팀장: may earn
    "E3": ("FIN", ["staff"], 5, "일반직", False),                 # 5급: may not
    "E4": ("FIN", ["staff"], None, "공무직", False),              # ungraded: may not
    "H2": ("TAX", ["staff", "dept_head"], 5, "일반직", True),
    "T1": ("TAX", ["staff"], 8, "일반직", False),
    "A1": ("AUD", ["staff", "audit"], 6, "일반직", False),
    "A2": ("AUD", ["staff", "audit"], 6, "일반직", False),
    "P1": ("PLAN", ["staff", "panel"], 4, "일반직", False),
    "U1": ("PLAN", ["staff", "aa_unit"], 6, "일반직", False),    # 적극행정 전담부서 (approves where mapped so)
    "R1": ("HRD", ["staff", "hr"], 6, "일반직", False),
}


def claims(employee_no: str) -> dict[str, Any]:
    department, roles, *_ = PEOPLE[employee_no]
    return staff_claims(employee_no, department, *[r for r in roles if r != "staff"])


def directory_event(detail_type: str, employee_no: str, **override: Any):
    """A directory event about one of PEOPLE, built with the directory's own models (`contracts.directory`): what
    the directory publishes for them (tests/integration/test_event_contracts.py feeds mileage the real ones)."""
    department, roles, grade, employment_type, team_leader = PEOPLE[employee_no]
    if detail_type == "EmployeeLeft":
        kept = [r for r in roles if r not in ("dept_head", "committee")]
        return EmployeeLeft(employee_no=employee_no, department=department, roles=kept, version=2,
                            changed=["active"], **override).envelope()
    data = {"employee_no": employee_no, "department": department, "roles": roles, "active": True, "grade": grade,
            "employment_type": employment_type, "team_leader": team_leader, **override}
    if detail_type == "EmployeeChanged":
        return EmployeeChanged(**{"version": 2, "changed": sorted(override)} | data).envelope()
    assert detail_type == "EmployeeJoined", detail_type
    return EmployeeJoined(**{"version": 1} | data).envelope()


def project(*envelopes) -> dict:
    from mileage import on_employee_event

    return on_employee_event.handler(sqs_event(*(eventbridge_event(e) for e in envelopes)), LambdaContext())


class Api:
    approver = "A1"  # who approves in the running county (`offices.duties` mileage.approver)

    def __call__(self, method: str, path: str, who: str | dict | None, body: Any = None,
                 headers: dict[str, str] | None = None, query: dict[str, str] | None = None) -> tuple[int, Any]:
        return builders.call_api("mileage", method, path, claims=claims(who) if isinstance(who, str) else who,
                                 body=body, headers=headers, query=query)

    def grant(self, who: str | dict = "H1", *, recipients: list | None = None, **fields: Any) -> tuple[int, Any]:
        body = {"item_code": "PROCESS", "points": 3, "act_title": "민원 처리 절차 간소화", "act_date": YESTERDAY,
                "recipients": recipients or [{"employee_no": "E1"}], **fields}
        return self("POST", "/mileage/grants", who, body)

    def granted(self, who: str | dict = "H1", **fields: Any) -> dict:
        status, body = self.grant(who, **fields)
        assert status == 201, body
        return body["grants"][0]

    def approve(self, grant_id: str, who: str | None = None) -> tuple[int, Any]:
        return self("POST", f"/mileage/grants/{grant_id}/approve", who or self.approver)

    def credited(self, points: int, employee_no: str = "E1", title: str | None = None) -> str:
        grant = self.granted(points=points, recipients=[{"employee_no": employee_no}],
                             act_title=title or f"행위 {points} {employee_no}", item_code="FIELD_CHECK")
        status, body = self.approve(grant["grant_id"])
        assert status == 200, body
        return grant["grant_id"]

    def balance(self, employee_no: str = "E1") -> dict:
        status, body = self("GET", f"/mileage/accounts/{employee_no}", self.approver)
        assert status == 200, body
        return body


@pytest.fixture
def api(stack) -> Api:
    """The stack with every person in PEOPLE projected through the directory-event consumer.

    The table's stream records are dropped here (moto internals): these tests read the outbox from its index, and
    moto deep-copies the whole table, stream records included, once per item of every transaction (≈250 ms a grant
    after a hundred)."""
    from moto.dynamodb.models import dynamodb_backends

    dynamodb_backends["123456789012"]["ap-northeast-2"].tables[stack.physical("MileageTable")].stream_shard = None
    assert project(*(directory_event("EmployeeJoined", no) for no in PEOPLE)) == {"batchItemFailures": []}
    return Api()


def outbox(stack) -> list[dict]:
    """Mileage's pending events, oldest first, as the JSON the relay publishes."""
    return [envelope.model_dump(mode="json") for envelope in builders.outbox("mileage")]


def events_of(stack, detail_type: str) -> list[dict]:
    return [e for e in outbox(stack) if e["detail_type"] == detail_type]


@pytest.fixture
def one_request_at_a_time(monkeypatch):
    """moto's in-process DynamoDB is not thread-safe (transactions deep-copy tables while another thread writes), so
    each AWS request runs alone — as DynamoDB serialises writes to one item. Our code's read → decide → conditional
    write still interleaves freely between threads, which is what these tests are about."""
    import threading

    from botocore.client import BaseClient

    lock = threading.Lock()
    original = BaseClient._make_api_call

    def serialised(self, operation_name, api_params):
        with lock:
            return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", serialised)


@pytest.fixture
def deputies_allowed(tmp_path, monkeypatch):
    """The demo county with `grantors.deputies_allowed: true`."""
    from mileage.rules import policy

    with demo_county_with(tmp_path, monkeypatch, "    deputies_allowed: false\n", "    deputies_allowed: true\n",
                          policy._cached_policy):
        yield
