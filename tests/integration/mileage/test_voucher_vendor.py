"""The deployed voucher issuer: a request on the vendor's queue (points held meanwhile), the vendor's answer on the
result queue settles it — spent with the code, or refunded; a repeated request or answer does no double harm."""

from __future__ import annotations

import json
from datetime import timedelta

import boto3
import pytest

from mileage import fulfilment, job_voucher_resend, on_redemption_requested, on_voucher_result
from mileage.clients.issuer import configured_issuer
from tests.builders import LambdaContext, sqs_event
from tests.integration.mileage.test_redemptions import deliver, redeem


@pytest.fixture
def vendor(stack, monkeypatch):
    """The fulfilment consumer configured as deployed (`VoucherIssuer=queue`); returns the vendor's view of the
    request queue."""
    monkeypatch.setenv("MILEAGE_VOUCHER_ISSUER", "queue")
    on_redemption_requested._issuer.cache_clear()
    yield lambda: _requests(stack)
    on_redemption_requested._issuer.cache_clear()


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
    assert request == {"redemption_id": rid, "reward_code": "BOOK", "points": 2, "won": 20000, "county": "demo",
                       "requested_at": request["requested_at"]}  # no name, no employee number
    waiting = api("GET", f"/mileage/redemptions/{rid}", "E1")[1]
    assert (waiting["status"], waiting["forwarded_at"] is not None) == ("REQUESTED", True)
    assert (api.balance()["balance"], api.balance()["held"]) == (8, 2)
    # the same request fulfilled again (a replayed event): the vendor is not asked twice
    assert fulfilment.fulfil(rid, on_redemption_requested._issuer()) == "FORWARDED" and vendor() == []

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


def later(monkeypatch, hours: int) -> None:
    """The redemption clock moved `hours` ahead of now."""
    moment = fulfilment.now() + timedelta(hours=hours)
    monkeypatch.setattr(fulfilment, "now", lambda: moment)


def test_an_unanswered_request_is_sent_again_after_the_countys_hours_until_the_vendor_answers(
        api, stack, vendor, monkeypatch):
    api.credited(10)
    rid = redeem(api, "BOOK", "b-2")[1]["redemption_id"]
    deliver(stack)
    [first] = vendor()
    # within the county's 24 hours: the vendor is left its time
    assert job_voucher_resend.handler({}, LambdaContext())["asked"] == 0 and vendor() == []
    later(monkeypatch, 25)
    counts = job_voucher_resend.handler({}, LambdaContext())
    assert (counts["unsettled"], counts["asked"], counts["FORWARDED"]) == (1, 1, 1)
    [again] = vendor()
    assert again["redemption_id"] == first["redemption_id"] == rid  # the same order id: the vendor dedupes on it
    waiting = api("GET", f"/mileage/redemptions/{rid}", "E1")[1]
    assert (waiting["status"], waiting["forward_count"]) == ("REQUESTED", 2)
    assert (api.balance()["balance"], api.balance()["held"]) == (8, 2)  # still held, never lost
    # just re-sent: the next run does not ask again yet
    assert job_voucher_resend.handler({}, LambdaContext())["asked"] == 0 and vendor() == []
    answer({"redemption_id": rid, "outcome": "issued", "voucher_code": "BOOK-0001"})
    later(monkeypatch, 25)
    assert job_voucher_resend.handler({}, LambdaContext())["unsettled"] == 0 and vendor() == []


def test_a_request_never_sent_is_asked_for_by_the_resend_job(api, stack, monkeypatch):
    """Its fulfilment events ended in the DLQ: the job asks the issuer itself (here the local fake, which answers at
    once), so the points do not stay held for good."""
    api.credited(10)
    rid = redeem(api, "COFFEE", "k-1")[1]["redemption_id"]
    assert fulfilment.resend_unanswered(configured_issuer(), after_hours=24)["asked"] == 0
    later(monkeypatch, 25)
    counts = fulfilment.resend_unanswered(configured_issuer(), after_hours=24)
    assert (counts["asked"], counts["FULFILLED"]) == (1, 1)
    done = api("GET", f"/mileage/redemptions/{rid}", "E1")[1]
    assert done["status"] == "FULFILLED" and done["voucher_code"]
    assert api.balance()["held"] == 0
