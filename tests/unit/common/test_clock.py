from datetime import date, datetime, timezone

import pytest

from common.clock import KST, Period, WorkCalendar, to_kst


def test_period_parse_and_bounds():
    h1 = Period.parse("2026-H1")
    assert (h1.start, h1.end) == (date(2026, 1, 1), date(2026, 6, 30))
    h2 = Period.parse("2026-H2")
    assert (h2.start, h2.end) == (date(2026, 7, 1), date(2026, 12, 31))
    year = Period.parse("2026")
    assert (year.start, year.end, str(year)) == (date(2026, 1, 1), date(2026, 12, 31), "2026")
    assert str(h2) == "2026-H2"
    with pytest.raises(ValueError):
        Period.parse("2026-H3")


def test_half_of_a_day():
    assert Period.half_of(date(2026, 6, 30)) == Period(2026, 1)
    assert Period.half_of(date(2026, 7, 1)) == Period(2026, 2)
    assert Period.year_of(date(2026, 7, 1)).contains(date(2026, 12, 31))


def test_midnight_utc_is_morning_in_seoul():
    moment = datetime(2026, 6, 30, 16, 0, tzinfo=timezone.utc)
    assert to_kst(moment).date() == date(2026, 7, 1)
    assert to_kst(moment).tzinfo == KST
    with pytest.raises(ValueError):
        to_kst(datetime(2026, 1, 1))


def test_lunar_and_substitute_holidays_are_not_working_days():
    calendar = WorkCalendar()
    assert not calendar.is_working_day(date(2026, 2, 17))  # 설날
    assert not calendar.is_working_day(date(2026, 9, 25))  # 추석
    assert not calendar.is_working_day(date(2026, 3, 2))  # 삼일절 대체공휴일
    assert not calendar.is_working_day(date(2026, 10, 5))  # 개천절 대체공휴일
    assert not calendar.is_working_day(date(2026, 11, 21))  # Saturday
    assert calendar.is_working_day(date(2026, 11, 23))  # an ordinary Monday


def test_county_closed_day_counts_as_holiday():
    assert WorkCalendar().is_working_day(date(2026, 10, 15))
    assert not WorkCalendar([date(2026, 10, 15)]).is_working_day(date(2026, 10, 15))


def test_add_working_days_skips_chuseok_and_weekend():
    # Wed 2026-09-23 + 1 working day: Thu 24, Fri 25 (Chuseok), Sat, Sun, Mon 28
    assert WorkCalendar().add_working_days(date(2026, 9, 23), 1) == date(2026, 9, 28)
    assert WorkCalendar().add_working_days(date(2026, 9, 23), 0) == date(2026, 9, 23)


def test_statutory_deadline_counts_day_of_receipt():
    calendar = WorkCalendar()
    # received Mon 2026-11-23, 7 working days with the first day counted → Tue 2026-12-01
    assert calendar.deadline(date(2026, 11, 23), 7) == date(2026, 12, 1)
    # received on a Saturday: counting starts on the next working day
    assert calendar.deadline(date(2026, 11, 21), 1) == date(2026, 11, 23)
    assert calendar.working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
