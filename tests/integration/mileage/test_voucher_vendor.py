"""The deployed voucher issuer: a request on the vendor's queue (points held meanwhile), the vendor's answer on the
result queue settles it — spent with the code, or refunded; a repeated request or answer does no double harm."""

from __future__ import annotations

import json

import boto3
import pytest

from mileage import on_fulfilment, on_voucher_result, redemptions
from tests.builders import LambdaContext, sqs_event
from tests.integration.mileage.test_redemptions import deliver, redeem


@pytest.fixture
def vendor(stack, monkeypatch):
    """The fulfilment consumer configured as deployed (`VoucherIssuer=queue`); returns the vendor's view of the
    request queue."""
    monkeypatch.setenv("MILEAGE_VOUCHER_ISSUER", "queue")
    on_fulfilment._issuer.cache_clear()
    yield lambda: _requests(stack)
    on_fulfilment._issuer.cache_clear()


def _requests(stack) -> list[dict]:
    sqs = boto3.client("sqs")
    url = stack.physical("MileageVoucherRequestQueue")
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    for message in messages:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return [json.loads(m["Body"]) for m in messages]


def answer(*answers: dict) -> dict:
    return on_voucher_result.handler(sqs_event(*answers), LambdaContext())


def test_the_vendor_gets_the_request_and_its_answer_spends_the_held_points(api, stack, vendor):
    api.credited(10)
    rid = redeem(api, "BOOK", "b-1")[1]["redemption_id"]
    assert deliver(stack) == {"batchItemFailures": []}
    [request] = vendor()
    assert request == {"redemption_id": rid, "reward_code": "BOOK", "points": 2, "won": 10000, "county": "demo",
                       "requested_at": request["requested_at"]}  # no name, no employee number
    waiting = api("GET", f"/mileage/redemptions/{rid}", "E1")[1]
    assert (waiting["status"], waiting["forwarded_at"] is not None) == ("REQUESTED", True)
    assert (api.balance()["balance"], api.balance()["held"]) == (8, 2)
    # the same request fulfilled again (a replayed event): the vendor is not asked twice
    assert redemptions.fulfil(rid, on_fulfilment._issuer()) == "FORWARDED" and vendor() == []

    issued = {"redemption_id": rid, "outcome": "issued", "voucher_code": "BOOK-7788-1122"}
    assert answer(issued) == {"batchItemFailures": []}
    assert answer(issued) == {"batchItemFailures": []}  # a repeated answer changes nothing
    done = api("GET", f"/mileage/redemptions/{rid}", "E1")[1]
    assert (done["status"], done["voucher_code"]) == ("FULFILLED", "BOOK-7788-1122")
    assert (api.balance()["balance"], api.balance()["held"]) == (8, 0)
    # the code is a bearer value: HR and audit see that it was issued, not the code
    for who in ("R1", "A1"):
        assert api("GET", f"/mileage/redemptions/{rid}", who)[1]["voucher_code"] == "********", who


def test_a_refusal_refunds_and_a_bad_answer_goes_to_the_dlq_path(api, stack, vendor):
    api.credited(10)
    rid = redeem(api, "CAKE", "c-1")[1]["redemption_id"]
    deliver(stack)
    vendor()
    result = answer({"redemption_id": rid, "outcome": "refused", "reason": "품절"},
                    {"redemption_id": rid, "outcome": "issued"},            # issued without a code
                    {"redemption_id": "no-such-redemption", "outcome": "refused"},
                    {"text": "not an answer"})
    assert len(result["batchItemFailures"]) == 3  # retried, then the result queue's DLQ
    failed = api("GET", f"/mileage/redemptions/{rid}", "E1")[1]
    assert failed["status"] == "FAILED" and "품절" in failed["failure_reason"]
    assert (api.balance()["balance"], api.balance()["held"]) == (10, 0)
