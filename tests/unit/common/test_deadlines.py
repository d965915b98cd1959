"""The deadline job's decisions (`common.deadlines`): which alarm a case's clock raises now, and the next one — pure
functions over `common.statutory`, on the statutory calendar (Chuseok 2026: 9-24…9-26)."""

from __future__ import annotations

from datetime import datetime

from common.clock import KST, StatutoryCalendar
from common.deadlines import Alarm, check, deadline, first_alarm, next_alarm, stamp
from common.statutory import CaseClock, Office, OfficeHours, PeriodRule, StatutoryTime

OFFICE = Office(StatutoryTime(StatutoryCalendar(), OfficeHours()))
RULE = PeriodRule(count="working_days", length=7, remind_before=[3, 1])


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=KST)


def started(month: int = 9, day: int = 21) -> CaseClock:
    return CaseClock.start("redemption_execution", RULE, at=at(month, day), by="E1")


def test_the_alarms_of_a_clock_across_chuseok():
    clock = started()  # Monday 9-21: 21, 22, 23, (Chuseok 24-26, Sunday), 28, 29, 30, 10-01 → due 10-02 00:00
    assert clock.due_at(OFFICE.statutory) == at(10, 2, 0)
    # reminders 3 and 1 working days before the last day, at opening: 9-28 and 9-30
    assert first_alarm(clock, OFFICE) == at(9, 28, 9)
    assert check(clock, OFFICE, now=at(9, 27, 23)).alarm is None
    first = check(clock, OFFICE, now=at(9, 28, 9, 5), since=at(9, 28, 9))
    assert (first.alarm, first.next_at) == (Alarm.APPROACHING, at(9, 30, 9))
    second = check(clock, OFFICE, now=at(9, 30, 9, 5), since=first.next_at)
    assert (second.alarm, second.next_at) == (Alarm.APPROACHING, at(10, 2, 0))
    missed = check(clock, OFFICE, now=at(10, 2, 8, 30), since=second.next_at)
    assert (missed.alarm, missed.due_at, missed.next_at) == (Alarm.MISSED, at(10, 2, 0), None)


def test_a_late_job_raises_one_reminder_for_several_and_none_once_missed():
    clock = started()
    late = check(clock, OFFICE, now=at(10, 1, 17), since=at(9, 28, 9))  # both reminders passed: one alarm
    assert (late.alarm, late.next_at) == (Alarm.APPROACHING, at(10, 2, 0))
    assert check(clock, OFFICE, now=at(10, 8), since=at(9, 28, 9)).alarm is Alarm.MISSED  # never a late reminder


def test_an_early_alarm_raises_nothing_and_moves_to_the_next_reminder():
    """An alarm read before any reminder in its range (the period changed since it was set) only moves on."""
    clock = started()
    early = check(clock, OFFICE, now=at(9, 29, 9), since=at(9, 28, 12))  # 9-28 09:00 is before `since`
    assert (early.alarm, early.next_at) == (None, at(9, 30, 9))


def test_a_stopped_or_paused_clock_has_no_alarm():
    clock = started()
    stopped = clock.stop(at=at(9, 22), by="R1")
    paused = clock.pause(at=at(9, 22), by="R1", reason="보완 요청")
    for quiet in (stopped, paused):
        assert check(quiet, OFFICE, now=at(10, 30)).alarm is None
        assert next_alarm(quiet, OFFICE, after=at(9, 22)) is None
        assert first_alarm(quiet, OFFICE) is None


def test_a_clock_without_reminders_alarms_at_its_due_time_only():
    clock = CaseClock.start("p", PeriodRule(count="working_days", length=7), at=at(9, 21), by="E1")
    assert first_alarm(clock, OFFICE) == at(10, 2, 0)
    assert next_alarm(clock, OFFICE, after=at(10, 2, 0)) is None


def test_deadline_and_stamp():
    clock = started()
    assert deadline(clock, OFFICE, now=at(10, 1, 23, 59)).overdue is False
    assert deadline(clock, OFFICE, now=at(10, 2, 0)).overdue is True
    assert deadline(clock.stop(at=at(10, 5), by="R1"), OFFICE, now=at(10, 6)).overdue is False
    assert stamp(datetime(2026, 10, 3, 0, 0, 0, 500, tzinfo=KST)) == "2026-10-03T00:00:00+09:00"
    assert stamp(datetime.fromisoformat("2026-10-02T15:00:00+00:00")) == "2026-10-03T00:00:00+09:00"


def test_the_daily_loop_counts_each_alarms_outcome_and_one_broken_case_stops_no_other():
    from types import SimpleNamespace

    from common.deadlines import raise_each

    def raise_one(alarm):
        if alarm.case_id == "broken":
            raise RuntimeError("unreadable case")
        return {"a": "approaching", "m": "missed", "o": "moved"}[alarm.case_id]

    alarms = [SimpleNamespace(case_id=c) for c in ("a", "broken", "m", "o", "a")]
    assert raise_each(iter(alarms), raise_one) == {"due": 5, "approaching": 2, "missed": 1, "moved": 1, "skipped": 0,
                                                   "errors": 1}
