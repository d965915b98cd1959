"""Seconded officials (운영규정 §20, issue #15): S1 works in WEL seconded from 강원특별자치도 (the directory's
`seconded_from`). The host county nominates, votes and selects them like anyone; their plan recommends §14 incentives
to the home body (the county's HR grants none, so they are outside the exceptional share); the unit records the
notice to the home body once, within the county's period from the resolution (the daily job reminds and reports a
miss), and the home body's answer; the cycle does not close before. Listing, file and statistics show it; the public
results show nothing more."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from common.statutory import CaseClock
from contracts.directory import EmployeeJoined
from selection import awards
from selection.storage import secondment as notices
from tests.builders import outbox, typed
from tests.integration.selection.conftest import project

HOME = "강원특별자치도"


def seconded_awardee(api, year: int) -> str:
    """A cycle whose committee selected E4 (the county's own, grand) and S1 (seconded, excellent)."""
    project(EmployeeJoined(employee_no="S1", department="WEL", roles=["staff"], active=True, grade=6,
                           employment_type="일반직", team_leader=False, version=1, seconded_from=HOME).envelope())
    cycle_id = api.cycle("H2", year)
    api.move(cycle_id, "NOMINATION")
    assert api.nominate(cycle_id, "E4", "H2")[0] == 201
    assert api.nominate(cycle_id, "S1", "H2", case_title="도·군 협업 재난 대응")[0] == 201
    api.move(cycle_id, "REVIEW")
    api.move(cycle_id, "VOTING")
    assert api.ballot(cycle_id, "H1", ["E4", "S1"])[0] == 201
    api.move(cycle_id, "COMMITTEE")
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "S1": "excellent"})
    return cycle_id


def path(cycle_id: str, suffix: str) -> str:
    return f"/selection/cycles/{cycle_id}{suffix}"


