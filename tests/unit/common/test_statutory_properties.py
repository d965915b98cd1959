"""Properties of the statutory clock over 2026–2027, the years the pinned `holidays` package covers for certain."""

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from common.clock import KST, StatutoryCalendar, WorkCalendar
from common.statutory import (
    CaseClock,
    Counting,
    Office,
    OfficeHours,
    PeriodRule,
    StatutoryTime,
    due_moment,
    last_day,
)

TIME = StatutoryTime(StatutoryCalendar(), OfficeHours())
CALENDAR = TIME.calendar

days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 10, 31))
moments = st.builds(lambda day, minutes: datetime.combine(day, time(0), KST) + timedelta(minutes=minutes),
                    days, st.sampled_from([0, 1, 8 * 60 + 59, 9 * 60, 11 * 60 + 30, 12 * 60, 12 * 60 + 40, 13 * 60,
                                           17 * 60 + 59, 18 * 60, 23 * 60 + 59]) | st.integers(0, 24 * 60 - 1))
periods = st.one_of(
    st.tuples(st.just(Counting.CALENDAR_DAYS), st.integers(1, 60)),
    st.tuples(st.just(Counting.WORKING_DAYS), st.integers(6, 60)),
    st.tuples(st.just(Counting.WORKING_HOURS), st.integers(1, 40)),
)


@settings(max_examples=300, deadline=None)
@given(start=moments, period=periods)
def test_due_dates_never_fall_on_non_working_days(start, period):
    count, length = period
    due = due_moment(TIME, count, length, start)
    assert due > start
    assert CALENDAR.is_working_day(last_day(due))
    if count is Counting.WORKING_HOURS:  # inside office hours, never in the lunch hour
        assert any(begin < due <= end for begin, end in TIME.hours.spans(due.date()))
    else:
        assert due.time() == time(0)  # the end of the last day


@settings(max_examples=300, deadline=None)
@given(start=moments, length=st.integers(6, 40), offset=st.integers(0, 60), span=st.integers(0, 20),
       pause_hour=st.integers(0, 23), resume_hour=st.integers(0, 23))
def test_a_pause_of_n_working_days_moves_a_working_day_due_date_by_exactly_n(start, length, offset, span,
                                                                              pause_hour, resume_hour):
    due = last_day(due_moment(TIME, Counting.WORKING_DAYS, length, start))
    paused_on = min(start.date() + timedelta(days=offset), due)
    resumed_on = paused_on + timedelta(days=span)
    pause = (max(start, datetime.combine(paused_on, time(pause_hour), KST)),
             datetime.combine(resumed_on, time(resume_hour), KST))
    if pause[1] < pause[0]:
        pause = (pause[0], pause[0])
    n = sum(CALENDAR.is_working_day(paused_on + timedelta(days=i)) for i in range(span))  # [paused_on, resumed_on)
    moved = last_day(due_moment(TIME, Counting.WORKING_DAYS, length, start, [pause]))
    assert moved == CALENDAR.add_working_days(due, n)


@settings(max_examples=200, deadline=None)
@given(start=moments, length=st.integers(1, 40), into=st.integers(0, 39), hours=st.integers(0, 30))
def test_a_pause_of_n_working_hours_moves_a_working_hour_due_time_by_exactly_n(start, length, into, hours):
    """Paused at a working moment before the due time for `hours` working hours: due moves by as many."""
    due = due_moment(TIME, Counting.WORKING_HOURS, length, start)
    paused = due_moment(TIME, Counting.WORKING_HOURS, min(into, length - 1), start) if into else start
    resumed = due_moment(TIME, Counting.WORKING_HOURS, hours, paused) if hours else paused
    moved = due_moment(TIME, Counting.WORKING_HOURS, length, start, [(paused, resumed)])
    assert moved == (due_moment(TIME, Counting.WORKING_HOURS, hours, due) if hours else due)


@settings(max_examples=200, deadline=None)
@given(start=moments, period=periods, pause_at=st.integers(0, 30 * 24), pause_for=st.integers(0, 15 * 24))
def test_a_paused_period_still_ends_on_a_working_day(start, period, pause_at, pause_for):
    count, length = period
    paused = start + timedelta(hours=pause_at)
    due = due_moment(TIME, count, length, start, [(paused, paused + timedelta(hours=pause_for))])
    assert CALENDAR.is_working_day(last_day(due))
    assert due >= due_moment(TIME, count, length, start)


@settings(max_examples=200, deadline=None)
@given(start=days, length=st.integers(6, 60))
def test_working_days_agree_with_the_work_calendars_deadline(start, length):
    due = due_moment(TIME, Counting.WORKING_DAYS, length, datetime.combine(start, time(10), KST))
    assert last_day(due) == WorkCalendar([start]).deadline(start, length)  # a county closed day changes nothing


@settings(max_examples=200, deadline=None)
@given(start=moments, period=periods, closed=st.lists(days, max_size=5), offsets=st.lists(st.integers(1, 10)))
def test_reminders_fall_when_the_office_is_open_and_before_the_due_time(start, period, closed, offsets):
    count, length = period
    rule = PeriodRule(count=count, length=length, remind_before=[o for o in offsets if o < length * 8])
    office = Office(TIME, frozenset(closed))
    clock = CaseClock.start("p", rule, at=start, by="system")
    due = clock.due_at(TIME)
    for moment in clock.reminders(office):
        assert office.is_open(moment) and start <= moment < due
