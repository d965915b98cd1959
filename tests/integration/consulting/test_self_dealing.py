"""Nobody acts for the county on their own case or their own department's (issue #13 leftovers): the AA officer
screening an opinion request, the audit office screening, answering or sending up a pre-consulting, the audit head
deciding an exemption, the dedicated unit on litigation support and indemnity, the protection officer on their own
application. The department is the directory's (consulting's staff projection), never the token's claim; the refusal
names who may act instead (another holder of the office, or its acting holder)."""

from __future__ import annotations

import pytest

from tests.builders import staff_claims
from tests.integration.consulting.conftest import EXEMPTIONS, PRE, REQUESTS, file_exemption
from tests.integration.consulting.test_authorization import LITIGATION, RETIREE, SUPPORT

SCREENED = {"importance": "여러 부서 관련", "urgency": "착공 임박"}
# every move the audit office (A1) or the audit head (H1) makes on a pre-consulting, with a valid body
AUDIT_MOVES = {
    "supplement-request": ("A1", {"reason": "검토 자료 보완"}),
    "refusal": ("A1", {"reason_code": "law_clear"}),
    "acceptance": ("A1", None),
    "visits": ("A1", {"kind": "site_visit", "held_on": "2026-11-20", "summary": "현장 확인"}),
    "advice-request": ("H1", {"question": "자문 요청"}),
    "escalation": ("H1", {"grounds": ["serious"]}),
    "province-answer": ("A1", {"answer": "가능", "answered_on": "2026-11-20"}),
    "opinion": ("A1", {"opinion": "가능"}),
}


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def test_the_audit_office_refuses_every_move_on_its_own_departments_pre_consulting(api):
    case_id = api.filed("A2", documents=[])["case_id"]  # filed by an auditor: the audit department's own request
    for step, (who, body) in AUDIT_MOVES.items():
        status, refused = api("POST", f"{PRE}/{case_id}/{step}", who, body)
        assert (step, status, refused["code"]) == (step, 403, "OWN_DEPARTMENT"), refused
        assert "직무대리" in refused["message"] and refused["details"]["department"] == "AUD"
    own = api("POST", f"{PRE}/{case_id}/acceptance", "A2")
    assert (own[0], own[1]["code"]) == (403, "OWN_APPLICATION")
    assert "직무대리" in own[1]["message"] and own[1]["details"]["may_act"] == ["audit"]
    assert api("GET", f"{PRE}/{case_id}", "A2")[1]["status"] == "SUBMITTED"  # nothing moved

    # an auditor outside the audit department (the acting holder the refusal names) screens and answers it
    assert api.move(case_id, "acceptance", "X1")["status"] == "ACCEPTED"
    opinion_id = api.move(case_id, "opinion", "X1", {"opinion": "가능"})["opinion_id"]
    # and only they record a later finding on it: A1 is in the department that asked
    finding = {"information_complete": False, "private_interest": False, "reason": "인허가 이력 누락"}
    refused = api("POST", f"/consulting/opinions/{opinion_id}/finding", "A1", finding)
    assert (refused[0], refused[1]["code"]) == (403, "OWN_DEPARTMENT")
    assert api("POST", f"/consulting/opinions/{opinion_id}/finding", "X1", finding)[0] == 200


def test_the_directorys_department_decides_not_the_tokens(api):
    case_id = api.filed("R1")["case_id"]  # 재무과 (FIN)
    # M1 moved to FIN in the directory; their token still says AUD
    moved = api("POST", f"{PRE}/{case_id}/acceptance", staff_claims("M1", "AUD", "audit"))
    assert (moved[0], moved[1]["code"]) == (403, "OWN_DEPARTMENT")
    # an auditor the directory does not know yet cannot act on any case (the token's department is not enough)
    unknown = api("POST", f"{PRE}/{case_id}/acceptance", staff_claims("N1", "AUD", "audit"))
    assert (unknown[0], unknown[1]["code"]) == (403, "DEPARTMENT_UNKNOWN")
    # X1's token claims FIN, the directory has them in PLN: they may act
    assert api("POST", f"{PRE}/{case_id}/acceptance", staff_claims("X1", "FIN", "audit"))[0] == 200


