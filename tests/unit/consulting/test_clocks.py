"""Deadline edges on the shared clock (issue #13): each case runs on its own county period, and the clock counts.

Receipt on Tuesday 2026-09-15, before Chuseok (24–26 September) and 한글날 (9 October): the opinion request's 30
calendar days (민법 §157: the first day not counted) end on 15 October; the pre-consulting's 30 working days (the day
of receipt counts; Saturdays and holidays skipped, 개천절's substitute Monday 5 October among them) on 30 October."""

from __future__ import annotations

from datetime import date

import pytest

from common.statutory import Counting
from consulting.rules import clocks
from consulting.rules.exemption import quarter_end
from tests.unit.consulting.helpers import DEMO, SECTION, TIME, at

RECEIVED = at(2026, 9, 15, 10)


def test_30_calendar_days_and_30_working_days_across_chuseok_give_different_correct_dates():
    request = clocks.opinion_request(SECTION, DEMO.clock, at=RECEIVED, by="2026013")
    pre = clocks.pre_consulting_answer(SECTION, DEMO.clock, at=RECEIVED, by="2026013")

    assert (request.period, request.rule.count, request.rule.length) == ("committee_opinion",
                                                                        Counting.CALENDAR_DAYS, 30)
    assert (pre.period, pre.rule.count, pre.rule.length) == ("pre_consulting_answer", Counting.WORKING_DAYS, 30)
    assert request.due_day(TIME) == date(2026, 10, 15)  # 군민의 날 closes the office, but counts (statutory time)
    assert pre.due_day(TIME) == date(2026, 10, 30)


def test_a_calendar_period_ending_on_a_holiday_rolls_to_the_next_working_day():
    request = clocks.opinion_request(SECTION, DEMO.clock, at=at(2026, 9, 3, 14), by="2026013")
    # day 30 is Saturday 3 October (개천절), and Monday 5 October its substitute holiday: Tuesday
    assert request.due_day(TIME) == date(2026, 10, 6)


def test_supplement_pauses_the_answer_clock():
    pre = clocks.pre_consulting_answer(SECTION, DEMO.clock, at=RECEIVED, by="2026013")
    paused = clocks.moved(pre, "pause", at=at(2026, 9, 16, 11), by="2026002", reason="보완 요청")
    resumed = clocks.moved(paused, "resume", at=at(2026, 9, 22, 9), by="2026013", reason="보완 제출")

    # the days from the pause's day to the day before the resumption (16, 17, 18, 21 September: four working days)
    # are not counted: 30 October becomes 5 November
    assert resumed.due_day(TIME) == date(2026, 11, 5)
    assert paused.state == "paused" and resumed.state == "running"
    assert clocks.moved(resumed, "stop", at=at(2026, 9, 30, 9), by="2026002", reason="의견 회신").state == "stopped"
    assert clocks.moved(resumed, None, at=at(2026, 9, 30, 9), by="x", reason="-") == resumed


def test_the_supplement_period_is_the_countys():
    clock = clocks.supplement(SECTION, DEMO.clock, at=at(2026, 9, 16, 11), by="2026002", reason="보완 요청")
    assert (clock.period, clock.rule.count, clock.rule.length) == ("consulting_supplement", Counting.WORKING_DAYS, 10)
    assert clock.due_day(TIME) == date(2026, 10, 1)  # 16, 17, 18, 21, 22, 23, 28, 29, 30 September, 1 October


@pytest.mark.parametrize(("quarter", "due"), [
    ("2026Q1", date(2026, 4, 10)), ("2026Q2", date(2026, 7, 10)),
    ("2026Q3", date(2026, 10, 12)),  # 10 October 2026 is a Saturday: the next working day
    ("2026Q4", date(2027, 1, 11)),  # 10 January 2027 is a Sunday
])
def test_the_bai_quarterly_report_is_due_10_days_after_each_quarter(quarter, due):
    """The quarter ends at midnight: the days after it count from the first (민법 §157 단서), so 10 days end on the
    10th of the next month, rolled past a weekend or holiday."""
    clock = clocks.bai_quarterly_report(SECTION, DEMO.clock, quarter=quarter, quarter_end=quarter_end(quarter))
    assert (clock.period, clock.due_day(TIME)) == ("bai_quarterly_report", due)
