"""Who sees which account, and that every route wants a signed-in staff member; directory projection rules."""

from __future__ import annotations

import pytest

from bench.recorder import recording
from mileage.storage.accounts import get_balance
from mileage.storage.staff import get_department_head, get_staff
from tests.builders import resident_claims
from tests.integration.mileage.conftest import directory_event, project

ROUTES = [("GET", "/mileage/items"), ("GET", "/mileage/rewards"), ("POST", "/mileage/evidence-uploads"),
          ("POST", "/mileage/grants"), ("GET", "/mileage/grants"), ("GET", "/mileage/grants/x"),
          ("POST", "/mileage/grants/x/approve"), ("POST", "/mileage/grants/x/reject"),
          ("POST", "/mileage/grants/x/reverse"), ("POST", "/mileage/approvals"), ("GET", "/mileage/accounts/E1"),
          ("GET", "/mileage/accounts/E1/ledger"), ("GET", "/mileage/departments/FIN/accounts"),
          ("POST", "/mileage/redemptions"), ("GET", "/mileage/redemptions/x")]


def test_every_route_needs_a_signed_in_caller(api):
    for method, path in ROUTES:
        body = {} if method == "POST" else None
        status, _ = api(method, path, None, body)
        assert status in (401, 422), (method, path)  # 422 only where the body is checked before the caller
        if status == 422:
            assert api(method, path, None, _valid_body(path))[0] == 401, (method, path)


def _valid_body(path: str) -> dict:
    return {"/mileage/evidence-uploads": {"file_name": "a.pdf"},
            "/mileage/grants": {"item_code": "PROCESS", "points": 1, "act_title": "행위 제목", "act_date": "2026-01-02",
                                "recipients": [{"employee_no": "E1"}]},
            "/mileage/approvals": {"grant_ids": ["x"], "decision": "approve"},
            "/mileage/redemptions": {"reward_code": "BOOK"}}.get(path, {"reason": "사유 있음"})


def test_residents_and_hr_may_not_grant_approve_or_read_accounts(api):
    grant_id = api.granted()["grant_id"]
    for who in (resident_claims(), "R1"):
        assert api.grant(who)[0] == 403
        assert api.approve(grant_id, who=who)[0] == 403
        assert api("GET", "/mileage/accounts/E1", who)[0] == 403
        assert api("GET", "/mileage/departments/FIN/accounts", who)[0] == 403
    assert api("GET", "/mileage/items", resident_claims())[0] == 403
    assert api("POST", "/mileage/evidence-uploads", "E1", {"file_name": "a.pdf"})[0] == 403
    assert api.grant("E1")[0] == 403  # plain staff
    assert api.grant("A1")[0] == 403  # audit does not grant


@pytest.mark.parametrize(("who", "expected"), [
    ("E1", 200), ("H1", 200), ("A1", 200), ("P1", 200), ("E2", 403), ("H2", 403), ("T1", 403), ("R1", 403)])
def test_an_account_is_seen_by_its_owner_their_head_audit_and_panel(api, who, expected):
    assert api("GET", "/mileage/accounts/E1", who)[0] == expected
    assert api("GET", "/mileage/accounts/E1/ledger", who)[0] == expected


def test_a_balance_read_is_one_get_item(api):
    with recording() as calls:
        status, body = api("GET", "/mileage/accounts/E1", "E1")
    assert status == 200 and body["balance"] == 0
    assert [(s, o) for s, o, _ in calls] == [("dynamodb", "GetItem")]


def test_department_accounts_for_its_head_audit_and_panel(api):
    status, body = api("GET", "/mileage/departments/FIN/accounts", "H1")
    assert status == 200 and {a["employee_no"] for a in body["items"]} == {"H1", "E1", "E2", "E3", "E4"}
    assert api("GET", "/mileage/departments/FIN/accounts", "H2")[1]["code"] == "OTHER_DEPARTMENT"
    assert api("GET", "/mileage/departments/FIN/accounts", "P1")[0] == 200
    assert api("GET", "/mileage/departments/FIN/accounts", "E1")[0] == 403


def test_projection_ignores_older_events_follows_moves_and_heads(api):
    newer = directory_event("EmployeeChanged", "E1", department="TAX")
    older = directory_event("EmployeeChanged", "E1", grade=9).model_copy(
        update={"occurred_at": newer.occurred_at.replace(year=newer.occurred_at.year - 1)})
    project(newer, older)
    staff = get_staff("E1")
    assert (staff.department, staff.grade) == ("TAX", 7)
    assert get_balance("E1").department == "TAX"  # the account follows the move
    assert api.grant(recipients=[{"employee_no": "E1"}])[1]["code"] == "OTHER_DEPARTMENT"
    assert get_department_head("FIN").employee_no == "H1"
    project(directory_event("EmployeeLeft", "E2"))
    assert api.grant(recipients=[{"employee_no": "E2"}])[1]["code"] == "NOT_ELIGIBLE"
    project(directory_event("EmployeeChanged", "H1", roles=["staff"]))
    assert get_department_head("FIN") is None
    assert api.grant(recipients=[{"employee_no": "E3"}])[1]["code"] == "NOT_CURRENT_HEAD"  # H1's token is older
