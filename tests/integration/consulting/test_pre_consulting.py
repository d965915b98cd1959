"""A pre-consulting through its whole lifecycle against the emulated stack (issue #13, case 1): filing once per
Idempotency-Key with its event, every screening outcome, 보완 pausing the clock, a site visit, escalation and the
province's answer, the opinion registered under its matter, the action report; wrong moves are 409 INVALID_STATE."""

from __future__ import annotations

import pytest

from bench.recorder import recording
from common.clock import today
from contracts.consulting import OpinionIssued, PreConsultingRequested
from tests.builders import outbox, typed
from tests.integration.consulting.conftest import PRE, pre_consulting


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def test_filing_is_once_per_key_with_its_event_and_its_answer_clock(api):
    first = api("POST", PRE, "R1", pre_consulting(), headers={"Idempotency-Key": "pc-1"})
    again = api("POST", PRE, "R1", pre_consulting(), headers={"Idempotency-Key": "pc-1"})
    assert first[0] == again[0] == 201 and first[1]["case_id"] == again[1]["case_id"]
    case = first[1]
    assert (case["status"], case["department"], case["requester"], case["matter_code"], case["clock_state"]) == (
        "SUBMITTED", "FIN", "R1", "ROAD-OCCUPANCY", "running")
    assert case["due_day"] > today().isoformat()

    events = [e for e in (typed(e) for e in outbox("consulting") if e.detail_type == "PreConsultingRequested")
              if e.consulting_id == case["case_id"]]
    assert events == [PreConsultingRequested(consulting_id=case["case_id"], requester_employee_no="R1",
                                             department="FIN", matter_code="ROAD-OCCUPANCY",
                                             filed_at=events[0].filed_at)]


def test_refusal_records_the_reason_and_stops_the_clock(api):
    case_id = api.filed()["case_id"]
    refused = api.move(case_id, "refusal", "A1", {"reason_code": "disposition_made", "note": "이미 허가함"})
    assert (refused["status"], refused["refusal_reason"], refused["clock_state"]) == (
        "REFUSED", "disposition_made", "stopped")
    assert refused["refusal_message"] == "이미 처분이 이루어진 사안인 경우: 이미 허가함"
    assert api.move(case_id, "acceptance", "A1", expect=409)["code"] == "INVALID_STATE"


def test_supplement_pauses_the_clock_until_the_department_resubmits(api):
    case_id = api.filed()["case_id"]
    asked = api.move(case_id, "supplement-request", "A1", {"reason": "선례 자료 첨부"})
    assert (asked["status"], asked["clock_state"]) == ("SUPPLEMENT_REQUESTED", "paused")
    assert asked["supplement_due_day"] is not None
    assert api.move(case_id, "acceptance", "A1", expect=409)["code"] == "INVALID_STATE"  # not while it waits
    assert api.move(case_id, "resubmission", "W1", {"note": "첨부"}, expect=403)["code"] == "NOT_YOUR_DEPARTMENT"

    back = api.move(case_id, "resubmission", "R2", {"note": "선례 첨부", "documents": ["consulting/FIN/2/a.pdf"]})
    assert (back["status"], back["clock_state"], back["supplement_due_day"]) == ("RESUBMITTED", "running", None)
    assert back["documents"] == ["consulting/FIN/1/review.pdf", "consulting/FIN/2/a.pdf"]
    assert [h["action"] for h in back["history"]] == ["request_supplement", "resubmit"]


