"""Other areas' events draft proposals; the department head confirms (→ an ordinary grant) or dismisses them."""

from __future__ import annotations

from common.events import new_event
from mileage.storage.proposals import get_proposal
from tests.builders import LambdaContext, eventbridge_event, resident_claims, sqs_event
from tests.integration.mileage.conftest import events_of

EVIDENCE = ["https://consulting.example.go.kr/cases/C-1"]


def feed(*envelopes) -> dict:
    from mileage import on_other_area_event

    return on_other_area_event.handler(sqs_event(*(eventbridge_event(e) for e in envelopes)), LambdaContext())


def consulting(employee_no: str, consulting_id: str = "C-1", detail_type: str = "PreConsultingRequested"):
    return new_event("consulting", detail_type, {"consulting_id": consulting_id,
                                                 "requester_employee_no": employee_no})


def drafts(who: str, api, **query) -> list[dict]:
    status, body = api("GET", "/mileage/proposals", who, query=query or None)
    assert status == 200, body
    return body["items"]


def test_an_event_drafts_a_proposal_the_head_confirms_into_a_grant_audit_approves(api, stack):
    # Given a consulting event for E1 (FIN), delivered twice, one for an unknown employee and one no rule matches
    event = consulting("E1")
    assert feed(event, consulting("NOBODY", "C-2"), consulting("E1", "C-3", "PreConsultingCancelled")) == {
        "batchItemFailures": []}
    feed(event.model_copy(update={}))  # a replay of the same event id: consume dedupes, the proposal id too
    # Then exactly one draft, for FIN, with the rule's item and points
    [draft] = drafts("H1", api)
    assert (draft["employee_no"], draft["department"], draft["item_code"], draft["points"], draft["status"]) == (
        "E1", "FIN", "PRECONSULT", 2, "DRAFT")
    assert draft["act_ref"] == "jeokgeuk.consulting:C-1" and draft["act_date"] == event.occurred_at.date().isoformat()
    # and the proposal id is the same whichever delivery wrote it
    from mileage.proposal_drafts import proposal_id
    from mileage.rules.policy import policy

    assert draft["proposal_id"] == proposal_id(event, policy().event_rules[0])

    # When the head confirms with points out of the item's range, or without the item's required evidence: refused
    path = f"/mileage/proposals/{draft['proposal_id']}/confirm"
    assert api("POST", path, "H1", {"points": 11, "evidence_links": EVIDENCE})[1]["code"] == "POINTS_OUT_OF_RANGE"
    assert api("POST", path, "H1", {})[1]["code"] == "EVIDENCE_REQUIRED"
    assert get_proposal(draft["proposal_id"]).status == "DRAFT"  # a refused grant leaves the draft
    # and then with 4 points and evidence: a SUBMITTED grant, the proposal CONFIRMED with its id
    status, body = api("POST", path, "H1", {"points": 4, "evidence_links": EVIDENCE,
                                            "act_description": "사전컨설팅 후 인허가 처리"})
    assert status == 200, body
    grant = body["grant"]
    assert (grant["status"], grant["points"], grant["employee_no"], grant["act_ref"]) == (
        "SUBMITTED", 4, "E1", "jeokgeuk.consulting:C-1")
    assert body["proposal"]["status"] == "CONFIRMED" and body["proposal"]["grant_id"] == grant["grant_id"]
    stored = get_proposal(draft["proposal_id"])
    assert (stored.status, stored.grant_id, stored.decided_by) == ("CONFIRMED", grant["grant_id"], "H1")
    assert drafts("H1", api) == [] and [p["proposal_id"] for p in drafts("H1", api, status="CONFIRMED")] == [
        draft["proposal_id"]]
    # A second confirm: already confirmed, no second grant
    again = api("POST", path, "H1", {"points": 4, "evidence_links": EVIDENCE})
    assert again[0] == 409 and again[1]["details"]["grant_id"] == grant["grant_id"]
    assert len(events_of(stack, "MileageGranted")) == 1
    # Then audit approves: the balance moves
    assert api.approve(grant["grant_id"])[0] == 200
    assert api.balance("E1")["balance"] == 4


def test_the_same_act_through_a_proposal_and_a_direct_grant_counts_once(api):
    feed(consulting("E2", "C-9"))
    [draft] = drafts("H1", api)
    api.granted(item_code="PRECONSULT", points=3, recipients=[{"employee_no": "E2"}], act_ref="jeokgeuk.consulting:C-9",
                evidence_links=EVIDENCE)
    status, body = api("POST", f"/mileage/proposals/{draft['proposal_id']}/confirm", "H1",
                       {"points": 2, "evidence_links": EVIDENCE})
    assert (status, body["code"]) == (409, "DUPLICATE_ACT")
    # the head dismisses it instead, with a reason
    path = f"/mileage/proposals/{draft['proposal_id']}/dismiss"
    assert api("POST", path, "H1", {"reason": "x"})[0] == 422
    status, body = api("POST", path, "H1", {"reason": "이미 직접 부여함"})
    assert (status, body["status"], body["reason"]) == (200, "DISMISSED", "이미 직접 부여함")
    assert api("POST", path, "H1", {"reason": "다시 기각"})[0] == 409
    assert [p["proposal_id"] for p in drafts("A1", api, status="DISMISSED")] == [draft["proposal_id"]]


def test_ineligible_employees_get_no_draft_and_selection_events_use_their_rule(api):
    feed(consulting("E3", "C-5"),  # 5급: may not earn
         new_event("selection", "ExcellentOfficialSelected", {"selection_id": "S-1", "employee_no": "T1"}))
    assert drafts("H1", api) == []
    [draft] = drafts("H2", api)
    assert (draft["employee_no"], draft["department"], draft["item_code"], draft["points"]) == (
        "T1", "TAX", "BEST_CASE", 5)


def test_who_may_list_confirm_and_dismiss_proposals(api):
    feed(consulting("E1"))
    [draft] = drafts("H1", api)
    confirm = f"/mileage/proposals/{draft['proposal_id']}/confirm"
    dismiss = f"/mileage/proposals/{draft['proposal_id']}/dismiss"
    # listing: own department's head and audit (all or one department); not another head for FIN, not the others
    assert drafts("A1", api)[0]["proposal_id"] == draft["proposal_id"]
    assert drafts("A1", api, department="FIN")[0]["proposal_id"] == draft["proposal_id"]
    assert drafts("H2", api) == []
    assert api("GET", "/mileage/proposals", "H2", query={"department": "FIN"})[1]["code"] == "OTHER_DEPARTMENT"
    for who in ("E1", "P1", "R1", resident_claims()):
        assert api("GET", "/mileage/proposals", who)[0] == 403, who
    assert api("GET", "/mileage/proposals", None)[0] == 401
    # confirming and dismissing: only the head of the proposal's department
    for who, code in (("H2", "OTHER_DEPARTMENT"), ("E1", "ROLE_REQUIRED"), ("A1", "ROLE_REQUIRED"),
                      ("P1", "ROLE_REQUIRED"), ("R1", "ROLE_REQUIRED"), (resident_claims(), "ROLE_REQUIRED")):
        assert api("POST", confirm, who, {"evidence_links": EVIDENCE})[1]["code"] == code, who
        assert api("POST", dismiss, who, {"reason": "사유 있음"})[1]["code"] == code, who
    assert api("POST", confirm, None, {})[0] == 401
    assert api("POST", dismiss, None, {"reason": "사유 있음"})[0] == 401
    assert api("POST", "/mileage/proposals/nope/confirm", "H1", {})[0] == 404
    assert get_proposal(draft["proposal_id"]).status == "DRAFT"
