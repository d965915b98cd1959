"""Event contracts with consulting (issue #13): each consumer is fed the publisher's REAL outbox entries, as the relay,
the bus and the queue would hand them over (tests.integration.test_event_contracts.deliver).

    consulting (pre-consulting filed)           → mileage's draft proposals (`mileage.on_other_area_event`)
    consulting (opinion request accepted, advice asked, ratification filed, exemption recommendation asked)
                                                → the committee's agenda (`committee.on_item_requested`)
    committee (the item's resolution)           → consulting (`consulting.on_committee_resolved`)
"""

from __future__ import annotations

from datetime import date, timedelta

from common.clock import today
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind
from contracts.consulting import ExemptionRecommended, OpinionIssued, PreConsultingRequested
from contracts.directory import EmployeeJoined
from tests.builders import outbox, typed
from tests.integration.committee.conftest import CIVILIANS, MEMBERS, appointed, joined, member_caller, project
from tests.integration.committee.conftest import STAFF as COMMITTEE_STAFF
from tests.integration.committee.conftest import Api as CommitteeApi
from tests.integration.consulting.conftest import REQUESTS, file_exemption
from tests.integration.test_event_contracts import deliver

VOTERS = [m for m in MEMBERS if m != "EMP-M1"]  # M1 (FIN) is recused on a FIN official's item


def published(area: str, detail_type: str, seen: set[str] | None = None) -> list:
    return [e for e in outbox(area) if e.detail_type == detail_type and e.id not in (seen or set())]


def resolve(case_id: str, choice: str = "for", audit_opinion: str | None = None) -> CommitteeResolved:
    """The committee puts consulting's item on an ad hoc meeting and resolves it (`audit_opinion`: the chair asks the
    audit head's opinion first, and the audit head gives this one); its real CommitteeResolved."""
    from committee.agenda import request_id

    committee = CommitteeApi()
    item_id = request_id("consulting", case_id)
    meeting = committee.meeting()["meeting_id"]
    assert committee("PUT", f"/committee/meetings/{meeting}/items/{item_id}", "SEC")[0] == 200
    committee.open(meeting)
    if audit_opinion is not None:
        assert committee("POST", f"/committee/items/{item_id}/audit-opinion/request", "D1")[0] == 201
        answered = committee("PUT", f"/committee/items/{item_id}/audit-opinion", "K1", {"opinion": audit_opinion})
        assert answered[0] == 200, answered
    assert committee("PUT", f"/committee/meetings/{meeting}/attendance", "SEC", {"present": MEMBERS})[0] == 200
    for member in VOTERS:
        assert committee.declare(item_id, member_caller(member))[0] == 201
        assert committee.vote(item_id, member_caller(member), choice)[0] == 201
    status, body = committee("POST", f"/committee/items/{item_id}/resolution", "SEC")
    assert status == 200, body
    [envelope] = [e for e in published("committee", "CommitteeResolved") if typed(e).item_id == item_id]
    return envelope


def committee_members() -> None:
    project(*(joined(no) for no in COMMITTEE_STAFF), *(appointed(m, g) for m, g in CIVILIANS.items()))


def test_a_filed_pre_consulting_drafts_mileage_points_for_its_requester(api):
    from mileage import on_employee_event, on_other_area_event
    from mileage.proposal_drafts import proposal_id
    from mileage.rules.policy import policy
    from mileage.storage.proposals import get_proposal

    deliver(on_employee_event.handler, [EmployeeJoined(
        employee_no="R1", department="FIN", roles=["staff"], active=True, grade=7, employment_type="일반직",
        team_leader=False, version=1).envelope()])
    case_id = api.filed("R1")["case_id"]

    [envelope] = published("consulting", "PreConsultingRequested")
    assert isinstance(typed(envelope), PreConsultingRequested)
    deliver(on_other_area_event.handler, [envelope])

    rule = next(r for r in policy().event_rules if r.detail_type == "PreConsultingRequested")
    draft = get_proposal(proposal_id(envelope, rule))
    assert (draft.status, draft.employee_no, draft.department, draft.item_code, draft.act_ref) == (
        "DRAFT", "R1", "FIN", "PRECONSULT", f"jeokgeuk.consulting:{case_id}")


