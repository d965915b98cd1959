"""A cycle from its opening to the confirmed incentives: the criteria first, nominations by every channel, the review
with its exclusions, the weighted vote and its shortlist to the committee, the awardees with one event each, the
plans through HR, the public results."""

from __future__ import annotations

from contracts.committee import CommitteeItemRequested
from tests.builders import outbox, typed
from tests.integration.selection.conftest import resident


def events(detail_type: str) -> list:
    """The selection's outbox entries of one type, read with their models (the committee's for its item requests)."""
    read = CommitteeItemRequested.of if detail_type == "CommitteeItemRequested" else typed
    return [read(e) for e in outbox("selection") if e.detail_type == detail_type]


def test_a_cycle_waits_for_the_committees_criteria_before_it_opens(api):
    cycle_id = api.cycle(resolve=False)
    [asked] = events("CommitteeItemRequested")
    assert (asked.origin_area, asked.origin_case_id, asked.kind, asked.candidates) == (
        "selection", f"{cycle_id}:criteria", "selection", [])
    status, refused = api("POST", f"/selection/cycles/{cycle_id}/phase", "U1", {"to": "NOMINATION", "reason": "개시"})
    assert (status, refused["code"]) == (422, "CRITERIA_NOT_RESOLVED")
    api.resolve(cycle_id, "criteria")
    opened = api.move(cycle_id, "NOMINATION")
    assert (opened["phase"], opened["criteria_outcome"]) == ("NOMINATION", "passed")
    assert [(e.phase, e.previous, e.by_hand) for e in events("SelectionPhaseChanged")] == [
        ("PLANNED", None, True), ("NOMINATION", "PLANNED", True)]


def test_phases_move_one_step_and_the_awardees_only_by_the_committee(api):
    cycle_id = api.cycle()
    status, body = api("POST", f"/selection/cycles/{cycle_id}/phase", "U1", {"to": "VOTING", "reason": "건너뛰기"})
    assert (status, body["code"]) == (409, "PHASE_ORDER")
    assert api("POST", f"/selection/cycles/{cycle_id}/phase", "U1", {"to": "REVIEW", "reason": "건너뛰기"})[0] == 409


def test_nominations_by_channel_with_their_rules(api):
    cycle_id = api.cycle()
    assert api.nominate(cycle_id, "E1")[1]["code"] == "WRONG_PHASE"  # not open yet
    api.move(cycle_id, "NOMINATION")
    assert api.nominate(cycle_id, "E1")[0] == 201                                   # H1 heads FIN
    assert api.nominate(cycle_id, "E3")[1]["code"] == "OTHER_DEPARTMENT"             # … not WEL
    assert api.nominate(cycle_id, "E3", "U1")[0] == 403                              # the unit: contests only
    assert api.nominate(cycle_id, "E3", "U1", channel="contest")[0] == 201
    assert api.nominate(cycle_id, "NOBODY", "U1", channel="contest")[1]["code"] == "UNKNOWN_EMPLOYEE"
    friendly = api.nominate(cycle_id, "E4", resident(), criterion="friendliness")
    assert (friendly[0], friendly[1]["set_aside"]) == (201, "friendliness_only")
    again = api.nominate(cycle_id, "E4", resident(), criterion="service")
    assert (again[0], again[1]["code"]) == (409, "ALREADY_NOMINATED")  # one per resident per nominee per cycle
    assert api.nominate(cycle_id, "E4", resident("other"), kind="exemplary_failure")[0] == 201
    mine = friendly[1]["nomination_id"]
    assert api("GET", f"/selection/resident/nominations/{mine}", resident())[0] == 200
    assert api("GET", f"/selection/resident/nominations/{mine}", resident("other"))[1]["code"] == "NOT_YOURS"


def test_a_resident_needs_the_countys_verification(api):
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    unverified = {**resident(), "email_verified": "false"}  # the demo's nominations ask for a verified email
    assert api.nominate(cycle_id, "E1", unverified)[1]["code"] == "VERIFICATION_REQUIRED"