def test_the_host_selects_recommends_and_notifies_the_home_body_once(api):
    cycle_id = seconded_awardee(api, 2026)
    on = date(2026, 11, 30)  # the committee's resolution day (conftest.resolution)

    # the awardee record shows the secondment and a notice still to send, due within the county's period
    listed = {a["employee_no"]: a for a in api.ok("GET", path(cycle_id, "/awardees"), "U1")["awardees"]}
    assert (listed["S1"]["seconded_from"], listed["E4"]["seconded_from"], listed["E4"]["home_body_notice"]) == (
        HOME, None, None)
    assert listed["S1"]["home_body_notice"]["state"] == "PENDING"
    assert listed["S1"]["home_body_notice"]["home_body"] == HOME

    # only a seconded awardee has a home body to notify; the recommendation comes from their plan
    notice = {"document_no": "데모군-인사-1234", "sent_on": on.isoformat()}
    status, body = api("POST", path(cycle_id, "/awardees/E4/home-body-notice"), "U1", notice)
    assert (status, body["code"]) == (409, "NOT_SECONDED")
    status, body = api("POST", path(cycle_id, "/awardees/S1/home-body-notice"), "U1", notice)
    assert (status, body["code"]) == (409, "PLAN_REQUIRED")

    # the seconded awardee's plan: the tier's own benefits, §14 incentives recommended, none for the county's HR
    plan = api.ok("PUT", path(cycle_id, "/awardees/S1/plan"), "U1",
                  {"incentives": ["special_step"], "preference": ["special_step"]})["plan"]
    assert (plan["incentives"], plan["recommended"], plan["personnel_eligible"], plan["seconded_from"]) == (
        [], ["special_step"], False, HOME)
    assert (plan["benefits"]["prize_won"], plan["benefits"]["citation"]) == (200000, True)
    status, body = api("PUT", path(cycle_id, "/awardees/S1/plan"), "U1", {"incentives": []})
    assert (status, body["code"]) == (422, "INCENTIVE_REQUIRED")  # a 공무원: the host still recommends one

    # the exceptional share counts only awardees whose incentives the county grants: S1's recommendation is not one
    api.ok("PUT", path(cycle_id, "/awardees/E4/plan"), "U1", {"incentives": ["rating_points"]})
    status, body = api("POST", path(cycle_id, "/incentive-request"), "U1")
    assert (status, body["code"], body["details"]["eligible"]) == (422, "EXCEPTIONAL_SHARE_UNMET", 1)
    api.ok("PUT", path(cycle_id, "/awardees/E4/plan"), "U1", {"incentives": ["special_promotion"]})

    # the notice: not before the resolution, not in the future; then once
    status, body = api("POST", path(cycle_id, "/awardees/S1/home-body-notice"), "U1",
                       {**notice, "sent_on": (on - timedelta(days=1)).isoformat()})
    assert (status, body["code"]) == (400, "SENT_BEFORE_RESOLUTION")
    status, body = api("POST", path(cycle_id, "/awardees/S1/home-body-notice"), "U1",
                       {**notice, "sent_on": (date.today() + timedelta(days=2)).isoformat()})
    assert (status, body["code"]) == (400, "SENT_ON_IN_FUTURE")
    sent = api.ok("POST", path(cycle_id, "/awardees/S1/home-body-notice"), "U1", notice)
    assert (sent["state"], sent["home_body"], sent["notice"]["document_no"], sent["notice"]["recommended"],
            sent["notice"]["preference"]) == ("NOTIFIED", HOME, "데모군-인사-1234", ["special_step"], ["special_step"])
    again = api.ok("POST", path(cycle_id, "/awardees/S1/home-body-notice"), "U1", {**notice, "document_no": "다른-1"})
    assert again == sent  # a repeat: the same record, nothing written twice
    assert notices.get(cycle_id, "S1") is not None and CaseClock.model_validate_json(
        notices.get(cycle_id, "S1").clock).state == "stopped"
    status, body = api("PUT", path(cycle_id, "/awardees/S1/plan"), "U1", {"incentives": ["special_promotion"]})
    assert (status, body["code"]) == (409, "NOTICE_SENT")  # the recommendation went out as it was

    # the home body's answer, once
    answer = {"granted": ["특별승급"], "reference": "강원도-인사-77", "answered_on": on.isoformat()}
    answered = api.ok("POST", path(cycle_id, "/awardees/S1/home-body-notice/answer"), "U1", answer)
    assert (answered["state"], answered["answer"]["granted"], answered["answer"]["reference"]) == (
        "ANSWERED", ["특별승급"], "강원도-인사-77")
    assert api.ok("POST", path(cycle_id, "/awardees/S1/home-body-notice/answer"), "U1",
                  {**answer, "reference": "다른"}) == answered

    # the statistics count seconded awardees apart; the county's own alone make the personnel-incentive figures
    figures = api.ok("GET", path(cycle_id, "/statistics"), "U1")
    assert figures["seconded"] == {"total": 1, "notified": 1, "answered": 1, "pending": 0}
    assert (figures["awardees"]["total"], figures["awardees"]["personnel_eligible"],
            figures["awardees"]["exceptional"]) == (2, 1, 1)

    # the awardees' file shows the home body and the notice
    rows = {r["사번"]: r for r in csv.DictReader(io.StringIO(
        api.file(path(cycle_id, "/awardees"), "U1", {"format": "csv"}).decode("utf-8-sig")))}
    assert (rows["S1"]["파견원소속"], rows["E4"]["파견원소속"], rows["E4"]["원소속 기관 통보"]) == (HOME, "", "")
    assert rows["S1"]["원소속 기관 통보"] == "데모군-인사-1234 (2026-11-30) 권고: 특별승급"

    # the public results: name, department, case and tier only
    results = api.ok("GET", f"/selection/results/{cycle_id}", None)["results"]
    assert {tuple(sorted(r)) for r in results} == {("case_title", "department", "name", "tier", "tier_name")}
    assert HOME not in str(results)


