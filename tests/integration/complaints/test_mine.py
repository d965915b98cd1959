"""A signed-in resident's own reports (issue #14 follow-up): linked by a keyed MAC of their sign-in id that only the
stack's HMAC key in KMS computes — never the id itself, never on the case — and unlinked when they withdraw."""

from __future__ import annotations

import hashlib

import pytest

from contracts.residents import ResidentWithdrawn
from tests.builders import LambdaContext, eventbridge_event, resident_claims, sqs_event
from tests.integration.complaints.conftest import RESIDENT


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def test_a_resident_lists_their_own_reports_only_and_withdrawal_unlinks_them(api):
    from complaints import on_resident_withdrawn
    from complaints.storage.cases import get_case, get_reporter

    other = resident_claims("resident-park")
    first, second = api.report(), api.report(what="두 번째 신고: 민원 서류를 몇 주째 돌려보내고 있습니다.")
    status, made = api("POST", "/complaints/resident", other, {
        "what": "다른 주민의 신고 내용입니다. 처리가 늦습니다.", "harm": "손해", "reporter": {"name": "박주민"}})
    assert status == 201
    api.report(anonymous=True)

    status, mine = api("GET", "/complaints/mine", RESIDENT)
    assert status == 200
    assert [r["receipt_no"] for r in mine["items"]] == [second["receipt_no"], first["receipt_no"]]  # newest first
    assert mine["items"][0]["status"] == "SUBMITTED" and mine["items"][0]["status_label"]
    assert "secret" not in str(mine)
    status, theirs = api("GET", "/complaints/mine", other)
    assert [r["receipt_no"] for r in theirs["items"]] == [made["receipt_no"]]
    assert api("GET", "/complaints/mine", "A1")[0] == 403

    # the link: on the reporter's item only, keyed (not a plain hash of the id anyone could compute), never the id
    case_id = api.case_of(first)
    reporter, case = get_reporter(case_id), get_case(case_id)
    assert reporter.gsi2pk.startswith("MINE#") and case.gsi2pk is None
    plain = hashlib.sha256(RESIDENT["sub"].encode()).hexdigest()
    assert RESIDENT["sub"] not in reporter.gsi2pk and plain not in reporter.gsi2pk

    # the withdrawal, as the relay, the bus and the queue deliver the residents' event
    event = ResidentWithdrawn(resident_id=RESIDENT["sub"]).envelope()
    batch = sqs_event(eventbridge_event(event))
    assert on_resident_withdrawn.handler(batch, LambdaContext()) == {"batchItemFailures": []}
    assert api("GET", "/complaints/mine", RESIDENT)[1]["items"] == []
    unlinked = get_reporter(case_id)
    assert unlinked.gsi2pk is None and unlinked.resident is None and unlinked.name  # the case keeps its contact
    assert len(api("GET", "/complaints/mine", other)[1]["items"]) == 1  # the other resident is untouched
    assert api.follow(first)[0] == 200  # the receipt still follows the case


def test_a_resident_with_many_reports_pages_through_them_newest_first(api):
    many, other = resident_claims("resident-many"), resident_claims("resident-few")
    made = []
    for n in range(5):
        status, receipt = api("POST", "/complaints/resident", many, {
            "what": f"{n}번째 신고: 민원 처리가 늦습니다.", "harm": "손해", "reporter": {"name": "김주민"}})
        assert status == 201, receipt
        made.append(receipt["receipt_no"])
    assert api("POST", "/complaints/resident", other, {
        "what": "다른 주민의 신고입니다. 처리가 늦습니다.", "harm": "손해", "reporter": {"name": "이주민"}})[0] == 201

    seen, token, pages = [], None, 0
    while True:
        status, page = api("GET", "/complaints/mine", many, query={"limit": "2", **({"next_token": token} if token
                                                                                      else {})})
        assert status == 200, page
        assert len(page["items"]) <= 2
        seen += [r["receipt_no"] for r in page["items"]]
        pages, token = pages + 1, page["next_token"]
        if token is None:
            break
        # another resident's session cannot read on from this resident's token
        status, refused = api("GET", "/complaints/mine", other, query={"limit": "2", "next_token": token})
        assert (status, refused["code"]) == (422, "INVALID_TOKEN")
    assert seen == list(reversed(made)) and pages >= 3  # every report once, newest first
    assert api("GET", "/complaints/mine", many, query={"limit": "0"})[0] == 422
