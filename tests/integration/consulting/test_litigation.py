"""Litigation support (issue #13, case 5): the official's own application, the office's for a retired official (the
criminal kinds only), the county's cap, the committee's review by event, LitigationSupportApproved, criminal trial
costs only after the final acquittal, payments within the approved amount."""

from __future__ import annotations

import pytest

from contracts.committee import CommitteeItemRequested, ItemKind
from contracts.consulting import LitigationSupportApproved
from tests.builders import outbox, typed
from tests.integration.consulting.test_authorization import LITIGATION, RETIREE, SUPPORT
from tests.integration.consulting.test_event_contracts import committee_members, resolve
from tests.integration.test_event_contracts import deliver


@pytest.fixture(scope="module")
def stack(shared_stack):
    return shared_stack


def test_applications_the_cap_and_retirees(api):
    status, mine = api("POST", LITIGATION, "R1", SUPPORT)
    assert (status, mine["case"]["status"], mine["case"]["requester"], mine["requested_won"]) == (
        201, "APPLIED", "R1", 3_000_000)
    assert api("POST", LITIGATION, "R1", {**SUPPORT, "requested_won": 10_000_001})[1]["code"] == "OVER_LIMIT"
    assert api("POST", LITIGATION, "R1", RETIREE)[1]["code"] == "ROLE_REQUIRED"  # only the office files for them
    assert api("POST", LITIGATION, "U1", {**RETIREE, "kind": "civil_suit"})[1]["code"] == "RETIREE_NOT_ELIGIBLE"
    status, theirs = api("POST", LITIGATION, "U1", RETIREE)
    assert (status, theirs["case"]["requester"], theirs["case"]["department"], theirs["retired"]) == (
        201, "X9", "FIN", True)
    # each is the committee's item, the applicant its party
    ours = {mine["case"]["case_id"], theirs["case"]["case_id"]}
    asked = [i for i in (CommitteeItemRequested.of(e) for e in outbox("consulting")
                         if e.detail_type == "CommitteeItemRequested") if i.origin_case_id in ours]
    assert [(i.kind, i.origin_case_id, i.parties[0].employee_no) for i in asked] == [
        (ItemKind.LITIGATION_SUPPORT, mine["case"]["case_id"], "R1"),
        (ItemKind.LITIGATION_SUPPORT, theirs["case"]["case_id"], "X9")]
    # an official's own file: not their colleague's
    assert api("GET", f"{LITIGATION}/{mine['case']['case_id']}", "R2")[1]["code"] == "NOT_YOURS"
    listed = [c["case_id"] for c in api("GET", LITIGATION, "R1")[1]["items"]]
    assert mine["case"]["case_id"] in listed and theirs["case"]["case_id"] not in listed
    assert {c["requester"] for c in api("GET", LITIGATION, "R1")[1]["items"]} == {"R1"}


def test_approved_by_the_committee_then_paid_after_the_acquittal_within_the_amount(api):
    from committee import on_item_requested
    from consulting import on_committee_resolved

    committee_members()
    trial = {**SUPPORT, "kind": "criminal_trial", "requested_won": 4_000_000}
    case_id = api("POST", LITIGATION, "R1", trial)[1]["case"]["case_id"]
    deliver(on_item_requested.handler, [e for e in outbox("consulting") if e.detail_type == "CommitteeItemRequested"
                                        and CommitteeItemRequested.of(e).origin_case_id == case_id])
    deliver(on_committee_resolved.handler, [resolve(case_id)])

    [approved] = [e for e in (typed(e) for e in outbox("consulting") if e.detail_type == "LitigationSupportApproved")
                  if e.litigation_id == case_id]
    assert isinstance(approved, LitigationSupportApproved)
    assert (approved.litigation_id, approved.kind, approved.approved_won, approved.retired) == (
        case_id, "criminal_trial", 4_000_000, False)

    sent = api("POST", f"{LITIGATION}/{case_id}/investigator-opinion", "U1",
               {"sent_on": "2026-11-20", "addressee": "데모경찰서", "summary": "적극행정으로 본 사안"})[1]
    assert sent["case"]["history"][-1]["note"] == "데모경찰서 (2026-11-20): 적극행정으로 본 사안"

    pay = f"{LITIGATION}/{case_id}/payments"
    assert api("POST", pay, "U1", {"won": 1_000_000, "paid_on": "2026-11-30"})[1]["code"] == "AWAIT_FINAL_ACQUITTAL"
    verdict = {"final_acquittal": True, "decided_on": "2026-11-27", "court_case": "2026고단123"}
    assert api("POST", f"{LITIGATION}/{case_id}/verdict", "U1", verdict)[1]["acquitted"] is True
    assert api("POST", f"{LITIGATION}/{case_id}/verdict", "U1", verdict)[1]["code"] == "INVALID_STATE"
    part = api("POST", pay, "U1", {"won": 1_000_000, "paid_on": "2026-11-30"})[1]
    assert (part["case"]["status"], part["paid_won"]) == ("APPROVED", 1_000_000)
    assert api("POST", pay, "U1", {"won": 3_000_001, "paid_on": "2026-11-30"})[1]["code"] == "OVER_APPROVED"
    done = api("POST", pay, "U1", {"won": 3_000_000, "paid_on": "2026-12-01"})[1]
    assert (done["case"]["status"], done["paid_won"], done["approved_won"]) == ("PAID", 4_000_000, 4_000_000)
    assert api("POST", pay, "U1", {"won": 1, "paid_on": "2026-12-01"})[1]["code"] == "INVALID_STATE"


def test_an_indemnity_decision_records_whether_the_damage_came_from_active_administration(api):
    body = {"employee_no": "R1", "department": "FIN", "damage_summary": "허가 연장 손해배상 1천만원",
            "from_active_administration": True, "decision": "reduce", "amount_won": 1_000_000}
    refused = api("POST", "/consulting/indemnity-decisions", "U1", body)
    assert (refused[0], refused[1]["code"]) == (422, "WEIGHING_REQUIRED")
    status, made = api("POST", "/consulting/indemnity-decisions", "U1", {**body, "weighing": "적극행정: 10%만 구상"})
    assert (status, made["decision"], made["from_active_administration"], made["employee_no"]) == (
        201, "reduce", True, "R1")
    assert api("GET", f"/consulting/indemnity-decisions/{made['decision_id']}", "R1")[1]["weighing"] == (
        "적극행정: 10%만 구상")
    assert api("GET", f"/consulting/indemnity-decisions/{made['decision_id']}", "R2")[1]["code"] == "NOT_YOURS"
