"""The department awards' rules (우수사례·우수부서): the county's block, one case per department per title, a head's
own department as the directory has it, the committee's decision mapped back, the prize steps taken once each."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from common.county_selection import DepartmentAwards
from common.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from selection.rules import departments as rules
from selection.rules.departments import AWARDED, PAID, REQUESTED, Head
from tests.unit.selection.helpers import section


def test_the_demo_county_runs_department_awards_with_its_prizes():
    awards = section().department_awards
    assert awards.enabled and awards.planned == 3
    assert [(t.name, t.prize_won) for t in awards.tiers] == [
        ("최우수", 1_000_000), ("우수", 500_000), ("장려", 300_000)]
    assert rules.committee_options(awards) == ["dept_grand", "dept_excellent", "dept_merit", "not_selected"]


@pytest.mark.parametrize("block", [
    {"enabled": True, "tiers": []},  # awards without a tier
    {"tiers": [{"code": "gold", "name": "금"}, {"code": "gold", "name": "금2"}]},  # a code twice
    {"tiers": [{"code": "not_selected", "name": "없음"}]},  # the committee's reserved option
    {"channels": ["resident"]},  # residents do not nominate departments
])
def test_a_county_block_that_cannot_work_is_refused(block):
    with pytest.raises(ValidationError):
        DepartmentAwards.model_validate(block)


def test_a_county_that_runs_no_department_awards_takes_no_case():
    with pytest.raises(RuleViolation) as refused:
        rules.check_nomination("contest", "service", {"name": "대회"},
                               section(department_awards={"enabled": False}))
    assert refused.value.code == "DEPARTMENT_AWARDS_NOT_RUN"


def test_channel_criterion_and_contest_result_are_checked():
    only_contests = section(department_awards={**section().department_awards.model_dump(), "channels": ["contest"]})
    with pytest.raises(RuleViolation, match="경로"):
        rules.check_nomination("department", "service", None, only_contests)
    with pytest.raises(InvalidInput) as unknown:
        rules.check_nomination("contest", "friendliness", {"name": "대회"}, section())
    assert unknown.value.code == "UNKNOWN_CRITERION"
    with pytest.raises(InvalidInput) as missing:
        rules.check_nomination("contest", "service", None, section())
    assert missing.value.code == "CONTEST_REQUIRED"
    rules.check_nomination("department", "service", None, section())  # a head's case names no contest


def test_one_case_per_department_per_title_per_cycle():
    one = rules.case_id("2026-H2", "WEL", "찾아가는 복지 상담")
    assert rules.case_id("2026-H2", "WEL", "  찾아가는  복지 상담 ") == one
    assert len({one, rules.case_id("2026-H1", "WEL", "찾아가는 복지 상담"),
                rules.case_id("2026-H2", "FIN", "찾아가는 복지 상담"),
                rules.case_id("2026-H2", "WEL", "다른 사례")}) == 4


@pytest.mark.parametrize(("head", "code"), [
    (Head(None, False), "DEPARTMENT_UNKNOWN"), (Head("WEL", False), "NOT_ACTIVE"),
    (Head("FIN", True), "OTHER_DEPARTMENT"),
])
def test_a_head_submits_only_their_own_department_as_the_directory_has_it(head, code):
    with pytest.raises(Forbidden) as refused:
        rules.check_head_own_department(head, "WEL")
    assert refused.value.code == code


def test_a_head_of_the_department_may_submit():
    rules.check_head_own_department(Head("WEL", True), "WEL")


def test_the_committee_decision_maps_back_to_the_cases_sent_with_a_department_tier():
    awards = section().department_awards
    got = rules.awarded({"D1": "dept_grand", "D2": "not_selected", "D3": None, "D4": "grand", "D9": "dept_merit"},
                        ["D1", "D2", "D3", "D4"], awards)
    assert got == {"D1": "dept_grand"}  # not selected, undecided, an officials' tier and a case never sent: no award


@pytest.mark.parametrize(("current", "wanted", "move_from"), [
    (AWARDED, REQUESTED, AWARDED), (REQUESTED, PAID, REQUESTED),
    (REQUESTED, REQUESTED, None), (PAID, PAID, None), (PAID, REQUESTED, None),  # taken already: nothing to do
])
def test_prize_steps_in_order_each_once(current, wanted, move_from):
    assert rules.prize_step(current, wanted) == move_from


def test_a_prize_step_out_of_order_or_without_an_award_is_refused():
    with pytest.raises(Conflict) as skipped:
        rules.prize_step(AWARDED, PAID)
    assert skipped.value.code == "PRIZE_STATUS"
    with pytest.raises(Conflict) as none:
        rules.prize_step(None, REQUESTED)
    assert none.value.code == "NOT_AWARDED"


def test_figures_count_cases_awards_and_prizes():
    case = SimpleNamespace
    got = rules.figures([case(department="WEL", channel="contest", excluded=None, tier="dept_grand",
                              prize_won=1_000_000, prize_status=PAID),
                         case(department="WEL", channel="department", excluded={"reason": "x"}, tier=None,
                              prize_won=None, prize_status=None),
                         case(department="FIN", channel="department", excluded=None, tier="dept_merit",
                              prize_won=300_000, prize_status=REQUESTED)])
    assert got == {"nominations": 3, "departments": 2, "by_channel": {"contest": 1, "department": 2},
                   "excluded": 1, "awarded": 2, "by_tier": {"dept_grand": 1, "dept_merit": 1},
                   "prize_won": 1_300_000, "paid": 1}


def test_the_committee_reads_each_case_by_its_id_within_the_event_limit():
    awards = section().department_awards
    cases = [SimpleNamespace(nomination_id=f"D{i}", department="WEL", department_name="복지과",
                             case_title="사례 " * 60, contest={"name": "대회", "rank": 1}) for i in range(40)]
    text = rules.committee_summary(cases, awards)
    assert len(text) <= 4000 and text.startswith("우수사례·우수부서 선정 예정 3개 부서 내외")
    assert "D0: 복지과(WEL)" in text and "1,000,000원" in text
