"""The year-end job against the emulated stack: one EXPIRE per account and year, held points kept, reruns change
nothing, accounts found through the index."""

from __future__ import annotations

from common.clock import today
from common.county_mileage import Expiry
from mileage import job_year_end
from mileage.rules import policy
from tests.builders import LambdaContext
from tests.integration.mileage.conftest import PEOPLE, events_of


def test_year_end_expires_unspent_points_once_and_keeps_held_points(api, stack, monkeypatch):
    # Given E1 with 10 points credited this year, 3 of them held for a pending redemption
    api.credited(10)
    status, _ = api("POST", "/mileage/redemptions", "E1", {"reward_code": "CAKE"}, headers={"Idempotency-Key": "k"})
    assert status == 201
    next_year = today().year + 1
    section = policy.policy()

    # When the county carries one year over: nothing of this year's expires next January
    monkeypatch.setattr(policy, "_cached_policy", lambda: section.model_copy(update={"expiry": Expiry(
        carry_over_years=1)}))
    counts = job_year_end.handler({"year": next_year}, LambdaContext())
    # every projected staff member's account, found through the ACCOUNTS index
    assert counts == {"year": next_year, "accounts": len(PEOPLE), "expired_accounts": 0, "points": 0}
    monkeypatch.setattr(policy, "_cached_policy", lambda: section)
    # the schedule's own run (no year given) is this year's: this year's points do not expire yet
    assert job_year_end.handler({}, LambdaContext())["year"] == today().year and api.balance()["balance"] == 7

    # When the job runs for next year (no carry-over), twice
    first = job_year_end.handler({"year": next_year}, LambdaContext())
    second = job_year_end.handler({"year": next_year}, LambdaContext())

    # Then the 7 available points expire, the 3 held stay held; the rerun changes nothing
    assert (first["expired_accounts"], first["points"]) == (1, 7)
    assert (second["expired_accounts"], second["points"]) == (0, 0)
    assert (api.balance()["balance"], api.balance()["held"]) == (0, 3)
    ledger = api("GET", "/mileage/accounts/E1/ledger", "E1")[1]["items"]
    expired = [e for e in ledger if e["kind"] == "EXPIRE"]
    assert len(expired) == 1 and expired[0]["entry_id"] == f"EXPIRE#{next_year}"
    assert (expired[0]["delta"], expired[0]["balance_after"], expired[0]["held_after"]) == (-7, 0, 3)
    [event] = events_of(stack, "MileageExpired")
    assert event["data"] == {"employee_no": "E1", "department": "FIN", "year": next_year,
                             "credited_up_to": next_year - 1, "points": 7, "balance_after": 0}
    # and a replay after the marker is written does nothing even when called for one account directly
    from mileage.expiry import expire_account

    assert expire_account("E1", next_year, 0) == 0
