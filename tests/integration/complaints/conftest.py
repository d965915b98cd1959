"""The complaints area against the emulated stack, its API called through the real handler.

People: A1 and A2 audit staff (AUD; the intake and investigation offices in the demo county), K1 the audit head
(AUD), AF an auditor who works in FIN, E1 the FIN official reported, FH the head of FIN, WH the head of WEL (the
competent department a petition is rerouted to), O1 staff of CON with no part. The reporter is a resident."""

from __future__ import annotations

from typing import Any

import pytest

from tests import builders
from tests.builders import resident_claims, staff_claims

PEOPLE: dict[str, tuple[str, list[str]]] = {
    "A1": ("AUD", ["audit"]),
    "A2": ("AUD", ["audit"]),
    "K1": ("AUD", ["audit", "audit_head"]),
    "AF": ("FIN", ["audit"]),
    "E1": ("FIN", []),
    "FH": ("FIN", ["dept_head"]),
    "WH": ("WEL", ["dept_head"]),
    "O1": ("CON", []),
}
REPORTER = {"name": "김신고", "email": "reporter.kim@example.com", "phone": "010-9876-5432"}
RESIDENT = resident_claims("resident-kim")
REPORT = {"what": "건축 허가 신청을 석 달째 이유 없이 처리하지 않고 있습니다.", "happened_on": "2026-11-02",
          "place": "재무과 민원창구", "department": "FIN", "official": "E1", "earlier_petition_no": "2026-000123",
          "harm": "공사 지연으로 매달 임대료 손실"}


def claims(who: str | dict | None) -> dict[str, Any] | None:
    if who is None or isinstance(who, dict):
        return who
    department, roles = PEOPLE[who]
    return staff_claims(who, department, *roles)


class Api:
    def __call__(self, method: str, path: str, who: str | dict | None, body: Any = None,
                 headers: dict[str, str] | None = None, query: dict[str, str] | None = None,
                 source: str | None = None) -> tuple[int, Any]:
        event: dict[str, Any] = {"body": body, "headers": headers, "query": query}
        if source is not None:  # another source address (the per-source limits count per address)
            return call_from(source, method, path, claims(who), **event)
        return builders.call_api("complaints", method, path, claims=claims(who), **event)

    def report(self, *, anonymous: bool = False, reporter: dict | None = None, **fields: Any) -> dict:
        body = {**REPORT, **fields}
        if anonymous:
            status, made = self("POST", "/complaints", None, body, source=fresh_source())
        else:
            status, made = self("POST", "/complaints/resident", RESIDENT, {**body, "reporter": reporter or REPORTER})
        assert status == 201, made
        return made

    def case_of(self, receipt: dict) -> str:
        """The case id behind a receipt (the office's list, newest first)."""
        from complaints.storage.cases import get_receipt

        return get_receipt(receipt["receipt_no"]).case_id

    def follow(self, receipt: dict, secret: str | None = None) -> tuple[int, Any]:
        return self("GET", f"/complaints/receipts/{receipt['receipt_no']}", None,
                    headers={"x-receipt-secret": secret or receipt["secret"]}, source=fresh_source())

    def received(self, petition_type: str = "grievance", **fields: Any) -> tuple[dict, str]:
        receipt = self.report(**fields)
        case_id = self.case_of(receipt)
        status, body = self("POST", f"/complaints/cases/{case_id}/acknowledgement", "A1",
                            {"petition_type": petition_type})
        assert status == 200, body
        return receipt, case_id

    def investigating(self, **fields: Any) -> tuple[dict, str]:
        receipt, case_id = self.received(**fields)
        status, body = self("POST", f"/complaints/cases/{case_id}/classification", "A1",
                            {"passive": True, "passive_type": "neglect", "reason": "정당한 사유 없는 처리 지연",
                             "harm": "임대료 손실"})
        assert status == 200, body
        return receipt, case_id

    def rerouted(self, to: str = "WEL", **fields: Any) -> tuple[dict, str]:
        receipt, case_id = self.received(**fields)
        status, body = self("POST", f"/complaints/cases/{case_id}/classification", "A1",
                            {"passive": False, "reason": "처음 신청한 민원", "not_passive_reason": "first_request",
                             "department": to})
        assert status == 200, body
        return receipt, case_id

    def decide(self, case_id: str, who: str = "A1", **fields: Any) -> tuple[int, Any]:
        body = {"findings": "접수 후 90일 동안 검토 기록 없음",
                "result": "담당자에게 주의 조치하고 신청을 즉시 처리하게 했습니다.",
                "handler": {"name": "감사 담당 이감사", "contact": "02-3396-1234"},
                "measures": [{"employee_no": "E1", "department": "FIN", "measure": "caution"},
                             {"employee_no": "FH", "department": "FIN", "measure": "warning",
                              "liability": "supervisor"}], **fields}
        return self("POST", f"/complaints/cases/{case_id}/decision", who, body)


_sources = iter(range(1, 1_000_000))


def fresh_source() -> str:
    """A source address of its own for each public call (the per-source limits are tested on purpose only)."""
    n = next(_sources)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def call_from(source: str, method: str, path: str, claims: dict | None, **event: Any) -> tuple[int, Any]:
    import importlib

    handler = importlib.import_module("complaints.api").handler
    built = builders.api_event(method, path, claims=claims, **{k: v for k, v in event.items() if v is not None})
    built["requestContext"]["http"]["sourceIp"] = source
    response = handler(built, builders.LambdaContext(function_name="complaints-api"))
    return response["statusCode"], builders.response_json(response)


@pytest.fixture(scope="module")
def shared_stack():
    """The `stack` fixture (tests/conftest.py) for a whole module: a module whose tests look only at their own cases
    overrides `stack` with it (`stack = shared`), saving the stack's creation per test."""
    from tests import conftest

    yield from conftest.stack.__wrapped__()


@pytest.fixture
def api(stack) -> Api:
    from moto.dynamodb.models import dynamodb_backends

    from complaints.clients import notifications

    # moto copies a table's stream records with every write; nothing here reads them (the outbox is read)
    dynamodb_backends["123456789012"]["ap-northeast-2"].tables[stack.physical("ComplaintsTable")].stream_shard = None
    notifications.SENT.clear()
    seed_staff()
    return Api()


def seed_staff(people: dict[str, tuple[str, list[str]]] = PEOPLE) -> None:
    """The directory's EmployeeJoined for each person, through the complaints' projection."""
    from complaints import staff
    from contracts.directory import EmployeeJoined

    for number, (department, roles) in people.items():
        event = EmployeeJoined(employee_no=number, department=department, roles=["staff", *roles], active=True,
                               grade=7, employment_type="regular", team_leader=False, version=1)
        staff.apply_directory(event.envelope())
