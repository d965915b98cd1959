"""Redemption: held at request, spent with a voucher or refunded — never lost; once per Idempotency-Key; never
overdrawn; the yearly ceiling holds."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

from mileage import on_redemption_requested
from tests.builders import LambdaContext, eventbridge_event, sqs_event
from tests.integration.mileage.conftest import events_of


def redeem(api, reward: str, key: str, who: str = "E1"):
    return api("POST", "/mileage/redemptions", who, {"reward_code": reward}, headers={"Idempotency-Key": key})


def deliver(stack) -> dict:
    """What the fulfilment rule puts on its queue: every MileageRedemptionRequested in the outbox."""
    from common.events import EventEnvelope

    envelopes = [EventEnvelope.model_validate(e) for e in events_of(stack, "MileageRedemptionRequested")]
    return on_redemption_requested.handler(sqs_event(*(eventbridge_event(e) for e in envelopes)), LambdaContext())


def test_points_are_held_then_spent_with_a_voucher(api, stack):
    api.credited(10)
    status, body = redeem(api, "CAKE", "r-1")
    assert (status, body["status"], body["points"]) == (201, "REQUESTED", 3)
    assert api.balance()["balance"] == 7 and api.balance()["held"] == 3
    assert deliver(stack) == {"batchItemFailures": []}
    done = api("GET", f"/mileage/redemptions/{body['redemption_id']}", "E1")[1]
    assert done["status"] == "FULFILLED" and done["voucher_code"].startswith("GIFT-")
    assert (api.balance()["balance"], api.balance()["held"]) == (7, 0)
    kinds = [e["kind"] for e in api("GET", "/mileage/accounts/E1/ledger", "E1")[1]["items"]]
    assert kinds == ["SPEND", "HOLD", "CREDIT"]
    assert [e["data"]["redemption_id"] for e in events_of(stack, "MileageRedeemed")] == [body["redemption_id"]]


def test_a_refused_voucher_is_refunded(api, stack, monkeypatch):
    api.credited(10)
    monkeypatch.setenv("MILEAGE_FAKE_ISSUER_FAIL", "BOOK")
    rid = redeem(api, "BOOK", "r-2")[1]["redemption_id"]
    deliver(stack)
    assert api("GET", f"/mileage/redemptions/{rid}", "E1")[1]["status"] == "FAILED"
    assert (api.balance()["balance"], api.balance()["held"]) == (10, 0)
    assert len(events_of(stack, "MileageRedemptionFailed")) == 1


def test_a_transient_failure_halfway_keeps_the_points_held_until_the_retry_settles(api, stack, monkeypatch):
    api.credited(10)
    rid = redeem(api, "COFFEE", "r-3")[1]["redemption_id"]
    monkeypatch.setenv("MILEAGE_FAKE_ISSUER_UNAVAILABLE", "*")
    with pytest.raises(BatchProcessingError):  # the whole batch failed: SQS redelivers it
        deliver(stack)
    assert (api.balance()["balance"], api.balance()["held"]) == (9, 1)  # held, not lost
    monkeypatch.delenv("MILEAGE_FAKE_ISSUER_UNAVAILABLE")
    assert deliver(stack) == {"batchItemFailures": []}
    assert deliver(stack) == {"batchItemFailures": []}  # a duplicate delivery changes nothing
    assert api("GET", f"/mileage/redemptions/{rid}", "E1")[1]["status"] == "FULFILLED"
    assert (api.balance()["balance"], api.balance()["held"]) == (9, 0)


def test_leave_waits_for_hr_instead_of_counting_as_fulfilled(api, stack):
    api.credited(10)
    api.credited(5, title="두 번째")
    rid = redeem(api, "LEAVE_1D", "r-4")[1]["redemption_id"]
    deliver(stack)
    assert events_of(stack, "MileageRedeemed") == []  # HR executes it (test_redemption_execution.py)
    assert api("GET", f"/mileage/redemptions/{rid}", "E1")[1]["status"] == "AWAITING_HR"
    assert (api.balance()["balance"], api.balance()["held"]) == (5, 10)  # still held
    assert api("GET", f"/mileage/redemptions/{rid}", "R1")[0] == 200  # HR may look
    assert api("GET", f"/mileage/redemptions/{rid}", "E2")[0] == 403


def test_the_same_idempotency_key_redeems_once(api, stack):
    api.credited(10)
    first = redeem(api, "BOOK", "same")
    again = redeem(api, "BOOK", "same")
    assert first == again and first[0] == 201
    assert api.balance()["balance"] == 8
    assert api("POST", "/mileage/redemptions", "E1", {"reward_code": "BOOK"})[1]["code"] == (
        "IDEMPOTENCY_KEY_REQUIRED")


def test_minimum_balance_reward_and_ceiling_rules(api):
    api.credited(4)
    assert redeem(api, "COFFEE", "a")[1]["code"] == "BELOW_MIN_BALANCE"  # min 5
    api.credited(2, title="추가 행위")
    assert redeem(api, "LEAVE_1D", "b")[1]["code"] == "INSUFFICIENT_BALANCE"
    assert redeem(api, "NOPE", "c")[1]["code"] == "UNKNOWN_REWARD"
    from common.clock import now
    from mileage.storage.items import RedemptionCounter

    RedemptionCounter("CAP#REDEEM#E1", f"Y{now().year}", points=0, won=195_000).save()
    status, body = redeem(api, "CASH_10K", "d")  # ₩200,000 a year
    assert (status, body["code"], body["details"]["used_won"]) == (422, "REDEMPTION_CEILING", 195_000)
    assert api.balance()["balance"] == 6


def test_one_redeems_only_their_own_points(api):
    api.credited(10)
    for who in ("H1", "A1"):
        assert redeem(api, "COFFEE", f"k-{who}", who=who)[1]["code"] in ("BELOW_MIN_BALANCE", "ACCOUNT_NOT_FOUND")
    assert api.balance()["balance"] == 10  # nobody else can spend E1's points: the route has no employee_no


def test_concurrent_redemptions_never_overdraw(api, stack, one_request_at_a_time):
    # the logic is called directly: one Powertools resolver per process holds the current event (one per Lambda)
    from common.errors import RuleViolation
    from common.identity import caller_from_claims
    from mileage.redemptions import redeem as redeem_points
    from tests.builders import staff_claims

    api.credited(10)
    api.credited(10, title="두 번째 행위")
    caller = caller_from_claims(staff_claims("E1", "FIN"))

    def attempt(_: int) -> str:
        try:
            return redeem_points(caller, "BOOK").status
        except RuleViolation as error:
            return error.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(100)))
    assert results.count("REQUESTED") == 8  # 20 points, 2 each, while at least 5 (min_balance) remain
    assert set(results) == {"REQUESTED", "BELOW_MIN_BALANCE"}
    assert (api.balance()["balance"], api.balance()["held"]) == (4, 16)