def test_the_review_applies_exclusions_with_reasons_and_fixes_the_candidates(api):
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    for no, who in (("E1", "H1"), ("E2", "H1"), ("E3", "H2"), ("E4", "H2")):
        assert api.nominate(cycle_id, no, who)[0] == 201
    assert api.nominate(cycle_id, "E4", resident(), criterion="friendliness")[0] == 201
    api.move(cycle_id, "REVIEW")
    made = api.ok("POST", f"/selection/cycles/{cycle_id}/exclusions", "U1",
                  {"employee_no": "E3", "kind": "manual", "reason": "사실관계 불일치"}, 201)
    assert (made["kind"], made["until"]) == ("manual", None)
    preview = api.ok("GET", f"/selection/cycles/{cycle_id}/candidates", "U1")
    assert not preview["final"]
    assert {c["employee_no"]: [e["reason"] for e in c["excluded"]] for c in preview["candidates"]} == {
        "E1": [], "E2": [], "E3": ["사실관계 불일치"], "E4": []}
    assert api("GET", f"/selection/cycles/{cycle_id}/candidates", "O1")[0] == 403  # the review is the unit's
    api.move(cycle_id, "VOTING")
    final = api.ok("GET", f"/selection/cycles/{cycle_id}/candidates", "O1")
    assert final["final"] and [c["employee_no"] for c in final["candidates"]] == ["E1", "E2", "E4"]


def test_the_vote_the_hidden_tally_the_shortlist_and_the_audit_recount(api):
    cycle_id = api.voting()
    assert api.ballot(cycle_id, "H1", ["E1"])[1]["code"] == "OWN_DEPARTMENT"  # heads not for their own department
    assert api.ballot(cycle_id, "H1", ["E3", "E4"])[0] == 201
    assert api.ballot(cycle_id, "H1", ["E3"])[1]["code"] == "ALREADY_VOTED"
    assert api.ballot(cycle_id, "H2", ["E1"])[0] == 201
    for n in range(4):
        assert api.ballot(cycle_id, resident(f"r{n}"), ["E4"] if n else ["E1", "E4"])[0] == 201
    assert api.ballot(cycle_id, "O1", ["E1"])[1]["code"] == "NOT_A_VOTER"
    assert api.ballot(cycle_id, resident("r9"), ["E1", "E3", "E4", "E1"])[1]["code"] == "INVALID_BALLOT"
    assert api("GET", f"/selection/cycles/{cycle_id}/tally", "U1")[1]["code"] == "TALLY_HIDDEN"

    api.move(cycle_id, "COMMITTEE")
    tally = api.ok("GET", f"/selection/cycles/{cycle_id}/tally", "U1")
    # heads (2 voters): E1 1/2, E3 1/2, E4 1/2; residents (4): E1 1/4, E4 4/4 → E4 3/4, E1 3/8, E3 1/4
    assert [(r["employee_no"], r["score"], r["shortlisted"]) for r in tally["ranked"]] == [
        ("E4", "3/4", True), ("E1", "3/8", True), ("E3", "1/4", True)]  # planned 5 × 2: all with votes
    assert tally["blocs"]["residents"]["turnout"] == 4
    audit = api.ok("GET", f"/selection/cycles/{cycle_id}/tally/audit", "A1")
    assert (audit["matches"], audit["ballots"]) == (True, 6)
    asked = [e for e in events("CommitteeItemRequested") if e.origin_case_id == f"{cycle_id}:selection"]
    assert [(a.candidates, a.options) for a in asked] == [
        (["E4", "E1", "E3"], ["grand", "excellent", "merit", "not_selected"])]
    assert api.ballot(cycle_id, resident("late"), ["E1"])[1]["code"] == "WRONG_PHASE"


