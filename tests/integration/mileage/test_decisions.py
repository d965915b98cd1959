"""Approval, rejection, reversal: only APPROVED points count; nothing is edited in place; nobody decides their own."""

from __future__ import annotations

from bench.recorder import recording
from common.clock import today
from mileage.storage.caps import get_cap
from tests.integration.mileage.conftest import directory_event, events_of, project


def test_approval_credits_the_balance_with_a_ledger_entry_in_one_transaction(api, stack):
    grant = api.granted(points=4)
    assert api.balance()["balance"] == 0  # SUBMITTED points do not count
    with recording() as calls:
        status, body = api.approve(grant["grant_id"])
    assert (status, body["status"], body["decided_by"]) == (200, "APPROVED", "A1")
    assert [op for _, op, _ in calls if op not in ("GetItem", "Query", "BatchGetItem")] == ["TransactWriteItems"]
    assert api.balance() | {"version": 0} == {"employee_no": "E1", "department": "FIN", "balance": 4, "held": 0,
                                               "version": 0}
    ledger = api("GET", "/mileage/accounts/E1/ledger", "E1")[1]["items"]
    assert [(e["kind"], e["delta"], e["balance_after"], e["reference"]) for e in ledger] == [
        ("CREDIT", 4, 4, f"GRANT#{grant['grant_id']}")]
    assert [e["data"]["grant_id"] for e in events_of(stack, "MileageApproved")] == [grant["grant_id"]]
    assert api.approve(grant["grant_id"])[1]["code"] == "INVALID_STATE"


def test_nobody_decides_a_grant_they_made_or_received(api):
    from tests.builders import staff_claims

    grant = api.granted()
    # the directory makes the grantor and the earner auditors too (their projection and their tokens say so)
    project(directory_event("EmployeeChanged", "H1", roles=["staff", "dept_head", "audit"]),
            directory_event("EmployeeChanged", "E1", roles=["staff", "audit"]))
    head_auditor = staff_claims("H1", "FIN", "dept_head", "audit")
    assert api.approve(grant["grant_id"], who=head_auditor)[1]["code"] == "OWN_GRANT"
    earner_auditor = staff_claims("E1", "FIN", "audit")
    assert api.approve(grant["grant_id"], who=earner_auditor)[1]["code"] == "OWN_EARNING"


def test_rejection_needs_a_reason_and_releases_caps_and_the_act(api, stack):
    grant = api.granted(points=10)
    status, body = api("POST", f"/mileage/grants/{grant['grant_id']}/reject", "A1", {})
    assert status == 422  # reason missing
    status, body = api("POST", f"/mileage/grants/{grant['grant_id']}/reject", "A1", {"reason": "증빙 부족"})
    assert (status, body["status"], body["reason"]) == (200, "REJECTED", "증빙 부족")
    assert get_cap("CAP#PERSON#E1", f"M{today():%Y-%m}") == 0
    assert get_cap("CAP#DEPT#FIN", f"Y{today().year}") == 0
    assert api.grant(points=10)[0] == 201  # the act may be granted again after a rejection
    assert len(events_of(stack, "MileageRejected")) == 1
    assert api.balance()["balance"] == 0


def test_reversal_adds_a_negative_entry_and_moves_the_balance(api, stack):
    grant_id = api.credited(6)
    status, body = api("POST", f"/mileage/grants/{grant_id}/reverse", "P1", {"reason": "평가단 정정"})
    assert (status, body["status"]) == (200, "REVERSED")
    assert api.balance()["balance"] == 0
    ledger = api("GET", "/mileage/accounts/E1/ledger", "A1")[1]["items"]
    assert [(e["kind"], e["delta"], e["balance_after"]) for e in ledger] == [("REVERSAL", -6, 0), ("CREDIT", 6, 6)]
    assert get_cap("CAP#PERSON#E1", f"Y{today().year}") == 0
    assert len(events_of(stack, "MileageReversed")) == 1
    assert api("POST", f"/mileage/grants/{grant_id}/reverse", "A1", {"reason": "두 번"})[1]["code"] == "INVALID_STATE"


def test_reversal_is_for_audit_and_panel_only(api):
    grant_id = api.credited(2)
    for who in ("H1", "E1", "R1"):
        assert api("POST", f"/mileage/grants/{grant_id}/reverse", who, {"reason": "정정"})[0] == 403, who


def test_bulk_decisions_report_each_id(api):
    ok = api.granted(points=2, act_title="첫째 행위")["grant_id"]
    other = api.granted(points=2, act_title="둘째 행위", recipients=[{"employee_no": "E2"}])["grant_id"]
    status, body = api("POST", "/mileage/approvals", "A1",
                       {"grant_ids": [ok, "missing", other], "decision": "approve"})
    assert status == 200
    assert [(r["grant_id"], r["ok"], r["code"]) for r in body["results"]] == [
        (ok, True, None), ("missing", False, "GRANT_NOT_FOUND"), (other, True, None)]
    assert api("POST", "/mileage/approvals", "A1", {"grant_ids": [ok], "decision": "reject"})[1]["code"] == (
        "REASON_REQUIRED")
    assert api("POST", "/mileage/approvals", "H1", {"grant_ids": [ok], "decision": "approve"})[0] == 403


def test_submitted_grants_are_listed_for_audit_by_index(api):
    first = api.granted(points=2, act_title="첫째 행위")["grant_id"]
    second = api.granted(points=2, act_title="둘째 행위")["grant_id"]
    api.approve(first)
    with recording() as calls:
        status, body = api("GET", "/mileage/grants", "A1", query={"status": "SUBMITTED"})
    assert status == 200 and [g["grant_id"] for g in body["items"]] == [second]
    assert ("dynamodb", "Query") in [(s, o) for s, o, _ in calls] and "Scan" not in [o for _, o, _ in calls]
    page = api("GET", "/mileage/grants", "A1", query={"status": "APPROVED", "limit": "1"})[1]
    assert [g["grant_id"] for g in page["items"]] == [first]
    assert api("GET", "/mileage/grants", "H1")[1]["items"][0]["department"] == "FIN"
    assert api("GET", "/mileage/grants", "H2")[1]["items"] == []
    assert api("GET", "/mileage/grants", "H1", query={"department": "TAX"})[1]["code"] == "OTHER_DEPARTMENT"
    assert api("GET", "/mileage/grants", "E1")[0] == 403


def test_a_grant_is_seen_by_audit_panel_grantor_head_and_earner_only(api):
    grant_id = api.granted()["grant_id"]
    for who, expected in {"A1": 200, "P1": 200, "H1": 200, "E1": 200, "E2": 403, "H2": 403, "T1": 403,
                          "R1": 403}.items():
        assert api("GET", f"/mileage/grants/{grant_id}", who)[0] == expected, who
    assert api("GET", "/mileage/grants/nope", "A1")[0] == 404
