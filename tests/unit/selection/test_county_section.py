"""The county file's `selection` section: what it refuses, and the demo's (Goseong's) settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from common.county import county
from common.county_selection import SelectionSection
from common.identity import Role
from common.offices import Duty

BASE = {"tiers": [{"code": "grand", "name": "최우수"}], "criteria": [{"code": "regulation", "name": "규제혁신"}]}


def section(**override):
    return SelectionSection.model_validate({**BASE, **override})


def test_the_default_is_one_cycle_a_year_from_2026_with_the_decrees_eight_incentives():
    made = section()
    assert ([c.code for c in made.cycles], made.scheduled_from, len(made.incentives)) == (["Y"], 2026, 8)
    assert made.voting.weights == {"dept_heads": 50, "residents": 50} and made.voting.shortlist_multiplier == 2


@pytest.mark.parametrize("override, problem", [
    ({"voting": {"weights": {"dept_heads": 70, "residents": 50}}}, "합이 100"),
    ({"tiers": [{"code": "not_selected", "name": "x"}]}, "예약된 코드"),
    ({"incentives": [{"code": "other", "name": "기타"}]}, "파격적"),
    ({"personnel_incentive_types": ["외부인"]}, "선발 대상이 아닌"),
    ({"cycles": [{"code": "H1", "name": "a", "nomination": {"starts": "04-01", "ends": "05-15"},
                  "vote": {"starts": "05-10", "ends": "06-14"}, "planned": 5}]}, "추천 기간이 끝난 뒤"),
    ({"cycles": [{"code": "H1", "name": "a", "nomination": {"starts": "04-01", "ends": "05-15"},
                  "vote": {"starts": "06-01", "ends": "09-14"}, "planned": 5},
                 {"code": "H2", "name": "b", "nomination": {"starts": "09-01", "ends": "09-30"},
                  "vote": {"starts": "10-15", "ends": "10-28"}, "planned": 5}]}, "겹칩니다"),
    ({"cycles": [{"code": "H1", "name": "a", "nomination": {"starts": "02-30", "ends": "05-15"},
                  "vote": {"starts": "06-01", "ends": "06-14"}, "planned": 5}]}, "day is out of range"),
])
def test_inconsistent_settings_are_refused(override, problem):
    with pytest.raises(ValidationError, match=problem):
        section(**override)


def test_the_demo_runs_goseongs_two_rounds_and_maps_the_duties():
    demo = county().selection
    assert [(c.code, c.planned) for c in demo.cycles] == [("H1", 5), ("H2", 5)]
    assert (demo.tiers[0].name, demo.tiers[0].rating_points, demo.tiers[0].prize_won) == ("최우수", 1.0, 300000)
    assert county().offices.roles(Duty.SELECTION_UNIT) == (Role.AA_UNIT,)
    assert county().offices.roles(Duty.SELECTION_HR) == (Role.HR,)


def test_the_county_checker_refuses_an_incentive_period_the_clock_does_not_define(tmp_path):
    from common.county_file import CountyConfigError, load_county_file

    demo = Path(__file__).resolve().parents[3] / "infra" / "counties" / "demo.yaml"
    broken = tmp_path / "demo.yaml"
    broken.write_text(demo.read_text(encoding="utf-8").replace("  selection_incentive_grant:", "  other_grant:"),
                      encoding="utf-8")
    with pytest.raises(CountyConfigError, match="incentive_grant_period"):
        load_county_file(broken)
