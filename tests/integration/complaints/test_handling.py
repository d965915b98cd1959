"""Handling by the audit office (issue #14 "Handling"): every transition, its refusals and the object scope —
nobody reported or in their department handles the case; the investigator is neither; the competent department
of a rerouted petition sees it without the reporter and answers it through the receipt page."""

from __future__ import annotations

import pytest

from complaints.clients.notifications import SENT
from contracts.complaints import PassiveAdministrationConfirmed
from tests.builders import outbox, typed
from tests.integration.complaints.conftest import REPORTER


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def confirmed(case_id: str) -> list[PassiveAdministrationConfirmed]:
    """The case's PassiveAdministrationConfirmed events in the outbox, read with the publisher's model."""
    events = [typed(e) for e in outbox("complaints") if e.detail_type == "PassiveAdministrationConfirmed"]
    assert all(isinstance(e, PassiveAdministrationConfirmed) for e in events)
    return [e for e in events if e.case_id == case_id]


def test_the_passive_case_from_acknowledgement_to_decision_close_and_reopening(api):
    receipt = api.report()
    case_id = api.case_of(receipt)
    path = f"/complaints/cases/{case_id}"
    assert api("POST", f"{path}/classification", "A1", {"passive": True, "passive_type": "neglect",
                                                        "reason": "지연", "harm": "손실"})[1]["code"] == "WRONG_STATUS"
    status, case = api("POST", f"{path}/acknowledgement", "A1", {"petition_type": "grievance"})
    assert (status, case["status"], case["petition_type"], case["clock_state"]) == (200, "RECEIVED", "grievance",
                                                                                   "running")
    assert api("POST", f"{path}/acknowledgement", "A1", {})[1]["code"] == "WRONG_STATUS"

    # classified: a type needs the harm
    refused = api("POST", f"{path}/classification", "A1", {"passive": True, "passive_type": "neglect",
                                                           "reason": "지연"})
    assert (refused[0], refused[1]["code"]) == (422, "TYPE_AND_HARM_REQUIRED")
    status, case = api("POST", f"{path}/classification", "A1", {
        "passive": True, "passive_type": "neglect", "reason": "정당한 사유 없는 지연", "harm": "임대료 손실"})
    assert (case["status"], case["classification"]["type"]) == ("INVESTIGATING", "neglect")

    # the investigator: never the official reported, nor anyone of FIN
    for who, code in (("E1", "INVESTIGATOR_IS_REPORTED"), ("AF", "INVESTIGATOR_SAME_DEPARTMENT")):
        status, body = api("PUT", f"{path}/investigator", "A1", {"employee_no": who, "department": "FIN"})
        assert (status, body["code"]) == (422, code)
    status, case = api("PUT", f"{path}/investigator", "A1", {"employee_no": "A2", "department": "AUD"})
    assert case["investigator"] == "A2"
    assert api("POST", f"{path}/notes", "A2", {"text": "현장 확인 결과 서류 미검토"})[0] == 201  # the investigator
    assert api("POST", f"{path}/decision", "A2", {})[0] in (403, 422)  # deciding is the intake office's

    # the decision: a caution for E1, a warning for FH as supervisor; one event each, in its transaction
    status, case = api.decide(case_id)
    assert status == 200, case
    assert (case["status"], case["clock_state"]) == ("DECIDED", "stopped")
    assert [(m["employee_no"], m["measure"], m["liability"]) for m in case["measures"]] == [
        ("E1", "caution", "actor"), ("FH", "warning", "supervisor")]
    assert "award_bar" in case["measures"][0]["consequences"]
    events = confirmed(case_id)
    assert [(e.case_id, e.employee_no, e.department, e.passive_type.value, e.measure.value, e.liability)
            for e in events] == [(case_id, "E1", "FIN", "neglect", "caution", "actor"),
                                 (case_id, "FH", "FIN", "neglect", "warning", "supervisor")]
    assert events[0].bars_until and events[1].bars_until > events[0].bars_until
    assert api.decide(case_id)[1]["code"] == "WRONG_STATUS"

    # the reporter is told: the receipt page and the notice name the handler
    status, page = api.follow(receipt)
    assert page["status"] == "DECIDED" and page["result"]["handler_name"] == "감사 담당 이감사"
    assert page["result"]["handler_department"] == "AUD" and "행정심판" in page["result"]["remedies"]
    [notice] = SENT
    assert (notice.email, notice.phone) == (REPORTER["email"], REPORTER["phone"])
    assert "02-3396-1234" in notice.text and "감사 담당 이감사" in notice.text

    status, case = api("POST", f"{path}/closing", "A1")
    assert case["status"] == "CLOSED"
    assert api("POST", f"{path}/messages", "A1", {"text": "x"})[1]["code"] == "WRONG_STATUS"
    status, case = api("POST", f"{path}/reopening", "A1", {"reason": "같은 내용의 반복 신고"})
    assert (case["status"], case["repeats"], case["clock_state"]) == ("RECEIVED", 1, "running")
    # a repeated grievance must be investigated by the audit office: never rerouted
    status, body = api("POST", f"{path}/classification", "A1", {
        "passive": False, "reason": "단순 불만", "not_passive_reason": "simple_grievance", "department": "WEL"})
    assert (status, body["code"]) == (422, "REPEATED_MUST_INVESTIGATE")


