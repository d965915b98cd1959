"""The rules at their edges: replacing a grant across a month end, deductions, refunds and the yearly ceiling,
reversals of spent or lapsed points, points held over a year end, a recipient who moved, bad periods."""

from __future__ import annotations

from datetime import datetime

import pytest

from common.clock import KST, today
from mileage import decisions, expiry, fulfilment, grants, redemptions
from mileage.storage.caps import get_cap, get_redemption_counter
from mileage.storage.grants import get_grant
from tests.integration.mileage.conftest import directory_event, events_of, project
from tests.integration.mileage.test_redemptions import deliver, redeem

EVIDENCE = ["https://intra.example.go.kr/docs/1"]


@pytest.fixture
def clock(monkeypatch):
    """Sets the mileage area's clock to a KST moment: `clock(2026, 1, 31)`."""

    def set_to(year: int, month: int, day: int, hour: int = 10) -> None:
        moment = datetime(year, month, day, hour, tzinfo=KST)
        for module in (grants, decisions, redemptions, fulfilment, expiry):
            monkeypatch.setattr(module, "now", lambda: moment)
        monkeypatch.setattr(grants, "today", lambda: moment.date())

    return set_to


def credit(api, points: int, title: str, act_date: str) -> str:
    grant_id = api.granted(points=points, act_title=title, act_date=act_date, item_code="FIELD_CHECK")["grant_id"]
    assert api.approve(grant_id)[0] == 200
    return grant_id


def person_cap(month: str) -> int:
    return get_cap("CAP#PERSON#E1", f"M{month}")


def test_a_grant_replaced_in_a_later_month_moves_its_points_to_that_month(api, clock):
    clock(2026, 1, 31)
    api.granted(points=3, act_title="월말 행위", act_date="2026-01-30")
    clock(2026, 2, 1)
    status, body = api.grant(points=10, act_title="월말 행위", act_date="2026-01-30")
    assert status == 201 and len(body["superseded"]) == 1
    assert (person_cap("2026-01"), person_cap("2026-02")) == (0, 10)  # counted once, in the replacing month
    assert get_cap("CAP#DEPT#FIN", "M2026-01") == 0 and get_cap("CAP#DEPT#FIN", "M2026-02") == 10
    # rejecting the replacement gives back exactly what it took, so February's cap (20) still holds
    replacement = body["grants"][0]["grant_id"]
    assert api("POST", f"/mileage/grants/{replacement}/reject", "A1", {"reason": "증빙 부족"})[0] == 200
    assert person_cap("2026-02") == 0
    results = [api.grant(points=points, act_title=f"2월 행위 {n}", act_date="2026-02-01")[0]
               for n, points in enumerate((10, 10, 3))]
    assert results == [201, 201, 422] and person_cap("2026-02") == 20


def test_a_pending_deduction_is_never_replaced_by_a_credit(api):
    deduction = api.granted(item_code="PASSIVE", points=-5, act_title="민원 방치", evidence_links=EVIDENCE)
    status, body = api.grant(item_code="PROCESS", points=3, act_title="민원 방치")
    assert (status, body["code"]) == (409, "DUPLICATE_ACT")
    assert get_grant(deduction["grant_id"]).status == "SUBMITTED"


def test_a_refunded_redemption_gives_the_yearly_ceiling_back(api, stack, monkeypatch):
    api.credited(10)
    api.credited(10, title="둘째 행위")
    monkeypatch.setenv("MILEAGE_FAKE_ISSUER_FAIL", "CAKE")
    for n in range(6):
        assert redeem(api, "CAKE", f"cake-{n}")[0] == 201
        deliver(stack)
    counter = get_redemption_counter("E1", today().year)
    assert (int(counter.points), int(counter.won)) == (0, 0)
    assert redeem(api, "CASH_50K", "cash")[0] == 201  # the ceiling was never used up by failures
    assert api.balance()["balance"] == 15


@pytest.mark.parametrize("period", ["0000", "0000-H1", "0000-01", "9999-12", "2026-13", "2026-H3", "26", "x"])
def test_a_period_out_of_range_is_a_clear_error(api, period):
    status, body = api("GET", "/mileage/reviews/departments", "P1", query={"period": period})
    assert (status, body["code"]) == (422, "INVALID_PERIOD")
    status, body = api("GET", "/mileage/redemptions", "R1", query={"kind": "cash", "period": period})
    assert (status, body["code"]) == (422, "INVALID_PERIOD")