def test_the_aa_officer_cannot_screen_a_request_of_their_own_or_their_departments(api):
    mine = api.requested("O1")["case_id"]
    status, refused = api("POST", f"{REQUESTS}/{mine}/screening", "O1", {"decision": "accept", **SCREENED})
    assert (status, refused["code"]) == (403, "OWN_APPLICATION")
    assert "적극행정 책임관" in refused["message"] and "직무대리" in refused["message"]
    colleagues = api.requested("U1")["case_id"]  # the dedicated unit sits in the AA officer's department (ADM)
    status, refused = api("POST", f"{REQUESTS}/{colleagues}/screening", "O1",
                          {"decision": "refuse", "reason_code": "law_clear", **SCREENED})
    assert (status, refused["code"]) == (403, "OWN_DEPARTMENT")
    assert api("GET", f"{REQUESTS}/{colleagues}", "O1")[1]["status"] == "SUBMITTED"
    other = api.requested("W1")["case_id"]
    assert api("POST", f"{REQUESTS}/{other}/screening", "O1", {"decision": "accept", **SCREENED})[0] == 200


def test_the_audit_head_and_the_protection_officer_on_their_own_or_their_departments_exemption(api):
    auditors = file_exemption(api, "A2", documents=[])["case"]["case_id"]
    status, refused = api("POST", f"{EXEMPTIONS}/{auditors}/decision", "H1",
                          {"decision": "EXEMPT", "reasons": "요건 충족"})
    assert (status, refused["code"]) == (403, "OWN_DEPARTMENT")
    counsel = {"kind": "counselling", "held_on": "2026-11-20", "note": "상담"}
    own = file_exemption(api, "P1", documents=[])["case"]["case_id"]
    status, refused = api("POST", f"{EXEMPTIONS}/{own}/counselling", "P1", counsel)
    assert (status, refused["code"]) == (403, "OWN_APPLICATION")
    # a colleague's application is no conflict of the protection officer's: they counsel them
    colleagues = file_exemption(api, "U1", documents=[])["case"]["case_id"]
    assert api("POST", f"{EXEMPTIONS}/{colleagues}/counselling", "P1", counsel)[0] == 201


def test_the_dedicated_unit_on_its_own_litigation_support_and_indemnity(api):
    case_id = api("POST", LITIGATION, "U1", SUPPORT)[1]["case"]["case_id"]
    sent = {"sent_on": "2026-11-20", "addressee": "데모경찰서", "summary": "적극행정으로 본 사안"}
    for who, code in (("U1", "OWN_APPLICATION"), ("U2", "OWN_DEPARTMENT")):
        status, refused = api("POST", f"{LITIGATION}/{case_id}/investigator-opinion", who, sent)
        assert (who, status, refused["code"]) == (who, 403, code)
        status, refused = api("POST", f"{LITIGATION}/{case_id}/payments", who, {"won": 1, "paid_on": "2026-11-30"})
        assert (who, status, refused["code"]) == (who, 403, code)
    indemnity = {"damage_summary": "손해배상", "from_active_administration": True, "weighing": "적극행정: 구상 면제",
                 "decision": "waive"}
    own = api("POST", "/consulting/indemnity-decisions", "U1", {**indemnity, "employee_no": "U1", "department": "ADM"})
    assert (own[0], own[1]["code"]) == (403, "OWN_APPLICATION")
    # O1 is in ADM by the directory, whatever department the request names
    colleague = api("POST", "/consulting/indemnity-decisions", "U1",
                    {**indemnity, "employee_no": "O1", "department": "FIN"})
    assert (colleague[0], colleague[1]["code"]) == (403, "OWN_DEPARTMENT")


def test_the_office_files_for_a_retiree_only_never_for_itself_or_a_serving_official(api):
    """The office files litigation support for a retired official (who has no sign-in); not under its own number,
    and not for someone the directory has in service (they apply themselves)."""
    status, refused = api("POST", LITIGATION, "U1", {**RETIREE, "applicant_employee_no": "U1"})
    assert (status, refused["code"]) == (403, "OWN_APPLICATION")
    status, refused = api("POST", LITIGATION, "U1", {**RETIREE, "applicant_employee_no": "R2"})
    assert (status, refused["code"], refused["details"]) == (422, "NOT_RETIRED", {"applicant_employee_no": "R2"})
    assert api("POST", LITIGATION, "U1", RETIREE)[0] == 201  # X9: not on the roster in service