def test_a_decision_without_a_measure_publishes_nothing_and_an_anonymous_reporter_gets_no_notice(api):
    _, case_id = api.investigating(anonymous=True)
    status, case = api.decide(case_id, measures=[{"employee_no": "E1", "department": "FIN", "measure": "none"}])
    assert status == 200 and case["measures"][0]["bars_until"] is None
    assert confirmed(case_id) == []
    assert SENT == []
    status, body = api.decide(api.investigating()[1], measures=[
        {"employee_no": "FH", "department": "FIN", "measure": "warning", "liability": "supervisor"}])
    assert (status, body["code"]) == (422, "SUPERVISOR_WITHOUT_ACTOR")


def test_the_reported_official_their_department_and_a_concerned_auditor_never_handle_the_case(api):
    _, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}"
    for who in ("E1", "FH", "O1", "WH"):
        assert api("GET", path, who)[0] == 403, who
    status, body = api("GET", path, "AF")  # an auditor who works in FIN
    assert (status, body["code"]) == (403, "CONCERNED")
    assert api("POST", f"{path}/notes", "AF", {"text": "x"})[0] == 403
    status, listed = api("GET", "/complaints/cases", "AF")
    assert status == 200 and case_id not in [c["case_id"] for c in listed["items"]]
    status, listed = api("GET", "/complaints/cases", "A1")
    assert case_id in [c["case_id"] for c in listed["items"]]
    # nor an auditor in the department of an official a measure names
    status, body = api.decide(case_id, who="A1", measures=[
        {"employee_no": "A2", "department": "AUD", "measure": "caution"}])
    assert (status, body["code"]) == (403, "CONCERNED")


def test_the_investigator_is_checked_against_the_directory_not_the_request(api):
    """Only an active employee holding the investigation office's role; the department is the directory's, so an
    auditor of the reported department cannot be assigned by naming another department."""
    _, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}/investigator"
    for body, code in (({"employee_no": "AF", "department": "AUD"}, "INVESTIGATOR_DEPARTMENT_MISMATCH"),
                       ({"employee_no": "AF"}, "INVESTIGATOR_SAME_DEPARTMENT"),
                       ({"employee_no": "O1", "department": "CON"}, "INVESTIGATOR_NOT_INVESTIGATION_ROLE"),
                       ({"employee_no": "WH", "department": "WEL"}, "INVESTIGATOR_NOT_INVESTIGATION_ROLE"),
                       ({"employee_no": "NOBODY9", "department": "AUD"}, "INVESTIGATOR_UNKNOWN")):
        status, refused = api("PUT", path, "A1", body)
        assert (status, refused["code"]) == (422, code), body
    status, case = api("PUT", path, "A1", {"employee_no": "A2"})
    assert (status, case["investigator"]) == (200, "A2")