def test_the_committees_selection_makes_awardees_plans_go_through_hr_and_results_are_public(api):
    cycle_id = api.voting()
    for who in ("H1", "H2"):
        api.ballot(cycle_id, who, ["E4"])
    api.ballot(cycle_id, resident(), ["E1", "E3"])
    api.move(cycle_id, "COMMITTEE")
    assert api.ok("GET", f"/selection/results/{cycle_id}", None) == {  # nothing published yet
        "cycle_id": cycle_id, "name": None, "published": False, "results": [], "departments": []}
    api.resolve(cycle_id, "selection", outcome="undecided",
                selections={"E4": "grand", "E1": "merit", "E3": None})
    api.resolve(cycle_id, "selection", outcome="undecided", selections={"E4": "grand"})  # again: recorded once
    selected = events("ExcellentOfficialSelected")
    assert [(e.employee_no, e.tier, e.selection_id) for e in selected] == [
        ("E1", "merit", f"{cycle_id}:E1"), ("E4", "grand", f"{cycle_id}:E4")]
    assert api.ok("GET", f"/selection/cycles/{cycle_id}", "O1")["phase"] == "INCENTIVES"

    plan = f"/selection/cycles/{cycle_id}/awardees/{{}}/plan"
    assert api("PUT", plan.format("E4"), "U1", {"incentives": []})[1]["code"] == "INCENTIVE_REQUIRED"
    assert api("PUT", plan.format("E3"), "U1", {"incentives": ["other"]})[1]["code"] == "NOT_AN_AWARDEE"
    api.ok("PUT", plan.format("E4"), "U1", {"incentives": ["rating_points"], "preference": ["special_step"]})
    assert api("POST", f"/selection/cycles/{cycle_id}/incentive-request", "U1")[1]["code"] == "PLANS_INCOMPLETE"
    api.ok("PUT", plan.format("E1"), "U1", {"incentives": ["other"]})
    short = api("POST", f"/selection/cycles/{cycle_id}/incentive-request", "U1")[1]
    assert (short["code"], short["details"]) == ("EXCEPTIONAL_SHARE_UNMET", {"exceptional": 0, "eligible": 2,
                                                                             "needed": 1})
    planned = api.ok("PUT", plan.format("E4"), "U1", {"incentives": ["special_step"]})
    assert planned["plan"]["benefits"]["prize_won"] == 300000
    api.ok("POST", f"/selection/cycles/{cycle_id}/incentive-request", "U1")
    assert api("PUT", plan.format("E4"), "U1", {"incentives": ["other"]})[1]["code"] == "PLAN_LOCKED"
    for no in ("E1", "E4"):
        assert api("POST", f"{plan.format(no)}/confirmation", "U1")[1]["code"] == "PLAN_STATUS"  # HR first
        api.ok("POST", f"{plan.format(no)}/grant", "HR1", {"reference": "인사발령 제2026-77호"})
        confirmed = api.ok("POST", f"{plan.format(no)}/confirmation", "U1")
        assert [h["status"] for h in confirmed["plan_history"]][-3:] == ["REQUESTED", "GRANTED", "CONFIRMED"]
    assert api.move(cycle_id, "CLOSED")["phase"] == "CLOSED"
    exported = api.file(f"/selection/cycles/{cycle_id}/awardees", "HR1", {"format": "csv"})
    lines = exported.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("회차,사번,이름,부서,등급,사례,인사상 인센티브")
    assert lines[2] == f"{cycle_id},E4,이름E4,WEL,최우수,인허가 절차 간소화,특별승급,1.0,300000,3,CONFIRMED,,"

    figures = api.ok("GET", f"/selection/cycles/{cycle_id}/statistics", "A1")
    assert (figures["nominations"], figures["candidates"], figures["turnout"]) == (
        {"total": 3, "nominees": 3, "by_channel": {"department": 2, "resident": 1}, "by_kind": {"case": 3},
         "set_aside": 0}, 3, {"dept_heads": 1, "residents": 1})  # H2 may not vote for E4, of WEL
    assert figures["awardees"] == {"total": 2, "by_tier": {"merit": 1, "grand": 1}, "planned": 2,
                                   "personnel_eligible": 2, "exceptional": 1, "by_plan_status": {"CONFIRMED": 2}}
    public = api.ok("GET", f"/selection/results/{cycle_id}", None)
    case = "인허가 절차 간소화"
    assert public["results"] == [
        {"name": "이름E1", "department": "FIN", "tier": "merit", "tier_name": "장려", "case_title": case},
        {"name": "이름E4", "department": "WEL", "tier": "grand", "tier_name": "최우수", "case_title": case}]
    assert "resident" not in str(public) and "r-nominator" not in str(public)


