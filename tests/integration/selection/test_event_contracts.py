"""Event contracts around the selection, publisher → consumer, each consumer fed the publisher's REAL outbox entries
(as the relay, the bus and the queue hand them over):

    selection (cycle, close)       → the committee's item requests (`committee.on_item_requested`)
    committee (resolution)         → the selection's resolutions (`selection.on_committee_resolved`)
    selection (awardees)           → mileage's proposals (`mileage.on_other_area_event`)
    complaints (model, the area is being built) → the selection's exclusions (`selection.on_passive_confirmed`)
    directory (model)              → the selection's staff projection (`selection.on_directory_event`)
"""

from __future__ import annotations

from datetime import date

from contracts.committee import CommitteeItemRequested
from contracts.complaints import Measure, PassiveAdministrationConfirmed, PassiveType
from tests import builders
from tests.builders import outbox, staff_claims
from tests.integration.committee import conftest as committee
from tests.integration.selection.conftest import deliver, joined, project, resident


def requested(case: str):
    return next(e for e in outbox("selection") if e.detail_type == "CommitteeItemRequested"
                and CommitteeItemRequested.of(e).origin_case_id == case)


def resolve_in_committee(item_id: str, votes: dict[str, dict]) -> None:
    """The committee resolves its item: a meeting, its sitting, declarations, each member's vote, the resolution."""
    sec = committee.Api()
    meeting = sec.meeting()["meeting_id"]
    assert sec("PUT", f"/committee/meetings/{meeting}/items/{item_id}", "SEC")[0] == 200
    sec.open(meeting)
    assert sec("PUT", f"/committee/meetings/{meeting}/attendance", "SEC", {"present": committee.MEMBERS})[0] == 200
    for member, body in votes.items():
        assert sec.declare(item_id, committee.member_caller(member))[0] == 201
        status, cast = sec("POST", f"/committee/items/{item_id}/votes", committee.member_caller(member), body)
        assert status == 201, cast
    status, resolved = sec("POST", f"/committee/items/{item_id}/resolution", "SEC")
    assert status == 200, resolved


def test_the_selections_requests_go_through_the_committee_and_its_resolutions_come_back(api):
    from committee import on_item_requested
    from committee.agenda import request_id
    from selection import on_committee_resolved

    committee.project(*(committee.joined(no) for no in committee.STAFF),
                      *(committee.appointed(m, g) for m, g in committee.CIVILIANS.items()))
    cycle_id = api.cycle(resolve=False)
    deliver(on_item_requested.handler, requested(f"{cycle_id}:criteria"))
    criteria = request_id("selection", f"{cycle_id}:criteria")
    resolve_in_committee(criteria, {m: {"choice": "for"} for m in committee.MEMBERS})
    deliver(on_committee_resolved.handler, *(e for e in outbox("committee") if e.detail_type == "CommitteeResolved"))
    assert api.move(cycle_id, "NOMINATION")["criteria_outcome"] == "passed"

    for no, who in (("E1", "H1"), ("E3", "H2"), ("E4", "H2")):
        assert api.nominate(cycle_id, no, who)[0] == 201
    api.move(cycle_id, "REVIEW")
    api.move(cycle_id, "VOTING")
    for who, choices in (("H1", ["E3", "E4"]), ("H2", ["E1"]), (resident(), ["E4"])):
        assert api.ballot(cycle_id, who, choices)[0] == 201
    api.move(cycle_id, "COMMITTEE")
    deliver(on_item_requested.handler, requested(f"{cycle_id}:selection"))
    item_id = request_id("selection", f"{cycle_id}:selection")
    item = committee.Api()("GET", f"/committee/items/{item_id}", "SEC")[1]
    assert (item["kind"], item["candidates"], item["options"]) == (
        "selection", ["E4", "E1", "E3"], ["grand", "excellent", "merit", "not_selected"])
    voters = [m for m in committee.MEMBERS if m != "EMP-M1"]  # M1 sits for FIN, E1's department: recused
    resolve_in_committee(item_id, {m: {"choices": {"E4": "grand", "E1": "merit", "E3": "not_selected"}}
                                   for m in voters})
    deliver(on_committee_resolved.handler, *(e for e in outbox("committee") if e.detail_type == "CommitteeResolved"))
    assert api.ok("GET", f"/selection/cycles/{cycle_id}/awardees", "U1")["awardees"][0]["tier"] == "merit"
    assert {(a["employee_no"], a["tier"]) for a in api.ok("GET", f"/selection/cycles/{cycle_id}/awardees",
                                                          "HR1")["awardees"]} == {("E1", "merit"), ("E4", "grand")}