def test_approving_after_the_recipient_moved_keeps_the_account_in_the_new_department(api):
    grant = api.granted(points=3)
    project(directory_event("EmployeeChanged", "E1", department="TAX"))
    assert api.approve(grant["grant_id"])[0] == 200
    assert api.balance()["department"] == "TAX"
    assert api("GET", "/mileage/accounts/E1", "H2")[0] == 200 and api("GET", "/mileage/accounts/E1", "H1")[0] == 403


def test_reversing_spent_points_leaves_a_debt_that_blocks_redemption_until_paid(api):
    grant_id = api.credited(10)
    assert redeem(api, "LEAVE_1D", "leave")[0] == 201  # all 10 held
    assert api("POST", f"/mileage/grants/{grant_id}/reverse", "P1", {"reason": "부당 부여 확인"})[0] == 200
    assert (api.balance()["balance"], api.balance()["held"]) == (-10, 10)
    api.credited(8, title="다음 행위")
    assert api.balance()["balance"] == -2
    assert redeem(api, "COFFEE", "coffee")[1]["code"] == "BELOW_MIN_BALANCE"


def test_a_reversed_act_cannot_be_granted_again_and_a_blank_reason_is_refused(api):
    grant_id = api.credited(4, title="정정된 행위")
    assert api("POST", f"/mileage/grants/{grant_id}/reverse", "P1", {"reason": "   "})[0] == 422
    assert api("POST", f"/mileage/grants/{grant_id}/reverse", "P1", {"reason": "평가단 정정"})[0] == 200
    status, body = api.grant(item_code="FIELD_CHECK", points=4, act_title="정정된 행위")
    assert (status, body["code"], body["details"]["existing_status"]) == (409, "DUPLICATE_ACT", "REVERSED")


def test_reversing_after_the_year_end_takes_only_what_did_not_lapse(api, clock):
    clock(2026, 3, 2)
    lapsed_grant = credit(api, 5, "작년 행위", "2026-03-01")
    clock(2027, 1, 1, hour=1)
    assert expiry.run(2027)["points"] == 5
    clock(2027, 2, 1)
    credit(api, 5, "올해 행위", "2027-01-30")
    clock(2027, 2, 2)
    assert api("POST", f"/mileage/grants/{lapsed_grant}/reverse", "P1", {"reason": "평가단 정정"})[0] == 200
    assert api.balance()["balance"] == 5  # this year's points are untouched
    ledger = api("GET", "/mileage/accounts/E1/ledger", "E1")[1]["items"]
    assert (ledger[0]["kind"], ledger[0]["delta"]) == ("REVERSAL", 0)


def test_points_held_over_the_year_end_lapse_when_refunded(api, stack, clock, monkeypatch):
    clock(2026, 12, 20)
    credit(api, 10, "연말 행위", "2026-12-18")
    assert redeem(api, "CAKE", "held")[0] == 201  # 3 held over the year end
    clock(2027, 1, 1, hour=1)
    assert expiry.run(2027)["points"] == 7
    clock(2027, 1, 5)
    monkeypatch.setenv("MILEAGE_FAKE_ISSUER_FAIL", "CAKE")
    deliver(stack)
    assert (api.balance()["balance"], api.balance()["held"]) == (0, 0)
    kinds = [(e["kind"], e["delta"], e["balance_after"]) for e in api("GET", "/mileage/accounts/E1/ledger", "E1")[1][
        "items"]]
    assert kinds[:2] == [("EXPIRE", -3, 0), ("REFUND", 3, 3)]
    assert sorted(e["data"]["points"] for e in events_of(stack, "MileageExpired")) == [3, 7]
    assert expiry.run(2027)["points"] == 0  # nothing left to expire twice


def test_the_ledger_keeps_commit_order_when_every_change_has_the_same_timestamp(api, stack, clock):
    """Lambda hosts' clocks tie or run behind one another: the ledger is ordered by the balance version instead."""
    clock(2026, 5, 4)  # frozen: every entry below gets the same created_at
    credit(api, 10, "같은 시각 행위", "2026-05-01")
    assert redeem(api, "CAKE", "same-moment")[0] == 201
    deliver(stack)
    credit(api, 2, "같은 시각 다른 행위", "2026-05-02")
    items = api("GET", "/mileage/accounts/E1/ledger", "E1")[1]["items"]
    assert [(e["kind"], e["balance_after"]) for e in items] == [("CREDIT", 9), ("SPEND", 7), ("HOLD", 7),
                                                               ("CREDIT", 10)]
    assert len({e["created_at"] for e in items}) == 1
