"""Opinion requests (issue #13, case 2): any official files; the AA officer screens importance and urgency and refuses
with one of the same reasons, or accepts; an earlier pre-consulting never bars a request and its opinion goes with
the committee item; wrong moves are 409 INVALID_STATE."""

from __future__ import annotations

import pytest

from contracts.committee import CommitteeItemRequested
from contracts.consulting import OpinionRequestFiled
from tests.builders import outbox, typed
from tests.integration.consulting.conftest import REQUESTS, opinion_request


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack

SCREENED = {"importance": "여러 부서 관련", "urgency": "착공 임박"}


def test_filing_publishes_the_request_with_its_receipt(api):
    case = api.requested("W1")
    assert (case["status"], case["department"], case["clock_state"]) == ("SUBMITTED", "WEL", "running")
    [filed] = [e for e in (typed(e) for e in outbox("consulting") if e.detail_type == "OpinionRequestFiled")
              if e.request_id == case["case_id"]]
    assert isinstance(filed, OpinionRequestFiled)
    assert (filed.request_id, filed.requester_employee_no, filed.matter_code, filed.pre_consulting_id) == (
        case["case_id"], "W1", "ROAD-OCCUPANCY", None)


def test_the_aa_officer_refuses_with_a_reason_and_the_request_cannot_be_screened_again(api):
    case_id = api.requested()["case_id"]
    path = f"{REQUESTS}/{case_id}/screening"
    assert api("POST", path, "O1", {"decision": "refuse", **SCREENED})[1]["code"] == "REFUSAL_REASON_REQUIRED"
    status, refused = api("POST", path, "O1", {"decision": "refuse", **SCREENED, "reason_code": "law_clear"})
    assert (status, refused["status"], refused["refusal_reason"], refused["clock_state"]) == (
        200, "REFUSED", "law_clear", "stopped")
    assert (refused["importance"], refused["urgency"]) == ("여러 부서 관련", "착공 임박")
    again = api("POST", path, "O1", {"decision": "accept", **SCREENED})
    assert (again[0], again[1]["code"]) == (409, "INVALID_STATE")
    assert not [e for e in outbox("consulting") if e.detail_type == "CommitteeItemRequested"
                and CommitteeItemRequested.of(e).origin_case_id == case_id]


def test_an_earlier_pre_consulting_does_not_bar_the_request_and_its_opinion_goes_with_the_item(api):
    earlier = api.accepted()
    api.move(earlier, "opinion", "A1", {"opinion": "선례에 비추어 연장 가능"})
    case = api.requested(pre_consulting_id=earlier)
    assert case["pre_consulting_id"] == earlier
    status, _ = api("POST", f"{REQUESTS}/{case['case_id']}/screening", "O1", {"decision": "accept", **SCREENED})
    assert status == 200
    [asked] = [i for i in (CommitteeItemRequested.of(e) for e in outbox("consulting")
                           if e.detail_type == "CommitteeItemRequested") if i.origin_case_id == case["case_id"]]
    assert f"사전컨설팅 {earlier}" in asked.summary and "선례에 비추어 연장 가능" in asked.summary
    # another department's pre-consulting cannot be cited
    status, body = api("POST", REQUESTS, "W1", opinion_request(pre_consulting_id=earlier))
    assert (status, body["code"]) == (403, "OTHER_DEPARTMENT")
