"""The main officer of a flagship task (적극행정 중점과제 주담당자) chooses their personnel incentives themselves:
as many as the county's `selection.flagship_task_choices` (the demo, as Nowon: two) of those they asked for
(seed 003)."""

from __future__ import annotations

from tests.integration.selection.conftest import resident

PLAN = "/selection/cycles/{}/awardees/{}/plan"


def test_a_flagship_tasks_main_officer_chooses_two_of_their_incentives(api):
    cycle_id = api.cycle("H2", 2045)
    api.move(cycle_id, "NOMINATION")
    status, nomination = api.nominate(cycle_id, "E4", "H2", flagship_task="통학로 개선 사업 (2026 중점과제)")
    assert status == 201, nomination
    assert api.nominate(cycle_id, "E3", "H2")[0] == 201
    # a resident cannot make anyone a flagship task's main officer: the field is not theirs to send
    assert api.nominate(cycle_id, "E1", resident("r-flag"), flagship_task="중점과제")[0] == 422
    api.move(cycle_id, "REVIEW")
    api.move(cycle_id, "VOTING")
    shown = {c["employee_no"]: c["flagship_task"] for c in
             api.ok("GET", f"/selection/cycles/{cycle_id}/candidates", "U1")["candidates"]}
    assert shown == {"E4": "통학로 개선 사업 (2026 중점과제)", "E3": None}
    assert api.ballot(cycle_id, "H1", ["E4", "E3"])[0] == 201
    api.move(cycle_id, "COMMITTEE")
    api.resolve(cycle_id, "selection", outcome="resolved", selections={"E4": "grand", "E3": "excellent"})

    # two incentives, but only one of them the officer's own choice: refused, nothing stored
    status, refused = api("PUT", PLAN.format(cycle_id, "E4"), "U1",
                          {"incentives": ["special_step", "reward_leave"], "preference": ["special_step", "other"]})
    assert (status, refused["code"]) == (422, "FLAGSHIP_CHOICES_UNMET")
    assert refused["details"] == {"needed": 2, "chosen": ["special_step"], "preference": ["special_step", "other"]}
    awardees = {a["employee_no"]: a for a in api.ok("GET", f"/selection/cycles/{cycle_id}/awardees", "U1")["awardees"]}
    assert awardees["E4"]["plan"] is None and awardees["E4"]["flagship_task"] == "통학로 개선 사업 (2026 중점과제)"

    # the two they picked: accepted; another awardee still needs only one, whatever they asked for
    api.ok("PUT", PLAN.format(cycle_id, "E4"), "U1",
           {"incentives": ["special_step", "other"], "preference": ["special_step", "other"]})
    api.ok("PUT", PLAN.format(cycle_id, "E3"), "U1", {"incentives": ["special_promotion"], "preference": ["other"]})
    plans = {a["employee_no"]: a["plan"]["incentives"]
             for a in api.ok("GET", f"/selection/cycles/{cycle_id}/awardees", "U1")["awardees"]}
    assert plans == {"E4": ["special_step", "other"], "E3": ["special_promotion"]}
