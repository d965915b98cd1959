"""Event contracts, publisher → consumer (issue #9 §3): each consumer is fed its publisher's REAL outbox entries — what
the publisher's own code wrote in its own transaction, never an event built by hand — as the relay, the bus and the
queue would hand them over (an SQS batch of EventBridge events), and does what it is for.

    directory (roster import) → mileage's staff projection (`mileage.on_employee_event`)
    directory (roster import) → the Cognito sync (`directory.on_employee_event`)
    mileage (redemption)      → fulfilment (`mileage.on_redemption_requested`)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import boto3
import pytest

from common.clock import today
from common.events import EventEnvelope
from tests.builders import LambdaContext, call_api, eventbridge_event, outbox, sqs_event, staff_claims, typed

DEMO = Path(__file__).resolve().parents[2] / "infra" / "demo"
ADMIN = staff_claims("2026010", "ADM", "admin")


def deliver(handler, envelopes: list[EventEnvelope]) -> None:
    """Through the consumer's SQS entry point, in batches of ten (the queue's batch size)."""
    for start in range(0, len(envelopes), 10):
        batch = sqs_event(*(eventbridge_event(e) for e in envelopes[start:start + 10]))
        assert handler(batch, LambdaContext()) == {"batchItemFailures": []}


def import_roster(kind: str, data: bytes, **query: str) -> dict:
    status, body = call_api("directory", "POST", "/directory/imports", claims=ADMIN, query={"kind": kind, **query},
                            raw_body=data, headers={"content-type": "text/csv"})
    assert status == 200, body
    return body


@pytest.fixture
def roster(stack) -> list[EventEnvelope]:
    """The demo roster imported through the directory's API: the events it wrote."""
    from moto.dynamodb.models import dynamodb_backends

    # moto copies a table's stream records with every transaction; nothing here reads them (the outbox is read)
    dynamodb_backends["123456789012"]["ap-northeast-2"].tables[stack.physical("MileageTable")].stream_shard = None
    import_roster("departments", (DEMO / "departments.csv").read_bytes())
    import_roster("staff", (DEMO / "staff.csv").read_bytes())
    return outbox("directory")


# ------------------------------------------------------------------------------------------------ directory → mileage
def test_the_directorys_roster_events_build_mileages_staff_and_heads(roster):
    from contracts.directory import EmployeeJoined, EmployeeLeft
    from mileage import on_employee_event
    from mileage.storage.staff import get_department_head, get_staff

    joined = [typed(e) for e in roster if e.detail_type == "EmployeeJoined"]
    assert len(joined) == 31 and all(isinstance(event, EmployeeJoined) for event in joined)

    deliver(on_employee_event.handler, roster)  # every event the import wrote, role grants included

    for event in joined:
        member = get_staff(event.employee_no)
        assert member is not None, event.employee_no
        assert (member.department, sorted(member.roles), member.active, member.grade, member.employment_type,
                member.team_leader) == (event.department, sorted(event.roles), True, event.grade,
                                        event.employment_type, event.team_leader)
    heads = {e.department: e.employee_no for e in joined if "dept_head" in e.roles}
    assert heads and heads["FIN"] == "2026011"
    for department, employee_no in heads.items():
        assert get_department_head(department).employee_no == employee_no

    # a leave and a move, published by the directory as it makes them, follow
    lines = (DEMO / "staff.csv").read_text(encoding="utf-8").splitlines()
    leaver = next(line.split(",")[0] for line in lines[1:] if ",FIN," in line and line.split(",")[0] != "2026011")
    assert import_roster("staff", "\n".join(line for line in lines if not line.startswith(f"{leaver},")).encode()
                         + b"\n")["left"] == 1
    import_roster("staff", "사번,성명,부서코드,직급,고용형태,팀장여부,역할\n2026011,한미경,CON,5,일반직,N,\n".encode(),
                  mode="partial")
    seen = {e.id for e in roster}
    fresh = [e for e in outbox("directory") if e.id not in seen]
    assert isinstance(typed(next(e for e in fresh if e.detail_type == "EmployeeLeft")), EmployeeLeft)
    deliver(on_employee_event.handler, fresh)

    moved = get_staff("2026011")
    assert (moved.department, "dept_head" in moved.roles) == ("CON", False)
    assert get_department_head("FIN") is None
    assert get_staff(leaver).active is False


# ------------------------------------------------------------------------------------------------ directory → Cognito
def test_the_directorys_roster_events_make_the_cognito_users(roster):
    from directory import on_employee_event

    deliver(on_employee_event.handler, roster)

    client, pool = boto3.client("cognito-idp"), os.environ["USER_POOL_ID"]
    for event in (typed(e) for e in roster if e.detail_type == "EmployeeJoined"):
        user = client.admin_get_user(UserPoolId=pool, Username=event.employee_no)
        attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        groups = client.admin_list_groups_for_user(UserPoolId=pool, Username=event.employee_no)["Groups"]
        assert (user["Enabled"], attributes.get("custom:department")) == (True, event.department)
        assert sorted(g["GroupName"] for g in groups) == sorted(event.roles), event.employee_no


# ------------------------------------------------------------------------------------------------ mileage → fulfilment
def test_a_redemptions_requested_event_is_fulfilled_by_mileages_consumer(roster):
    from contracts.mileage import MileageRedeemed, MileageRedemptionRequested
    from mileage import on_employee_event, on_redemption_requested

    deliver(on_employee_event.handler, roster)  # the staff projection, from the directory's real events
    head, auditor, me = (staff_claims("2026011", "FIN", "dept_head"), staff_claims("2026002", "AUD", "audit"),
                         staff_claims("2026013", "FIN"))
    status, granted = call_api("mileage", "POST", "/mileage/grants", claims=head, body={
        "item_code": "FIELD_CHECK", "points": 5, "act_title": "복지과와 합동 현장점검",
        "act_date": (today() - timedelta(days=1)).isoformat(), "recipients": [{"employee_no": "2026013"}]})
    assert status == 201, granted
    grant_id = granted["grants"][0]["grant_id"]
    status, body = call_api("mileage", "POST", f"/mileage/grants/{grant_id}/approve", claims=auditor)
    assert status == 200, body
    status, redemption = call_api("mileage", "POST", "/mileage/redemptions", claims=me, body={"reward_code": "COFFEE"},
                                  headers={"Idempotency-Key": "contract-1"})
    assert (status, redemption["status"]) == (201, "REQUESTED"), redemption

    requested = [e for e in outbox("mileage") if e.detail_type == "MileageRedemptionRequested"]
    assert [typed(e).redemption_id for e in requested] == [redemption["redemption_id"]]
    assert isinstance(typed(requested[0]), MileageRedemptionRequested)
    deliver(on_redemption_requested.handler, requested)

    status, done = call_api("mileage", "GET", f"/mileage/redemptions/{redemption['redemption_id']}", claims=me)
    assert (status, done["status"]) == (200, "FULFILLED") and done["voucher_code"]
    redeemed = [typed(e) for e in outbox("mileage") if e.detail_type == "MileageRedeemed"]
    assert [(type(e), e.redemption_id, e.voucher_issued) for e in redeemed] == [
        (MileageRedeemed, redemption["redemption_id"], True)]
    for envelope in outbox("mileage"):  # every event the flow wrote reads back with its publisher's model
        typed(envelope)