def test_the_whole_path_through_the_province_to_the_action_report_and_the_registry(api):
    case_id = api.filed(matter_code="street vending")["case_id"]  # a matter of its own: the registry shows it alone
    api.move(case_id, "acceptance", "A1")
    api.move(case_id, "visits", "A1", {"kind": "site_visit", "held_on": today().isoformat(), "summary": "현장 확인"})
    assert api.move(case_id, "escalation", "H1", {}, expect=422)["code"] == "ESCALATION_GROUND_REQUIRED"
    assert api.move(case_id, "escalation", "A1", {"grounds": ["serious"]}, expect=403)["code"] == "ROLE_REQUIRED"
    up = api.move(case_id, "escalation", "H1", {"grounds": ["serious", "multi_body"]})
    assert (up["status"], up["clock_state"], up["escalation_grounds"]) == ("ESCALATED", "paused",
                                                                           ["serious", "multi_body"])
    api.move(case_id, "province-answer", "A1", {"answer": "연장 가능", "answered_on": today().isoformat()})
    issued = api.move(case_id, "opinion", "A1", {"opinion": "도 감사위원회 회신에 따라 연장 가능"})
    assert (issued["status"], issued["clock_state"]) == ("OPINION_ISSUED", "stopped")
    assert api.move(case_id, "action-report", "W1", {"action": "연장 허가"}, expect=403)["code"] == (
        "NOT_YOUR_DEPARTMENT")
    done = api.move(case_id, "action-report", "R1", {"action": "2026-12-01 연장 허가함"})
    assert done["status"] == "ACTION_REPORTED"
    assert "도 감사위원회에 조치 결과 보고" in done["history"][-1]["note"]

    opinion = [e for e in (typed(e) for e in outbox("consulting") if e.detail_type == "OpinionIssued")
               if e.case_id == case_id]
    assert [(type(o), o.issued_by, o.matter_code) for o in opinion] == [(OpinionIssued, "province", "STREET-VENDING")]

    # the auditor's lookup by matter: the code as typed is normalised, one index query
    with recording() as calls:
        status, found = api("GET", "/consulting/opinions", "A1", query={"matter": "street_vending"})
    assert status == 200, found
    assert [(op, params.get("IndexName")) for _, op, params in calls] == [("Query", "gsi1")]  # one index query
    assert [(o["case_id"], o["issued_by"], o["acted"], o["acted_by"]) for o in found["items"]] == [
        (case_id, "province", "2026-12-01 연장 허가함", "R1")]
    assert api("GET", "/consulting/opinions", "A1", query={"matter": "OTHER"})[1]["items"] == []
    assert api("GET", "/consulting/opinions", "R1", query={"matter": "STREET-VENDING"})[0] == 403


def test_a_department_lists_its_own_and_the_audit_office_every_one(api):
    mine, theirs = api.filed("R1")["case_id"], api.filed("W1", documents=[])["case_id"]
    ids = lambda who, **q: [c["case_id"] for c in api("GET", PRE, who, query=q or None)[1]["items"]]  # noqa: E731
    assert mine in ids("R2") and theirs not in ids("R2") and theirs in ids("W1") and mine not in ids("W1")
    assert ids("A1")[:2] == [theirs, mine]  # newest first
    assert mine in ids("A1", department="FIN") and theirs not in ids("A1", department="FIN")
    assert api("GET", PRE, "R1", query={"department": "WEL"})[1]["code"] == "OTHER_DEPARTMENT"
    assert api("GET", f"{PRE}/{theirs}", "R1")[1]["code"] == "OTHER_DEPARTMENT"


def test_where_the_province_is_the_main_path_every_opinion_goes_up_first(api, tmp_path, monkeypatch):
    from tests.builders import demo_county_with

    with demo_county_with(tmp_path, monkeypatch, "  province_path: when_serious", "  province_path: main"):
        case_id = api.accepted()
        assert api.move(case_id, "opinion", "A1", {"opinion": "가능"}, expect=422)["code"] == "PROVINCE_FIRST"
        up = api.move(case_id, "escalation", "H1", {})  # the county's path is its ground
        assert up["escalation_grounds"] == ["county_path"]
        api.move(case_id, "province-answer", "A1", {"answer": "가능", "answered_on": today().isoformat()})
        assert api.move(case_id, "opinion", "A1", {"opinion": "도 회신대로 가능"})["status"] == "OPINION_ISSUED"
