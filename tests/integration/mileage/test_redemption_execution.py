"""Leave and cash are executed by HR (the office mapped to mileage.redemptions): requested, they wait for HR with the
points held and a deadline; HR confirms (spent) or refuses with a reason (refunded) — once, never their own, with the
office held now (not only in the token)."""

from __future__ import annotations

from common.clock import today
from common.dynamo import find
from mileage.storage.caps import get_redemption_counter
from mileage.storage.items import Alarm
from tests.builders import staff_claims
from tests.integration.mileage.conftest import directory_event, events_of, project
from tests.integration.mileage.test_redemptions import deliver, redeem

DONE = {"reference": "인사-2026-123", "executed_on": today().isoformat()}


def confirm(api, rid: str, who="R1", body=None):
    return api("POST", f"/mileage/redemptions/{rid}/confirm", who, DONE if body is None else body)


def refuse(api, rid: str, who="R1", reason="근무 일정상 불가"):
    return api("POST", f"/mileage/redemptions/{rid}/refuse", who, {"reason": reason})


def alarm_of(rid: str):
    return find(Alarm, f"REDEEM#{rid}", "ALARM")


def test_leave_waits_for_hr_who_confirms_it_once(api, stack):
    api.credited(10)
    api.credited(5, title="두 번째")
    status, body = redeem(api, "LEAVE_1D", "leave-1")
    rid = body["redemption_id"]
    assert (status, body["status"], body["overdue"]) == (201, "AWAITING_HR", False)
    assert body["due_at"] > body["created_at"]
    assert (api.balance()["balance"], api.balance()["held"]) == (5, 10)
    assert deliver(stack) == {"batchItemFailures": []}  # the fulfilment consumer leaves it to HR
    assert api("GET", f"/mileage/redemptions/{rid}", "E1")[1]["status"] == "AWAITING_HR"
    assert events_of(stack, "MileageRedeemed") == [] and alarm_of(rid) is not None

    # HR's list: what awaits HR by default, with its due time
    status, page = api("GET", "/mileage/redemptions", "R1", query={"kind": "leave"})
    assert status == 200 and [(r["redemption_id"], r["status"], r["overdue"]) for r in page["items"]] == [
        (rid, "AWAITING_HR", False)]
    assert page["items"][0]["due_at"] == body["due_at"]

    status, done = confirm(api, rid)
    assert (status, done["status"], done["executed_by"], done["execution_reference"]) == (
        200, "FULFILLED", "R1", "인사-2026-123")
    assert done["executed_on"] == DONE["executed_on"] and done["overdue"] is None
    assert (api.balance()["balance"], api.balance()["held"]) == (5, 0)
    kinds = [e["kind"] for e in api("GET", "/mileage/accounts/E1/ledger", "E1")[1]["items"]]
    assert kinds == ["SPEND", "HOLD", "CREDIT", "CREDIT"]
    [event] = events_of(stack, "MileageRedeemed")
    assert (event["data"]["redemption_id"], event["data"]["kind"], event["data"]["voucher_issued"]) == (
        rid, "leave", False)
    assert alarm_of(rid) is None  # the clock stopped: no deadline alarm any more

    # a second confirm (or a refusal after it) changes nothing
    for again in (confirm(api, rid), refuse(api, rid)):
        assert (again[0], again[1]["code"]) == (409, "INVALID_STATE")
    assert (api.balance()["balance"], api.balance()["held"]) == (5, 0)
    assert len(events_of(stack, "MileageRedeemed")) == 1
    assert api("GET", "/mileage/redemptions", "R1", query={"kind": "leave"})[1]["items"] == []


def test_hr_refuses_cash_with_a_reason_and_the_points_come_back(api, stack):
    api.credited(10)
    rid = redeem(api, "CASH_50K", "cash-1")[1]["redemption_id"]
    assert (api.balance()["balance"], api.balance()["held"]) == (5, 5)
    assert refuse(api, rid, reason=" ")[0] == 422  # a reason is required
    status, body = refuse(api, rid)
    assert (status, body["status"], body["executed_by"]) == (200, "FAILED", "R1")
    assert "근무 일정상 불가" in body["failure_reason"]
    assert (api.balance()["balance"], api.balance()["held"]) == (10, 0)
    counter = get_redemption_counter("E1", today().year)
    assert (int(counter.points), int(counter.won)) == (0, 0)  # the yearly ceiling got it back
    [event] = events_of(stack, "MileageRedemptionFailed")
    assert (event["data"]["redemption_id"], event["data"]["status"]) == (rid, "FAILED")
    assert (confirm(api, rid)[0], confirm(api, rid)[1]["code"]) == (409, "INVALID_STATE")
    assert (api.balance()["balance"], api.balance()["held"]) == (10, 0)


