"""The department cases' committee item as a contract, publisher → consumer with the REAL outbox entries: the
selection's `CommitteeItemRequested` (`<cycle>:departments`) read by `committee.on_item_requested`, the committee's
members voting a department tier per case, its `CommitteeResolved` read by `selection.on_committee_resolved`."""

from __future__ import annotations

from contracts.committee import CommitteeItemRequested
from contracts.selection import ExcellentDepartmentSelected
from tests.builders import outbox
from tests.integration.committee import conftest as committee
from tests.integration.selection.conftest import deliver
from tests.integration.selection.test_departments import department_year
from tests.integration.selection.test_event_contracts import requested, resolve_in_committee


def test_the_department_cases_go_through_the_committee_and_its_tiers_come_back(api):
    from committee import on_item_requested
    from committee.agenda import request_id
    from selection import on_committee_resolved

    committee.project(*(committee.joined(no) for no in committee.STAFF),
                      *(committee.appointed(m, g) for m, g in committee.CIVILIANS.items()))
    ids = department_year(api)
    cycle_id = ids["cycle"]
    asked = requested(f"{cycle_id}:departments")
    deliver(on_item_requested.handler, asked)
    item_id = request_id("selection", f"{cycle_id}:departments")
    item = committee.Api()("GET", f"/committee/items/{item_id}", "SEC")[1]
    assert (item["kind"], sorted(item["candidates"]), item["options"]) == (
        "selection", sorted([ids["wel"], ids["fin"]]), ["dept_grand", "dept_excellent", "dept_merit", "not_selected"])
    assert CommitteeItemRequested.of(asked).parties[0].employee_no == "E3"

    choices = {ids["wel"]: "dept_excellent", ids["fin"]: "not_selected"}
    resolve_in_committee(item_id, {m: {"choices": choices} for m in committee.MEMBERS})
    deliver(on_committee_resolved.handler, *(e for e in outbox("committee") if e.detail_type == "CommitteeResolved"))
    selected = [ExcellentDepartmentSelected.of(e) for e in outbox("selection")
                if e.detail_type == ExcellentDepartmentSelected.detail_type()]
    assert [(e.department, e.tier, e.prize_won) for e in selected] == [("WEL", "dept_excellent", 500_000)]
    listed = api.ok("GET", f"/selection/cycles/{cycle_id}/department-nominations", "U1")["nominations"]
    assert {n["nomination_id"]: n["tier"] for n in listed} == {ids["wel"]: "dept_excellent", ids["fin"]: None,
                                                               ids["con"]: None}