def test_an_official_named_only_by_number_keeps_their_whole_department_out(api):
    """The report names E1 but no department: the directory's department (FIN) is the case's, so AF, an auditor
    of FIN, neither lists, reads nor handles it, nor can be assigned to investigate it."""
    _, case_id = api.investigating(department=None)
    status, listed = api("GET", "/complaints/cases", "AF", query={"limit": "100"})
    assert status == 200 and case_id not in [c["case_id"] for c in listed["items"]]
    for method, suffix, body in (("GET", "", None), ("POST", "/notes", {"text": "메모"})):
        status, refused = api(method, f"/complaints/cases/{case_id}{suffix}", "AF", body)
        assert (status, refused["code"]) == (403, "CONCERNED"), suffix
    status, refused = api("PUT", f"/complaints/cases/{case_id}/investigator", "A1", {"employee_no": "AF"})
    assert (status, refused["code"]) == (422, "INVESTIGATOR_SAME_DEPARTMENT")


def test_not_passive_is_rerouted_to_the_competent_department_which_answers_through_the_receipt_page(api):
    receipt, case_id = api.received()
    path = f"/complaints/cases/{case_id}"
    status, body = api("POST", f"{path}/classification", "A1", {"passive": False, "reason": "처음 신청한 민원"})
    assert (status, body["code"]) == (422, "REROUTE_REQUIRES_DEPARTMENT")
    status, case = api("POST", f"{path}/classification", "A1", {
        "passive": False, "reason": "처음 신청한 민원", "not_passive_reason": "first_request", "department": "WEL"})
    assert (case["status"], case["rerouted_to"]) == ("REASSIGNED", "WEL")

    # WEL's head sees the petition, without the reporter, the office's notes or who handled it
    status, seen = api("GET", path, "WH")
    assert status == 200 and seen["view"] == "department" and seen["what"]
    assert seen["notes"] is None and seen["messages"] is None and seen["classification"] is None
    status, listed = api("GET", "/complaints/cases", "WH")
    assert case_id in [c["case_id"] for c in listed["items"]] and {c["view"] for c in listed["items"]} == {
        "department"}
    assert api("GET", "/complaints/cases", "FH")[1]["items"] == []
    handler = {"name": "x", "contact": "1234"}
    assert api("POST", f"{path}/answer", "FH", {"text": "답변입니다", "handler": handler})[0] == 403

    status, answered = api("POST", f"{path}/answer", "WH", {
        "text": "신청하신 건은 12월 3일 처리했습니다.",
        "handler": {"name": "복지과 박담당", "contact": "02-3396-5678"}})
    assert (status, answered["status"], answered["clock_state"]) == (200, "ANSWERED", "stopped")
    status, page = api.follow(receipt)
    assert page["answer"]["text"] == "신청하신 건은 12월 3일 처리했습니다."
    assert page["answer"]["handler_department"] == "WEL" and page["rerouted_to"] == "WEL"
    assert any("이송" in m["text"] for m in page["messages"])
    assert [n.subject for n in SENT] == ["민원 이송 안내", "민원 답변"] and "박담당" in SENT[1].text
    assert api("POST", f"{path}/closing", "A1")[1]["status"] == "CLOSED"

    # reopened on a repeated report, it is the audit office's again: WEL neither lists nor reads it
    status, case = api("POST", f"{path}/reopening", "A1", {"reason": "같은 민원을 다시 신고"})
    assert (case["status"], case["rerouted_to"]) == ("RECEIVED", None)
    assert case_id not in [c["case_id"] for c in api("GET", "/complaints/cases", "WH")[1]["items"]]
    assert api("GET", path, "WH")[0] == 403


