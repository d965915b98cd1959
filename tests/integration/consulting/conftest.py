"""Consulting against the emulated stack: the API called through its real handler, as these callers.

R1 and R2 are staff of 재무과 (FIN), R1 the requester; W1 is staff of 복지정책과 (WEL); A1 an auditor (`audit`: the
demo's `consulting.screening`); H1 the audit head (`consulting.escalation`, `consulting.exemption`); O1 the AA
officer (`consulting.opinion_screening`); P1 the protection officer; U1 the dedicated unit (`consulting.litigation`)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import builders
from tests.builders import staff_claims

STAFF: dict[str, tuple[str, list[str]]] = {
    "R1": ("FIN", []), "R2": ("FIN", []), "W1": ("WEL", []), "A1": ("AUD", ["audit"]),
    "H1": ("AUD", ["audit", "audit_head"]), "O1": ("ADM", ["aa_officer"]), "P1": ("ADM", ["protection_officer"]),
    "U1": ("ADM", ["aa_unit"]),
    # for the self-dealing checks: A2 an auditor colleague of A1, X1 an acting auditor outside the audit department,
    # U2 a colleague of the dedicated unit's U1, M1 an auditor the directory has in FIN
    "A2": ("AUD", ["audit"]), "X1": ("PLN", ["audit"]), "U2": ("ADM", ["aa_unit"]), "M1": ("FIN", ["audit"]),
}
PRE = "/consulting/pre-consultings"
REQUESTS = "/consulting/opinion-requests"


def claims(who: str) -> dict[str, Any]:
    department, roles = STAFF[who]
    return staff_claims(who, department, *roles)


def pre_consulting(**fields: Any) -> dict[str, Any]:
    return {"title": "도로 점용 허가 기간 연장 가능 여부", "matter_code": "road occupancy",
            "rules_in_question": "도로법 §61, 같은 법 시행령 §55", "own_review": "연장 가능하다고 봄: 선례 2건",
            "documents": ["consulting/FIN/1/review.pdf"], "private_interest": False, "information_complete": True,
            **fields}


def opinion_request(**fields: Any) -> dict[str, Any]:
    return {"title": "인허가 의제 처리 기준", "matter_code": "ROAD-OCCUPANCY",
            "rules_in_question": "도로법 §61", "own_review": "해석이 엇갈림", "private_interest": False,
            "information_complete": True, **fields}


class Api:
    def __call__(self, method: str, path: str, who: str | dict | None, body: Any = None,
                 query: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        return builders.call_api("consulting", method, path, claims=claims(who) if isinstance(who, str) else who,
                                 body=body, query=query, headers=headers)

    def filed(self, who: str = "R1", **fields: Any) -> dict:
        status, case = self("POST", PRE, who, pre_consulting(**fields))
        assert status == 201, case
        return case

    def move(self, case_id: str, step: str, who: str, body: Any = None, expect: int = 200) -> dict:
        status, case = self("POST", f"{PRE}/{case_id}/{step}", who, body)
        assert status == expect, case
        return case

    def accepted(self) -> str:
        case_id = self.filed()["case_id"]
        self.move(case_id, "acceptance", "A1")
        return case_id

    def requested(self, who: str = "R1", **fields: Any) -> dict:
        status, case = self("POST", REQUESTS, who, opinion_request(**fields))
        assert status == 201, case
        return case


@pytest.fixture(scope="module")
def shared_stack():
    """The `stack` fixture (tests/conftest.py) for a whole module: a module whose tests look only at their own cases
    overrides `stack` with it, saving the stack's creation per test (as complaints' tests do)."""
    from tests import conftest

    yield from conftest.stack.__wrapped__()


@pytest.fixture
def api(stack) -> Api:
    from moto.dynamodb.models import dynamodb_backends

    # moto copies a table's stream records with every transaction (slower with each write); nothing here reads them
    dynamodb_backends["123456789012"]["ap-northeast-2"].tables[stack.physical("ConsultingTable")].stream_shard = None
    for key in UPLOADED:
        uploaded(key)
    seed_staff()
    return Api()


def seed_staff(people: dict[str, tuple[str, list[str]]] = STAFF) -> None:
    """The directory's EmployeeJoined for each person, through consulting's staff projection (the department an
    actor is checked against)."""
    from consulting.on_directory_event import handler
    from contracts.directory import EmployeeJoined

    envelopes = [EmployeeJoined(employee_no=number, department=department, roles=["staff", *roles], active=True,
                                grade=7, employment_type="일반직", team_leader=False, version=1).envelope()
                 for number, (department, roles) in people.items()]
    result = handler(builders.sqs_event(*map(builders.eventbridge_event, envelopes)), builders.LambdaContext())
    assert result == {"batchItemFailures": []}, result


UPLOADED = ("consulting/FIN/1/review.pdf", "consulting/FIN/2/a.pdf")


def uploaded(key: str) -> None:
    """A file in the evidence bucket, as the presigned POST would have put it."""
    import os

    import boto3

    boto3.client("s3").put_object(Bucket=os.environ["EVIDENCE_BUCKET"], Key=key, Body=b"%PDF-1.7")


EXEMPTIONS = "/consulting/exemptions"


def exemption(**fields: Any) -> dict[str, Any]:
    return {"matter_code": "ROAD-OCCUPANCY", "audit_ref": "2026 종합감사 3호", "audit_ended_on": "2026-11-20",
            "act_summary": "도로 점용 허가 기간을 연장함",
            "criteria": {"public_interest": "주민 통행 안전", "active_handling": "선례 검토 후 연장",
                         "no_intent_or_gross_negligence": "사전컨설팅 의견대로 처리"},
            "private_interest": False, "serious_procedural_defect": False, **fields}


def file_exemption(api: Api, who: str = "R1", **fields: Any) -> dict[str, Any]:
    status, made = api("POST", EXEMPTIONS, who, exemption(**fields))
    assert status == 201, made
    return made
