"""The pure rules: shares, act identity, eligibility, periods, and the county file's mileage section."""

from __future__ import annotations

from datetime import date

import pytest

from common.county import CountyConfigError, county, parse_county
from common.county_mileage import EarnerRules
from mileage.rules.caps import cap_periods
from mileage.rules.policy import StaffFacts, act_keys, ineligibility, split_points


@pytest.mark.parametrize(("total", "shares", "parts"), [
    (10, [1, 1, 1], [4, 3, 3]), (7, [2, 1], [5, 2]), (5, [50, 30, 20], [3, 1, 1]), (-5, [1, 1], [-3, -2]),
    (1, [1, 1, 1], [1, 0, 0]), (100, [33, 33, 34], [33, 33, 34])])
def test_largest_remainder_keeps_the_total(total, shares, parts):
    assert split_points(total, shares) == parts and sum(parts) == total


def test_act_identity_by_date_and_normalised_title_and_also_by_reference():
    day = date(2026, 3, 2)
    [plain] = act_keys(act_ref=None, act_date=day, act_title="민원  처리, 간소화!")
    assert act_keys(act_ref=None, act_date=day, act_title="민원 처리 간소화") == [plain]
    assert act_keys(act_ref=None, act_date=date(2026, 3, 3), act_title="민원 처리 간소화") != [plain]
    titled, by_reference = act_keys(act_ref="재무-1", act_date=day, act_title="민원 처리 간소화")
    assert titled == plain  # with or without a reference, the same date and title is the same act
    assert act_keys(act_ref=" 재무-1 ", act_date=date(2027, 1, 1), act_title="나")[1] == by_reference


def facts(**kw) -> StaffFacts:
    base = {"employee_no": "1", "department": "FIN", "active": True, "grade": 7, "employment_type": "일반직",
            "team_leader": False}
    return StaffFacts(**{**base, **kw})


def test_who_may_earn():
    rules = EarnerRules(max_grade=6, team_leaders_allowed=True, team_leader_max_grade=6, employment_types=["일반직"])
    assert ineligibility(rules, facts()) is None
    assert ineligibility(rules, facts(grade=6, team_leader=True)) is None
    assert ineligibility(rules, facts(grade=5)) is not None
    assert ineligibility(rules, facts(active=False)) is not None
    assert ineligibility(rules, facts(employment_type="공무직")) is not None
    assert ineligibility(rules, facts(grade=None)) is not None
    assert ineligibility(rules.model_copy(update={"ungraded_allowed": True}), facts(grade=None)) is None
    assert ineligibility(rules.model_copy(update={"team_leaders_allowed": False}), facts(team_leader=True))
    assert ineligibility(rules.model_copy(update={"team_leader_max_grade": 7}), facts(grade=6, team_leader=True))


def test_cap_periods():
    assert cap_periods(date(2026, 7, 1)) == {"month": "M2026-07", "half": "H2026-H2", "year": "Y2026"}


def test_demo_county_mileage_section():
    section = county().mileage
    assert len([i for i in section.items if not i.is_deduction]) == 14
    assert section.item("PASSIVE").min_points == -5
    assert section.redemption.yearly_ceiling_won == 200_000 and section.expiry.carry_over_years == 0


def test_mileage_section_problems_are_reported():
    with pytest.raises(CountyConfigError) as error:
        parse_county({"code": "x1", "name": "군군", "mileage": {"items": [
            {"code": "A1", "name": "항목", "min_points": 5, "max_points": 1}],
            "redemption": {"rewards": [{"code": "L1", "name": "휴가", "points": 1, "kind": "leave"}]},
            "event_rules": [{"source": "jeokgeuk.x", "detail_type": "Done", "item_code": "ZZ", "points": 1}]}})
    problems = "\n".join(error.value.problems)
    assert "mileage.items.0" in problems and "mileage.redemption.rewards.0" in problems