def test_each_awardee_becomes_a_mileage_proposal_for_their_head(api):
    from mileage import on_employee_event, on_other_area_event

    deliver(on_employee_event.handler, *(joined(no) for no in ("H1", "H2", "E1", "E4")))
    cycle_id = api.voting()
    api.ballot(cycle_id, "H1", ["E4"])
    api.ballot(cycle_id, "H2", ["E1"])
    api.move(cycle_id, "COMMITTEE")
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "E1": "excellent"})
    selected = [e for e in outbox("selection") if e.detail_type == "ExcellentOfficialSelected"]
    assert len(selected) == 2
    deliver(on_other_area_event.handler, *selected)
    for head, employee_no in (("H1", "E1"), ("H2", "E4")):
        department = "FIN" if head == "H1" else "WEL"
        status, body = builders.call_api("mileage", "GET", "/mileage/proposals",
                                         claims=staff_claims(head, department, "dept_head"))
        assert status == 200, body
        assert [(d["employee_no"], d["item_code"], d["points"]) for d in body["items"]] == [
            (employee_no, "BEST_CASE", 5)]


def test_a_confirmed_passive_case_excludes_the_official_with_its_reasons(api):
    from selection import on_passive_confirmed

    case = PassiveAdministrationConfirmed(
        case_id="PC-1", employee_no="E3", department="WEL", passive_type=PassiveType.NEGLECT, measure=Measure.WARNING,
        liability="actor", confirmed_on=date(2026, 10, 1), bars_until=date(2027, 4, 1)).envelope()
    deliver(on_passive_confirmed.handler, case)
    deliver(on_passive_confirmed.handler, case.model_copy(update={"id": "replayed-elsewhere"}))  # the same case: once
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    for no, who in (("E1", "H1"), ("E3", "H2")):
        assert api.nominate(cycle_id, no, who)[0] == 201
    api.move(cycle_id, "REVIEW")
    preview = {c["employee_no"]: c["excluded"] for c in api.ok("GET", f"/selection/cycles/{cycle_id}/candidates",
                                                               "U1")["candidates"]}
    assert preview["E1"] == []
    assert [(e["kind"], e["until"]) for e in preview["E3"]] == [("caution_warning", "2027-10-01"),
                                                                ("passive_administration", "2027-04-01")]
    api.move(cycle_id, "VOTING")
    assert [c["employee_no"] for c in api.ok("GET", f"/selection/cycles/{cycle_id}/candidates", "O1")[
        "candidates"]] == ["E1"]


def test_the_directorys_events_keep_eligibility_current(api):
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    project(joined("E1", department="WEL", version=2), joined("E1", department="CON", version=1))  # newer wins
    assert api.nominate(cycle_id, "E1", "H1")[1]["code"] == "OTHER_DEPARTMENT"
    assert api.nominate(cycle_id, "E1", "H2")[0] == 201
    from contracts.directory import EmployeeLeft

    project(EmployeeLeft(employee_no="E3", department="WEL", roles=[], version=3, changed=["active"]).envelope())
    assert api.nominate(cycle_id, "E3", "H2")[1]["code"] == "NOT_ACTIVE"


def test_a_withdrawn_residents_nominations_stay_without_them(api):
    from contracts.residents import ResidentWithdrawn
    from selection import on_resident_withdrawn

    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    made = api.nominate(cycle_id, "E4", resident("leaving"))[1]
    deliver(on_resident_withdrawn.handler, ResidentWithdrawn(resident_id="leaving").envelope())
    [kept] = api.ok("GET", f"/selection/cycles/{cycle_id}/nominations", "U1")["nominations"]
    assert (kept["nomination_id"], kept["employee_no"]) == (made["nomination_id"], "E4")
    assert api("GET", f"/selection/resident/nominations/{made['nomination_id']}", resident("leaving"))[0] == 403
    from selection.storage.nominations import get, of_resident

    assert (get(made["nomination_id"]).nominator, of_resident("leaving")) == ("resident:withdrawn", [])