def test_an_accepted_opinion_request_is_the_committees_item_and_its_resolution_the_opinion(api):
    from committee import on_item_requested
    from committee.agenda import request_id
    from consulting import on_committee_resolved

    committee_members()
    case = api.requested("R1")
    status, screened = api("POST", f"{REQUESTS}/{case['case_id']}/screening", "O1",
                           {"decision": "accept", "importance": "여러 부서 관련", "urgency": "착공 임박"})
    assert (status, screened["status"]) == (200, "ON_AGENDA"), screened

    [asked] = published("consulting", "CommitteeItemRequested")
    item = CommitteeItemRequested.of(asked)  # the committee's model, published from jeokgeuk.consulting
    assert (item.kind, item.origin_case_id, [p.employee_no for p in item.parties]) == (
        ItemKind.OPINION_REQUEST, case["case_id"], ["R1"])
    deliver(on_item_requested.handler, [asked, asked])  # a redelivery is one item

    # the committee's item runs the same 30 calendar days from the same receipt as the case
    committee = CommitteeApi()
    [on_agenda] = committee("GET", "/committee/items", "SEC")[1]["items"]
    assert on_agenda["item_id"] == request_id("consulting", case["case_id"])
    assert date.fromisoformat(case["due_day"]) == date.fromisoformat(on_agenda["due"]["due_day"])

    resolved = resolve(case["case_id"])
    deliver(on_committee_resolved.handler, [resolved, resolved])

    status, answered = api("GET", f"{REQUESTS}/{case['case_id']}", "R1")
    assert (answered["status"], answered["clock_state"]) == ("OPINION_ISSUED", "stopped")
    [issued] = [typed(e) for e in published("consulting", "OpinionIssued")]
    assert isinstance(issued, OpinionIssued)
    assert (issued.case_id, issued.issued_by, issued.opinion_id) == (case["case_id"], "committee",
                                                                    answered["opinion_id"])
    registry = api("GET", "/consulting/opinions", "A1", query={"matter": "ROAD-OCCUPANCY"})[1]["items"]
    assert [(o["opinion_id"], o["issued_by"]) for o in registry] == [(issued.opinion_id, "committee")]
    assert "가결" in registry[0]["text"]
    done = api("POST", f"{REQUESTS}/{case['case_id']}/action-report", "R1", {"action": "의견대로 처리"})[1]
    assert done["status"] == "ACTION_REPORTED"


def test_the_committees_advice_ratification_and_exemption_recommendation_come_back(api):
    from committee import on_item_requested
    from consulting import on_committee_resolved

    committee_members()
    case_id = api.accepted()
    api.move(case_id, "advice-request", "H1", {"question": "연장 허가가 특혜인지"})
    status, filed = api("POST", "/consulting/ratifications", "R1", {
        "title": "태풍 피해 도로 응급 복구", "matter_code": "ROAD-REPAIR", "work_done": "사전 의견 없이 긴급 복구",
        "requirements": {"disaster_or_safety": "태풍", "no_time_to_ask": "야간 붕괴 위험", "due_care": "안전진단"}})
    assert status == 201, filed
    exemption_id = file_exemption(api)["case"]["case_id"]
    assert api("POST", f"/consulting/exemptions/{exemption_id}/recommendation-request", "R1")[0] == 200

    asked = published("consulting", "CommitteeItemRequested")
    assert sorted(CommitteeItemRequested.of(e).kind for e in asked) == [
        ItemKind.EXEMPTION_RECOMMENDATION, ItemKind.PRE_CONSULTING, ItemKind.RATIFICATION]
    deliver(on_item_requested.handler, asked)
    deliver(on_committee_resolved.handler, [resolve(case_id, "for"), resolve(filed["case_id"], "against"),
                                            resolve(exemption_id, "for")])

    recommended = api("GET", f"/consulting/exemptions/{exemption_id}", "R1")[1]
    assert recommended["recommendation"] == "RECOMMENDED"
    [event] = [typed(e) for e in published("consulting", "ExemptionRecommended")]
    assert isinstance(event, ExemptionRecommended)
    assert (event.exemption_id, event.applicant_employee_no) == (exemption_id, "R1")

    advised = api("GET", f"/consulting/pre-consultings/{case_id}", "A1")[1]
    assert (advised["status"], advised["advice_outcome"]) == ("ADVICE_ANSWERED", "passed")
    ratified = api("GET", f"/consulting/ratifications/{filed['case_id']}", "R1")[1]
    assert (ratified["status"], ratified["outcome"]) == ("NOT_RATIFIED", "NOT_RATIFIED")
    assert ratified["requirements"]["due_care"] == "안전진단"

    # after the advice, the opinion is issued as usual
    issued = api.move(case_id, "opinion", "A1", {"opinion": "위원회 자문대로 가능"})
    assert issued["status"] == "OPINION_ISSUED"
    assert today() - timedelta(days=1) < date.fromisoformat(issued["history"][-1]["at"][:10]) <= today()


