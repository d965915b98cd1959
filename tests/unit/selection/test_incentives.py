"""Incentive plans: the tier's benefits, at least one §14 incentive for officials and none for others, and the
cycle's exceptional share before the plans go to HR."""

from __future__ import annotations

import pytest

from common.errors import InvalidInput, RuleViolation
from selection.rules.incentives import Plan, benefits, check_plan, check_share
from tests.unit.selection.helpers import section

DEMO = section()


def test_the_tier_brings_its_benefits_and_the_citation():
    assert benefits(DEMO.tier("grand")) == {"tier": "grand", "tier_name": "최우수", "rating_points": 1.0,
                                             "prize_won": 300000, "leave_days": 3, "citation": True}


def test_an_official_gets_at_least_one_personnel_incentive():
    check_plan(Plan("E1", True, ("rating_points",)), DEMO)
    with pytest.raises(RuleViolation) as refused:
        check_plan(Plan("E1", True, ()), DEMO)
    assert refused.value.code == "INCENTIVE_REQUIRED"


def test_non_officials_get_no_personnel_incentive():
    check_plan(Plan("E2", False, ()), DEMO)
    with pytest.raises(RuleViolation) as refused:
        check_plan(Plan("E2", False, ("reward_leave",)), DEMO)
    assert refused.value.code == "PERSONNEL_INCENTIVES_FOR_OFFICIALS_ONLY"


def test_unknown_or_repeated_incentives_are_refused():
    for plan in (Plan("E1", True, ("free_car",)), Plan("E1", True, ("other", "other"))):
        with pytest.raises(InvalidInput):
            check_plan(plan, DEMO)


def test_the_exceptional_share_counts_officials_only():
    half = [Plan("E1", True, ("special_step",)), Plan("E2", True, ("rating_points",)), Plan("C1", False, ())]
    check_share(half, DEMO)  # 1 of 2 officials: 50 %, the contract worker left out
    short = [*half, Plan("E3", True, ("other",))]
    with pytest.raises(RuleViolation) as refused:
        check_share(short, DEMO)
    assert refused.value.details == {"exceptional": 1, "eligible": 3, "needed": 2}
    check_share([Plan("C1", False, ())], DEMO)  # no official: nothing to reach


def test_a_flagship_tasks_main_officer_gets_the_countys_number_of_their_own_choices():
    two = DEMO.model_copy(update={"flagship_task_choices": 2})
    mine = Plan("E1", True, ("special_step", "other"), ("special_step", "other"), "중점과제")
    check_plan(mine, two)
    for plan in (Plan("E1", True, ("special_step", "reward_leave"), ("special_step", "other"), "중점과제"),
                 Plan("E1", True, ("special_step",), ("special_step",), "중점과제")):
        with pytest.raises(RuleViolation) as refused:
            check_plan(plan, two)
        assert refused.value.code == "FLAGSHIP_CHOICES_UNMET"
    check_plan(Plan("E1", True, ("special_step",), (), None), two)  # not a flagship officer: one, any
    check_plan(Plan("E1", True, ("special_step",), ("special_step",), "중점과제"), DEMO.model_copy(
        update={"flagship_task_choices": 1}))
    check_plan(Plan("E2", False, (), (), "중점과제"), two)  # 공무직: no personnel incentive to choose
