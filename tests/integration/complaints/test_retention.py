"""Retention of the reporter's identity (residents.complaint.retention_days after closing): the daily job erases the
reporter's item of closed cases once due (one index Query), conditional on what it read — a reopened case keeps its
reporter, a rerun erases nothing more."""

from __future__ import annotations

from datetime import timedelta

from common.clock import now
from common.county import county
from complaints import retention
from complaints.storage.cases import get_case, get_reporter
from tests.builders import LambdaContext


def closed(api, **fields) -> str:
    _, case_id = api.investigating(**fields)
    assert api.decide(case_id)[0] == 200
    assert api("POST", f"/complaints/cases/{case_id}/closing", "A1")[0] == 200
    return case_id


def test_a_closed_cases_reporter_is_erased_after_the_countys_retention_once(api):
    from complaints import job_retention

    case_id = closed(api)
    anonymous = closed(api, anonymous=True)
    days = county().residents.complaint.retention_days
    reporter = get_reporter(case_id)
    assert reporter.erase_at and get_reporter(anonymous) is None

    assert retention.erase_expired(now() + timedelta(days=days - 1))["due"] == 0
    assert retention.erase_expired(now() + timedelta(days=days, minutes=1)) == {
        "due": 1, "erased": 1, "skipped": 0, "errors": 0}
    assert get_reporter(case_id) is None and get_case(case_id).reporter_erased_at
    assert retention.erase_expired(now() + timedelta(days=days + 1))["due"] == 0  # a rerun: nothing more
    assert job_retention.handler({}, LambdaContext())["due"] == 0

    case = api("GET", f"/complaints/cases/{case_id}", "A1")[1]
    assert case["status"] == "CLOSED" and case["measures"] and case["reporter_erased_at"]
    status, body = api("POST", f"/complaints/cases/{case_id}/reveal", "A1", {"reason": "면담 필요"})
    assert (status, body["code"]) == (404, "NO_REPORTER")
    # reopened after the erasure, it is handled and closed again without a reporter
    assert api("POST", f"/complaints/cases/{case_id}/reopening", "A1", {"reason": "반복 신고"})[0] == 200
    assert api("POST", f"/complaints/cases/{case_id}/classification", "A1", {
        "passive": True, "passive_type": "neglect", "reason": "다시 조사", "harm": "손실"})[0] == 200
    assert api.decide(case_id)[0] == 200
    assert api("POST", f"/complaints/cases/{case_id}/closing", "A1")[0] == 200


def test_a_case_reopened_before_its_erasure_keeps_its_reporter(api):
    case_id = closed(api)
    days = county().residents.complaint.retention_days
    assert api("POST", f"/complaints/cases/{case_id}/reopening", "A1", {"reason": "반복 신고"})[0] == 200
    assert get_reporter(case_id).erase_at is None
    assert retention.erase_expired(now() + timedelta(days=days + 1))["due"] == 0
    assert get_reporter(case_id) is not None