def test_a_non_official_awardee_gets_no_personnel_incentive_and_is_left_out_of_the_share(api):
    cycle_id = api.cycle()
    api.move(cycle_id, "NOMINATION")
    api.nominate(cycle_id, "E2")  # 공무직
    api.move(cycle_id, "REVIEW")
    api.move(cycle_id, "VOTING")
    api.ballot(cycle_id, "H2", ["E2"])
    api.move(cycle_id, "COMMITTEE")
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E2": "excellent"})
    path = f"/selection/cycles/{cycle_id}/awardees/E2/plan"
    assert api("PUT", path, "U1", {"incentives": ["reward_leave"]})[1]["code"] == (
        "PERSONNEL_INCENTIVES_FOR_OFFICIALS_ONLY")
    assert api.ok("PUT", path, "U1", {"incentives": []})["personnel_eligible"] is False
    api.ok("POST", f"/selection/cycles/{cycle_id}/incentive-request", "U1")  # no official: no share to meet


def test_the_previous_rounds_awardees_are_excluded_from_the_next(api):
    first = api.voting(code="H1")
    api.ballot(first, "H1", ["E4"])
    api.move(first, "COMMITTEE")
    api.resolve(first, "selection", outcome="resolved", selections={"E4": "grand"})
    second = api.cycle("H2")
    api.move(second, "NOMINATION")
    for no, who in (("E4", "H2"), ("E3", "H2")):
        assert api.nominate(second, no, who)[0] == 201
    api.move(second, "REVIEW")
    preview = {c["employee_no"]: c["excluded"] for c in api.ok("GET", f"/selection/cycles/{second}/candidates",
                                                               "U1")["candidates"]}
    assert preview["E3"] == []
    assert [(e["kind"], e["reason"], e["source"]) for e in preview["E4"]] == [
        ("previous_award", "직전 회차 수상자", f"cycle:{first}")]


def test_rejected_criteria_are_asked_again_and_only_the_newest_answer_counts(api):
    cycle_id = api.cycle(resolve=False)
    asked_again = {"reason": "투표 비율 보완"}
    assert api("POST", f"/selection/cycles/{cycle_id}/criteria-request", "U1", asked_again)[1]["code"] == (
        "CRITERIA_NOT_REJECTED")
    api.resolve(cycle_id, "criteria", outcome="rejected")
    again = api.ok("POST", f"/selection/cycles/{cycle_id}/criteria-request", "U1", asked_again)
    assert (again["criteria_item"], again["criteria_outcome"]) == (f"{cycle_id}:criteria:2", None)
    assert [a.origin_case_id for a in events("CommitteeItemRequested")] == [
        f"{cycle_id}:criteria", f"{cycle_id}:criteria:2"]
    api.resolve(cycle_id, "criteria", outcome="passed")  # the first request's answer again: not the current one
    assert api.ok("GET", f"/selection/cycles/{cycle_id}", "U1")["criteria_outcome"] is None
    api.resolve(cycle_id, "criteria:2", outcome="passed")
    assert api.move(cycle_id, "NOMINATION")["criteria_outcome"] == "passed"


def test_a_discipline_entered_by_hand_bars_for_the_countys_period_and_bad_input_is_a_422(api):
    cycle_id = api.voting()
    path = f"/selection/cycles/{cycle_id}/exclusions"
    made = api.ok("POST", path, "U1", {"employee_no": "E1", "kind": "discipline", "reason": "견책 (인사팀 기록)",
                                       "on": "2026-02-01"}, 201)
    assert (made["kind"], made["until"]) == ("discipline", "2029-01-31")
    assert api("POST", path, "U1", {"employee_no": "E1", "kind": "discipline", "reason": "견책",
                                    "on": "2026-13-45"})[0] == 422
    assert api("POST", path, "U1", {"employee_no": "E1", "kind": "discipline", "reason": "견책"})[1]["code"] == (
        "DAY_REQUIRED")
    assert api.ballot(cycle_id, resident(), ["E" * 3000])[0] == 422  # never a key DynamoDB refuses (a 500)