def test_the_cycle_closes_only_once_the_home_body_is_notified(api):
    cycle_id = seconded_awardee(api, 2027)
    api.ok("PUT", path(cycle_id, "/awardees/E4/plan"), "U1", {"incentives": ["special_promotion"]})
    api.ok("PUT", path(cycle_id, "/awardees/S1/plan"), "U1", {"incentives": ["special_step"]})
    api.ok("POST", path(cycle_id, "/incentive-request"), "U1")
    for no in ("E4", "S1"):  # HR grants S1 the host's own benefits (citation, prize money), then the unit confirms
        api.ok("POST", path(cycle_id, f"/awardees/{no}/plan/grant"), "HR1", {"reference": f"발령 {no}"})
        api.ok("POST", path(cycle_id, f"/awardees/{no}/plan/confirmation"), "U1")

    status, body = api("POST", path(cycle_id, "/phase"), "U1", {"to": "CLOSED", "reason": "회차 종료"})
    assert (status, body["code"], body["details"]["employee_no"]) == (422, "HOME_BODY_NOTICE_PENDING", ["S1"])
    api.ok("POST", path(cycle_id, "/awardees/S1/home-body-notice"), "U1",
           {"document_no": "데모군-인사-9", "sent_on": "2026-11-30"})
    assert api.move(cycle_id, "CLOSED")["phase"] == "CLOSED"


def test_a_notice_not_sent_is_reminded_then_missed_once_each_and_a_sent_one_never(api):
    cycle_id = seconded_awardee(api, 2026)
    clock = CaseClock.model_validate_json(notices.get(cycle_id, "S1").clock)
    due = clock.due_at(awards.office().statutory)

    assert awards.raise_deadline_alarms(due - timedelta(days=5))["due"] == 0  # before the first reminder (3 days)
    assert awards.raise_deadline_alarms(due - timedelta(hours=30))["approaching"] == 1
    assert awards.raise_deadline_alarms(due - timedelta(hours=30))["due"] == 0  # a rerun: nothing again
    assert awards.raise_deadline_alarms(due + timedelta(hours=1))["missed"] == 1
    assert awards.raise_deadline_alarms(due + timedelta(days=3))["due"] == 0
    raised = [typed(e) for e in outbox("selection") if e.detail_type.startswith("SelectionDeadline")]
    assert [(e.detail_type(), e.cycle_id, e.pending, e.offices, e.period) for e in raised] == [
        ("SelectionDeadlineApproaching", cycle_id, ["S1"], ["aa_unit"], "selection_home_body_notice"),
        ("SelectionDeadlineMissed", cycle_id, ["S1"], ["aa_unit"], "selection_home_body_notice")]

    other = seconded_awardee(api, 2027)  # a notice sent before its reminders: no alarm is left to go off
    api.ok("PUT", path(other, "/awardees/S1/plan"), "U1", {"incentives": ["special_step"]})
    api.ok("POST", path(other, "/awardees/S1/home-body-notice"), "U1",
           {"document_no": "데모군-인사-10", "sent_on": "2026-11-30"})
    assert awards.raise_deadline_alarms(due + timedelta(days=30))["due"] == 0


def test_the_directorys_own_events_carry_the_secondment_into_the_projection(stack):
    """The directory's producer (its StaffChange.event) → the selection's consumer: joined seconded, a leaver keeps
    the home body it had, a change back to the county's own ends it."""
    from dataclasses import replace

    from directory.rules.records import Staff, StaffChange
    from selection.storage import staff

    person = Staff("S9", "홍서진", "WEL", 6, "일반직", version=1, seconded_from=HOME)
    project(StaffChange(None, person, "joined", ()).event().envelope())
    assert staff.get("S9").seconded_from == HOME
    left = replace(person, active=False, version=2)
    project(StaffChange(person, left, "left", ("active",)).event().envelope())
    assert (staff.get("S9").seconded_from, staff.get("S9").active) == (HOME, False)
    back = replace(person, seconded_from=None, version=3)
    project(StaffChange(left, back, "rejoined", ("active", "seconded_from")).event().envelope())
    assert (staff.get("S9").seconded_from, staff.get("S9").active) == (None, True)
