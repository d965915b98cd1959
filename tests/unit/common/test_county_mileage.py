"""The mileage section's checks that keep a county's catalogue honest (issue #10 §3): an item worth one value, rewards
priced by one point value, participation phases in order."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from common.county_mileage import MileageItem, MileageSection, Redemption

ITEM = {"code": "IDEA", "name": "적극적 아이디어 제시"}


def test_an_item_may_be_worth_one_value():
    item = MileageItem.model_validate({**ITEM, "points": 7})
    assert (item.min_points, item.max_points) == (7, 7)
    with pytest.raises(ValidationError, match="함께 쓸 수 없습니다"):
        MileageItem.model_validate({**ITEM, "points": 7, "max_points": 10})


def test_rewards_must_match_the_point_value_where_the_county_sets_one():
    rewards = [{"code": "COFFEE", "name": "커피 교환권", "points": 1, "kind": "voucher", "won": 5000},
               {"code": "LEAVE", "name": "특별휴가", "points": 10, "kind": "leave", "days": 1}]
    assert Redemption.model_validate({"rewards": rewards}).reward("COFFEE").won == 5000  # no point value: any price
    with pytest.raises(ValidationError, match=r"COFFEE \(1점, 5000원\)"):
        Redemption.model_validate({"rewards": rewards, "point_value_won": 10000})
    rewards[0]["won"] = 10000
    assert Redemption.model_validate({"rewards": rewards, "point_value_won": 10000}).point_value_won == 10000


def test_participation_phases_are_in_order_and_say_which_departments_take_part():
    items = [{**ITEM, "points": 3}]
    section = MileageSection.model_validate({"items": items, "participation": [
        {"starts": "2026-09-25", "departments": ["FIN", "WEL"]}, {"starts": "2027-01-01"}]})
    assert section.phase_on(date(2026, 9, 24)) is None
    assert section.phase_on(date(2026, 12, 31)).departments == ["FIN", "WEL"]
    assert section.phase_on(date(2027, 3, 1)).departments is None
    assert MileageSection.model_validate({"items": items}).phase_on(date(2000, 1, 1)).departments is None
    with pytest.raises(ValidationError, match="시작일 순서"):
        MileageSection.model_validate({"items": items, "participation": [
            {"starts": "2027-01-01"}, {"starts": "2026-09-25", "departments": ["FIN"]}]})