def test_the_field_investigation_pauses_the_period_once_extended_once(api):
    _, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}/field-investigation"
    before = api("GET", f"/complaints/cases/{case_id}", "A1")[1]
    assert api("POST", path, "A1", {"action": "end", "reason": "조사 끝"})[1]["code"] == "NO_FIELD_INVESTIGATION"
    status, case = api("POST", path, "A1", {"action": "start", "reason": "현장 확인"})
    assert (status, case["clock_state"]) == (200, "paused")
    assert api("POST", path, "A1", {"action": "start", "reason": "한 번 더"})[1]["code"] == "FIELD_INVESTIGATION_OPEN"
    status, case = api("POST", path, "A1", {"action": "extend", "reason": "추가 확인"})
    assert case["field_investigation"]["extended"] is True
    again = api("POST", path, "A1", {"action": "extend", "reason": "한 번 더"})
    assert again[1]["code"] == "FIELD_INVESTIGATION_EXTENDED"
    status, case = api("POST", path, "A1", {"action": "end", "reason": "조사 끝"})
    assert case["clock_state"] == "running" and case["due_at"] >= before["due_at"]
    assert api("POST", path, "A1", {"action": "start", "reason": "다시"})[1]["code"] == "FIELD_INVESTIGATION_DONE"


def test_the_period_is_extended_once_with_a_reason_a_second_time_only_with_consent(api):
    receipt, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}/extension"
    before = api("GET", f"/complaints/cases/{case_id}", "A1")[1]["due_at"]
    assert api("POST", path, "A1", {"reason": "조사", "length": 8})[1]["code"] == "EXTENSION_TOO_LONG"
    status, case = api("POST", path, "A1", {"reason": "관계 부서 협의 필요"})
    assert status == 200 and case["extensions"] == 1 and case["due_at"] > before
    status, body = api("POST", path, "A1", {"reason": "추가 조사"})
    assert (status, body["code"]) == (422, "EXTENSION_NEEDS_CONSENT")
    status, case = api("POST", path, "A1", {"reason": "추가 조사", "consent": True, "length": 2})
    assert case["extensions"] == 2
    page = api.follow(receipt)[1]
    assert any("연장" in m["text"] and "관계 부서 협의 필요" in m["text"] for m in page["messages"])
    assert [n.subject for n in SENT] == ["처리기간 연장 안내"] * 2 and "관계 부서 협의 필요" in SENT[0].text
    _, audit_case = api("POST", "/complaints/cases", "A1", {"channel": "audit", "what": "자체 조사 건입니다",
                                                            "harm": "손해"})
    status, body = api("POST", f"/complaints/cases/{audit_case['case_id']}/extension", "A1", {"reason": "조사 연장"})
    assert (status, body["code"]) == (422, "NO_PERIOD")


def test_a_petition_filed_a_third_time_after_two_answers_is_closed_without_investigation(api):
    receipt, case_id = api.investigating()
    path = f"/complaints/cases/{case_id}"
    assert api.decide(case_id, measures=[{"employee_no": "E1", "department": "FIN", "measure": "none"}])[0] == 200
    assert api("POST", f"{path}/closing", "A1")[0] == 200
    assert api("POST", f"{path}/reopening", "A1", {"reason": "두 번째 제출"})[0] == 200  # filed twice
    status, body = api("POST", f"{path}/closing", "A1")
    assert (status, body["code"]) == (422, "REPEAT_NOT_CLOSABLE")
    assert api("POST", f"{path}/classification", "A1", {"passive": True, "passive_type": "neglect",
                                                        "reason": "다시 조사", "harm": "임대료 손실"})[0] == 200
    assert api.decide(case_id, measures=[{"employee_no": "E1", "department": "FIN", "measure": "none"}])[0] == 200
    assert api("POST", f"{path}/closing", "A1")[0] == 200
    status, case = api("POST", f"{path}/reopening", "A1", {"reason": "세 번째 제출"})
    assert (case["repeats"], case["notices"], case["clock_state"]) == (2, 2, "running")
    status, case = api("POST", f"{path}/closing", "A1")  # §23: closed from its receipt, the reporter told why
    assert (status, case["status"], case["clock_state"]) == (200, "CLOSED", "stopped")
    assert "제23조" in api.follow(receipt)[1]["messages"][-1]["text"]
