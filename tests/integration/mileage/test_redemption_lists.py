"""Redemption listings: one employee's (themself; audit, panel, HR anyone's) and, for HR and audit, what HR must
execute by kind, status and period — each one Query, newest first. Leave and cash wait for HR (AWAITING_HR) until HR
confirms them."""

from __future__ import annotations

from bench.recorder import recording
from common.clock import today
from tests.builders import resident_claims
from tests.integration.mileage.test_redemptions import deliver, redeem

YEAR = str(today().year)


def listed(api, who, **query) -> tuple[int, list]:
    status, body = api("GET", "/mileage/redemptions", who, query=query)
    return status, [(r["employee_no"], r["reward_code"], r["status"]) for r in body["items"]] if status == 200 else body


def test_redemption_lists_by_employee_and_by_kind_for_hr(api, stack):
    api.credited(10)
    api.credited(10, title="둘째 행위")
    api.credited(10, employee_no="E2")
    for n, reward in enumerate(("LEAVE_1D", "CASH_10K", "COFFEE")):
        assert redeem(api, reward, f"e1-{n}")[0] == 201
    assert redeem(api, "CASH_50K", "e2-0", who="E2")[0] == 201
    assert listed(api, "R1", kind="cash")[1] == [("E2", "CASH_50K", "AWAITING_HR"), ("E1", "CASH_10K", "AWAITING_HR")]
    assert deliver(stack) == {"batchItemFailures": []}
    waiting = api("GET", "/mileage/redemptions", "R1", query={"kind": "leave"})[1]["items"]
    for item in (*api("GET", "/mileage/redemptions", "R1", query={"kind": "cash"})[1]["items"], *waiting):
        assert api("POST", f"/mileage/redemptions/{item['redemption_id']}/confirm", "R1",
                   {"reference": "인사-1", "executed_on": today().isoformat()})[0] == 200

    # one employee's, newest first: themself, audit, panel, HR; nobody else
    with recording() as calls:
        status, items = listed(api, "E1", employee_no="E1")
    assert items == [("E1", "COFFEE", "FULFILLED"), ("E1", "CASH_10K", "FULFILLED"), ("E1", "LEAVE_1D", "FULFILLED")]
    assert [op for _, op, _ in calls] == ["Query"]
    for who in ("A1", "P1", "R1"):
        assert listed(api, who, employee_no="E1") == (200, items), who
    for who in ("E2", "H1", "H2", "T1", resident_claims()):  # plain staff, its own and another head, a resident
        status, body = listed(api, who, employee_no="E1")
        assert (status, body["code"]) == (403, "NOT_YOURS"), who
    assert listed(api, "E2", employee_no="E2")[1] == [("E2", "CASH_50K", "FULFILLED")]

    # by kind and status, within a period (the status index moved with the status); AWAITING_HR by default
    cash = [("E2", "CASH_50K", "FULFILLED"), ("E1", "CASH_10K", "FULFILLED")]
    with recording() as calls:
        assert listed(api, "R1", kind="cash", status="FULFILLED", period=YEAR) == (200, cash)
    assert [op for _, op, _ in calls] == ["Query"]
    assert listed(api, "A1", kind="cash", status="FULFILLED") == (200, cash)
    assert listed(api, "R1", kind="leave", status="FULFILLED", period=f"{YEAR}-{today():%m}")[1] == [
        ("E1", "LEAVE_1D", "FULFILLED")]
    assert listed(api, "R1", kind="cash")[1] == [] and listed(api, "R1", kind="voucher")[1] == [
        ("E1", "COFFEE", "FULFILLED")]
    assert listed(api, "R1", kind="cash", period=str(int(YEAR) - 1))[1] == []
    for who in ("P1", "E1", "H1", "H2", resident_claims()):
        assert listed(api, who, kind="cash")[0] == 403, who
    query = {"kind": "cash", "status": "FULFILLED"}
    page = api("GET", "/mileage/redemptions", "R1", query={**query, "limit": "1"})[1]
    rest = api("GET", "/mileage/redemptions", "R1", query={**query, "next_token": page["next_token"]})[1]
    assert [r["employee_no"] for r in page["items"] + rest["items"]] == ["E2", "E1"]

    # a query that says what to list, and a caller
    status, body = listed(api, "R1")
    assert (status, body["code"]) == (400, "QUERY_REQUIRED") and "employee_no" in body["message"]
    assert listed(api, "R1", employee_no="E1", kind="cash")[1]["code"] == "INVALID_QUERY"
    assert listed(api, "R1", kind="cash", period="2026-Q1")[1]["code"] == "INVALID_PERIOD"
    assert listed(api, "R1", kind="gold")[0] == 422
    assert listed(api, None, employee_no="E1")[0] == 401
    assert listed(api, None, kind="cash")[0] == 401
