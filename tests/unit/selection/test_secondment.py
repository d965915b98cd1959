"""Seconded officials (운영규정 §20) as pure rules: the plan recommends §14 incentives to the home body and asks
nothing of the county's HR, so the exceptional share leaves them out; a notice's day; its state and figures."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import InvalidInput, RuleViolation
from selection.rules import secondment
from selection.rules.incentives import Plan, check_share
from tests.unit.selection.helpers import section

DEMO = section()


def seconded_plan(recommended: tuple[str, ...], *, officials_type: bool = True) -> dict:
    return secondment.plan("S1", home_body="강원특별자치도", tier=DEMO.tier("excellent"), recommended=recommended,
                           preference=("special_step",), officials_type=officials_type, section=DEMO)


def test_the_plan_recommends_to_the_home_body_and_grants_nothing_here():
    made = seconded_plan(("special_step",))
    assert (made["incentives"], made["recommended"], made["preference"], made["personnel_eligible"]) == (
        [], ["special_step"], ["special_step"], False)
    assert (made["seconded_from"], made["benefits"]["prize_won"], made["benefits"]["citation"]) == (
        "강원특별자치도", 200000, True)


def test_the_recommendation_is_checked_as_a_plan_is():
    with pytest.raises(RuleViolation) as refused:
        seconded_plan(())
    assert refused.value.code == "INCENTIVE_REQUIRED"
    with pytest.raises(InvalidInput) as unknown:
        seconded_plan(("a_car",))
    assert unknown.value.code == "UNKNOWN_INCENTIVE"
    with pytest.raises(RuleViolation) as not_official:
        seconded_plan(("special_step",), officials_type=False)
    assert not_official.value.code == "PERSONNEL_INCENTIVES_FOR_OFFICIALS_ONLY"


def test_the_exceptional_share_counts_only_awardees_the_county_grants_itself():
    own = Plan("E4", True, ("rating_points",))
    recommended = seconded_plan(("special_step",))
    seconded = Plan("S1", bool(recommended["personnel_eligible"]), tuple(recommended["incentives"]))
    with pytest.raises(RuleViolation) as refused:
        check_share([own, seconded], DEMO)
    assert (refused.value.code, refused.value.details["eligible"]) == ("EXCEPTIONAL_SHARE_UNMET", 1)
    check_share([Plan("E4", True, ("special_step",)), seconded], DEMO)


def test_a_notice_is_sent_between_the_resolution_and_today():
    secondment.check_sent_on(date(2026, 11, 30), resolved_on=date(2026, 11, 30), today=date(2026, 12, 1))
    for sent_on, code in ((date(2026, 11, 29), "SENT_BEFORE_RESOLUTION"), (date(2026, 12, 2), "SENT_ON_IN_FUTURE")):
        with pytest.raises(InvalidInput) as refused:
            secondment.check_sent_on(sent_on, resolved_on=date(2026, 11, 30), today=date(2026, 12, 1))
        assert refused.value.code == code
    with pytest.raises(InvalidInput):
        secondment.check_answered_on(date(2026, 11, 29), sent_on=date(2026, 11, 30), today=date(2026, 12, 1))


def test_states_and_figures():
    states = [secondment.state(None, None), secondment.state({"document_no": "1"}, None),
              secondment.state({"document_no": "2"}, {"reference": "r"})]
    assert states == ["PENDING", "NOTIFIED", "ANSWERED"]
    assert secondment.figures(states) == {"total": 3, "notified": 2, "answered": 1, "pending": 1}


def test_a_shorter_row_of_the_awardees_file_is_filled_to_the_header_with_the_secondment_columns():
    import csv
    import io

    from selection.rules import exports

    assert exports.HEADER[-2:] == ("파견원소속", "원소속 기관 통보")
    rows = list(csv.reader(io.StringIO(exports.awardees_csv([("2026-H2", "", "복지과")]).decode("utf-8-sig"))))
    assert [len(r) for r in rows] == [len(exports.HEADER)] * 2