def test_the_audit_heads_10_plus_10_days_on_a_consulting_case_run_on_the_committees_item(api):
    """Issue #13's "the audit head's 10 + 10 days": the audit head is asked for an opinion on a consulting case when
    it is the committee's item (P1 §11⑦); the committee keeps that clock (the shared `audit_head_opinion` period,
    extended once) on the item consulting asked for."""
    from committee import on_item_requested
    from committee.agenda import request_id
    from committee.meetings import statutory_time
    from committee.rules import schedule
    from committee.rules.offices import rules
    from common.clock import now
    from common.county import county

    committee_members()
    case = api.requested("R1")
    api("POST", f"{REQUESTS}/{case['case_id']}/screening", "O1",
        {"decision": "accept", "importance": "여러 부서 관련", "urgency": "착공 임박"})
    [asked] = [e for e in published("consulting", "CommitteeItemRequested")
               if CommitteeItemRequested.of(e).origin_case_id == case["case_id"]]
    deliver(on_item_requested.handler, [asked])

    committee = CommitteeApi()
    item_id = request_id("consulting", case["case_id"])
    meeting = committee.meeting()["meeting_id"]
    assert committee("PUT", f"/committee/meetings/{meeting}/items/{item_id}", "SEC")[0] == 200
    committee.open(meeting)
    status, item = committee("POST", f"/committee/items/{item_id}/audit-opinion/request", "D1")
    assert status == 201, item
    first = schedule.ask_audit_head(rules(), county().clock, at=now(), by="test")
    assert first.period == "audit_head_opinion"
    assert (item["audit_opinion"]["due_day"], item["audit_opinion"]["extended"]) == (
        first.due_day(statutory_time()).isoformat(), False)
    status, item = committee("POST", f"/committee/items/{item_id}/audit-opinion/extension", "K1", {"reason": "검토"})
    extended = schedule.extend_audit_head(first, statutory_time(), at=now(), by="test", reason="test")
    assert (status, item["audit_opinion"]["due_day"]) == (200, extended.due_day(statutory_time()).isoformat())
    again = committee("POST", f"/committee/items/{item_id}/audit-opinion/extension", "K1", {"reason": "또"})
    assert again[1]["code"] == "AUDIT_OPINION_EXTENDED_ONCE"


def test_the_committees_outcome_and_the_audit_heads_opinion_are_kept_on_the_case(api):
    """The audit head's opinion given on a consulting item, and the resolution, come back with CommitteeResolved and
    are shown in the case to its requester and the audit office; an event published before the opinion was carried
    still reads (no opinion)."""
    from committee import on_item_requested
    from consulting import on_committee_resolved

    committee_members()
    case = api.requested("R1")
    api("POST", f"{REQUESTS}/{case['case_id']}/screening", "O1",
        {"decision": "accept", "importance": "여러 부서 관련", "urgency": "착공 임박"})
    deliver(on_item_requested.handler, [e for e in published("consulting", "CommitteeItemRequested")
                                        if CommitteeItemRequested.of(e).origin_case_id == case["case_id"]])
    envelope = resolve(case["case_id"], "against", audit_opinion="감사 관점에서 연장은 선례와 맞지 않음")
    assert typed(envelope).audit_head_opinion == "감사 관점에서 연장은 선례와 맞지 않음"
    deliver(on_committee_resolved.handler, [envelope])
    for reader in ("R1", "A1"):  # the requester, the audit office
        status, shown = api("GET", f"{REQUESTS}/{case['case_id']}", reader)
        assert status == 200, shown
        answer = shown["committee"]
        assert (answer["outcome"], answer["outcome_label"], answer["audit_head_opinion"]) == (
            "rejected", "부결", "감사 관점에서 연장은 선례와 맞지 않음")
        assert answer["counts"]["against"] == len(VOTERS) and answer["meeting_id"] == typed(envelope).meeting_id
    # an older event (no audit_head_opinion) still parses, and its outcome is kept without an opinion
    ratification = api("POST", "/consulting/ratifications", "R1", {
        "title": "응급 복구", "matter_code": "ROAD-REPAIR", "work_done": "긴급 복구",
        "requirements": {"disaster_or_safety": "태풍", "no_time_to_ask": "붕괴 위험", "due_care": "안전진단"}})[1]
    old = CommitteeResolved(item_id="CI-old", origin_area="consulting", origin_case_id=ratification["case_id"],
                            kind=ItemKind.RATIFICATION, meeting_id="M-old", outcome="passed",
                            counts={"for": 9, "against": 0, "abstain": 0}, present=9,
                            resolved_on=date(2026, 11, 27)).envelope()
    old.data.pop("audit_head_opinion")
    deliver(on_committee_resolved.handler, [old])
    kept = api("GET", f"/consulting/ratifications/{ratification['case_id']}", "R1")[1]
    assert (kept["outcome"], kept["committee"]["outcome_label"], kept["committee"]["audit_head_opinion"]) == (
        "RATIFIED", "가결", None)
