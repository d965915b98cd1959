"""Who may be nominated, the exclusions with their reasons and periods, the previous cycle, and the nominations the
review sets aside (friendliness only)."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import Forbidden, InvalidInput, RuleViolation
from selection.rules.eligibility import (
    Exclusion,
    ExclusionKind,
    Nominee,
    barring,
    from_passive_case,
    ineligible,
    previous_cycle,
    receives_personnel_incentives,
)
from selection.rules.nominations import Channel, Draft, Kind, check, check_head_nominates_own_staff
from tests.unit.selection.helpers import section

DEMO = section()


@pytest.mark.parametrize("nominee, code", [
    (Nominee("E1", "FIN", "일반직"), None),
    (Nominee("E1", "FIN", "공무직"), None),          # Goseong: every member, 공무직 and contract staff included
    (Nominee("E1", "FIN", None), "UNKNOWN_EMPLOYEE"),
    (Nominee("E1", "FIN", "일반직", active=False), "NOT_ACTIVE"),
])
def test_who_may_be_nominated(nominee, code):
    found = ineligible(nominee, DEMO)
    assert (found[0] if found else None) == code


def test_a_county_may_nominate_officials_only():
    officials_only = section(eligible_employment_types=["일반직"], personnel_incentive_types=["일반직"])
    assert ineligible(Nominee("E1", "FIN", "공무직"), officials_only)[0] == "NOT_ELIGIBLE"


def test_personnel_incentives_are_for_officials_only():
    assert receives_personnel_incentives("일반직", DEMO)
    assert not receives_personnel_incentives("공무직", DEMO) and not receives_personnel_incentives("계약직", DEMO)


def test_a_confirmed_passive_case_excludes_until_its_end_and_its_warning_for_the_countys_period():
    found = from_passive_case("E1", measure="warning", confirmed_on=date(2026, 3, 2), bars_until=date(2026, 9, 1),
                              section=DEMO, source="event:x")
    assert [(e.kind, e.until) for e in found] == [(ExclusionKind.PASSIVE_ADMINISTRATION, date(2026, 9, 1)),
                                                  (ExclusionKind.CAUTION_WARNING, date(2027, 3, 2))]
    assert all(e.reason for e in found)
    discipline = from_passive_case("E1", measure="discipline", confirmed_on=date(2026, 3, 2), bars_until=None,
                                   section=DEMO, source="event:y")
    assert [(e.kind, e.until) for e in discipline] == [(ExclusionKind.DISCIPLINE, date(2029, 3, 1))]
    assert from_passive_case("E1", measure="none", confirmed_on=date(2026, 3, 2), bars_until=None, section=DEMO,
                             source="event:z") == []


def test_an_exclusion_bars_until_its_last_day():
    ended = Exclusion("E1", ExclusionKind.CAUTION_WARNING, "주의", date(2026, 5, 31), "event:x")
    by_hand = Exclusion("E1", ExclusionKind.MANUAL, "사실관계 불일치", None, "unit:U1")
    assert barring([ended, by_hand], date(2026, 5, 31)) == [ended, by_hand]
    assert barring([ended, by_hand], date(2026, 6, 1)) == [by_hand]


def test_the_previous_cycle_is_the_round_before():
    assert previous_cycle("2026-H2", DEMO) == "2026-H1"
    assert previous_cycle("2026-H1", DEMO) == "2025-H2"


def test_a_nomination_names_one_of_the_criteria_and_friendliness_is_taken_but_set_aside():
    assert check(Draft(Channel.RESIDENT, "E1", "regulation", Kind.CASE), DEMO) is False
    assert check(Draft(Channel.RESIDENT, "E1", "friendliness", Kind.CASE), DEMO) is True
    assert check(Draft(Channel.DEPARTMENT, "E1", "new_policy", Kind.EXEMPLARY_FAILURE), DEMO) is False
    with pytest.raises(InvalidInput):
        check(Draft(Channel.RESIDENT, "E1", "smile", Kind.CASE), DEMO)
    with pytest.raises(RuleViolation):
        check(Draft(Channel.CONTEST, "E1", "regulation", Kind.CASE), section(channels=["resident", "department"]))


def test_a_head_nominates_their_own_staff_only():
    check_head_nominates_own_staff("FIN", "FIN")
    with pytest.raises(Forbidden):
        check_head_nominates_own_staff("FIN", "WEL")