def test_only_hr_now_and_never_for_their_own(api, stack):
    api.credited(10)
    rid = redeem(api, "CASH_10K", "cash-2")[1]["redemption_id"]
    for who in ("E1", "E2", "H1", "A1", "P1"):  # the owner, a colleague, the head, the approver, the panel
        status, body = confirm(api, rid, who)
        assert (status, body["code"]) == (403, "ROLE_REQUIRED"), who
        assert refuse(api, rid, who)[0] == 403, who

    # HR who redeemed: never their own (E2, made HR in the directory)
    project(directory_event("EmployeeChanged", "E2", roles=["staff", "hr"]))
    hr_e2 = staff_claims("E2", "FIN", "hr")
    api.credited(10, employee_no="E2")
    own = redeem(api, "CASH_10K", "own", who="E2")[1]["redemption_id"]
    for attempt in (confirm(api, own, hr_e2), refuse(api, own, hr_e2)):
        assert (attempt[0], attempt[1]["code"]) == (403, "OWN_REDEMPTION")

    # a stale token: R1 no longer holds the office in the directory
    project(directory_event("EmployeeChanged", "R1", roles=["staff"]))
    status, body = confirm(api, rid)
    assert (status, body["code"]) == (403, "ROLE_NOT_CURRENT")
    assert (api.balance()["balance"], api.balance()["held"]) == (9, 1)

    # a voucher is the issuer's, not HR's; an unknown id is 404
    voucher = redeem(api, "COFFEE", "coffee")[1]["redemption_id"]
    status, body = confirm(api, voucher, hr_e2)
    assert (status, body["code"]) == (409, "INVALID_STATE")
    assert confirm(api, "00000000-0000-0000-0000-000000000000", hr_e2)[0] == 404
    assert confirm(api, rid, hr_e2)[1]["status"] == "FULFILLED"  # HR who holds the office now may


def test_a_leave_requested_before_hr_executed_it_is_handed_to_hr(api, stack):
    """A redemption stored REQUESTED by the code before (its fulfilment event still queued) waits for HR too."""
    from mileage.storage.items import Redemption

    api.credited(10)
    rid = redeem(api, "LEAVE_1D", "legacy")[1]["redemption_id"]
    legacy = Redemption.get(f"REDEEM#{rid}", "META")
    legacy.update(actions=[Redemption.status.set("REQUESTED"), Redemption.clock.remove(),
                           Redemption.gsi1sk.set(legacy.status_key("REQUESTED"))])
    alarm_of(rid).delete()
    assert deliver(stack) == {"batchItemFailures": []}
    body = api("GET", f"/mileage/redemptions/{rid}", "R1")[1]
    assert (body["status"], body["overdue"]) == ("AWAITING_HR", False) and body["due_at"]
    assert alarm_of(rid) is not None and events_of(stack, "MileageRedeemed") == []
    assert [r["redemption_id"] for r in api("GET", "/mileage/redemptions", "R1", query={"kind": "leave"})[1][
        "items"]] == [rid]
    assert confirm(api, rid)[1]["status"] == "FULFILLED"


def test_hr_gets_a_409_not_a_500_when_the_balance_keeps_moving(api, monkeypatch):
    """Every attempt of HR's confirmation meets a balance another change has just moved (a credit landing each
    time, made here at the AWS edge): after the retries the answer is 409 BUSY, and nothing is spent."""
    import os

    import boto3
    from botocore.client import BaseClient

    api.credited(10)
    rid = redeem(api, "LEAVE_1D", "busy-1")[1]["redemption_id"]
    original = BaseClient._make_api_call
    table = os.environ["MILEAGE_TABLE"]

    def moved_first(self, operation_name, api_params):
        if operation_name == "TransactWriteItems":  # another change commits first: the version moves on
            original(boto3.client("dynamodb"), "UpdateItem", {
                "TableName": table, "Key": {"pk": {"S": "ACCT#E1"}, "sk": {"S": "BALANCE"}},
                "UpdateExpression": "ADD version :one", "ExpressionAttributeValues": {":one": {"N": "1"}}})
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", moved_first)
    status, body = confirm(api, rid)
    monkeypatch.setattr(BaseClient, "_make_api_call", original)

    assert (status, body["code"]) == (409, "BUSY")
    assert api("GET", f"/mileage/redemptions/{rid}", "E1")[1]["status"] == "AWAITING_HR"
    assert api.balance()["held"] == 10
