"""The statutory clock on the real 2026–2027 Korean calendar (the `holidays` package as pinned).

Dates used below, as the package has them: 2026-06-03 (Wed) local election day; 2026-09-24..26 Chuseok (Thu–Sat);
2026-10-03 (Sat) National Foundation Day with its substitute 2026-10-05 (Mon); 2026-10-09 (Fri) Hangul Day;
2027-01-01 (Fri) New Year's Day. The demo county closes on 2026-10-15 (Thu, 군민의 날).
"""

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from common.clock import KST, StatutoryCalendar, WorkCalendar
from common.county import CountyConfigError, load_county_file, parse_county
from common.errors import InvalidInput, RuleViolation
from common.statutory import CaseClock, Counting, Office, OfficeHours, PeriodRule, StatutoryTime, due_moment, last_day

DEMO = load_county_file(Path(__file__).resolve().parents[3] / "infra" / "counties" / "demo.yaml")
OFFICE = Office.of(DEMO)  # with the county's closed day
TIME = OFFICE.statutory  # what periods count: no county closed day can be given to it


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=KST)


def due_day(count, length, start, pauses=()):
    return last_day(due_moment(TIME, Counting(count), length, start, pauses))


def test_the_calendar_is_the_real_one():
    calendar = StatutoryCalendar()
    for day in (date(2026, 6, 3), date(2026, 9, 24), date(2026, 9, 25), date(2026, 9, 26), date(2026, 10, 3),
                date(2026, 10, 5), date(2026, 10, 9), date(2027, 1, 1)):
        assert calendar.is_public_holiday(day), day
    assert calendar.is_working_day(date(2026, 10, 15))  # 군민의 날 is the county's, not a public holiday
    assert not OFFICE.is_open_day(date(2026, 10, 15)) and OFFICE.is_open_day(date(2026, 10, 16))


# --- the three ways of counting --------------------------------------------------------------------------------

def test_30_calendar_days_and_30_working_days_from_2026_09_10():
    start = at(2026, 9, 10, 10)  # Thursday
    # 민법 §157: day 1 is 09-11, day 30 is Sat 10-10; §161: Sat → Sun 10-11 (a public holiday) → Mon 10-12
    assert due_day("calendar_days", 30, start) == date(2026, 10, 12)
    assert due_moment(TIME, Counting.CALENDAR_DAYS, 30, start) == at(2026, 10, 13)  # the end of 10-12
    # §19②: 09-10 is day 1; Chuseok (09-24, 09-25), 10-05 (substitute) and 10-09 skipped; 10-15, the county's own
    # closed day, counts: 10 working days in September (10–23) + 3 (28–30) + 17 in October (1, 2, 6–8, 12–27)
    assert due_day("working_days", 30, start) == date(2026, 10, 27)


def test_calendar_days_count_from_the_next_day_unless_the_period_starts_at_midnight():
    assert due_day("calendar_days", 10, at(2026, 11, 2, 10)) == date(2026, 11, 12)
    assert due_day("calendar_days", 10, at(2026, 11, 2, 0, 1)) == date(2026, 11, 12)
    assert due_day("calendar_days", 10, at(2026, 11, 2)) == date(2026, 11, 11)  # 00:00: the first day counts


def test_a_calendar_period_ending_on_a_saturday_or_holiday_ends_the_next_working_day():
    # day 20 is Sat 10-03 (National Foundation Day) → Sun → Mon 10-05 (its substitute) → Tue 10-06
    assert due_day("calendar_days", 20, at(2026, 9, 13, 15)) == date(2026, 10, 6)
    # day 10 is Thu 09-24 (the day before Chuseok) → Chuseok → Sat → Sun → Mon 09-28
    assert due_day("calendar_days", 10, at(2026, 9, 14, 10)) == date(2026, 9, 28)
    # day 10 is the local election day, Wed 06-03 → Thu 06-04
    assert due_day("calendar_days", 10, at(2026, 5, 24, 10)) == date(2026, 6, 4)
    # across the year: day 10 is Sun 2027-01-03 → Mon 01-04
    assert due_day("calendar_days", 10, at(2026, 12, 24, 10)) == date(2027, 1, 4)
    # a period ending on a working day stays there
    assert due_day("calendar_days", 30, at(2026, 11, 2, 10)) == date(2026, 12, 2)


def test_working_days_count_the_first_day_and_skip_saturdays_and_public_holidays():
    assert due_day("working_days", 7, at(2026, 11, 23, 17, 59)) == date(2026, 12, 1)  # Mon: 23–27, 30, 12-01
    assert due_day("working_days", 7, at(2026, 11, 21, 10)) == date(2026, 12, 1)  # received Sat: Monday is day 1
    assert due_day("working_days", 7, at(2026, 9, 21, 10)) == date(2026, 10, 1)  # 21–23, Chuseok, 28–30, 10-01
    assert due_day("working_days", 7, at(2026, 6, 1, 10)) == date(2026, 6, 10)  # the election day 06-03 skipped
    assert due_day("working_days", 7, at(2026, 12, 29, 10)) == date(2027, 1, 7)  # 29–31, 01-01 skipped, 4–7
    # the period ends at the end of its last day
    assert due_moment(TIME, Counting.WORKING_DAYS, 7, at(2026, 12, 29, 10)) == at(2027, 1, 8)


def test_working_hours_in_office_hours_across_lunch_weekends_and_holidays():
    hours = Counting.WORKING_HOURS
    # Fri 16:30: 1½ h on Friday, Mon 09–12 (3 h), lunch not counted, 13:00–16:30
    assert due_moment(TIME, hours, 8, at(2026, 11, 20, 16, 30)) == at(2026, 11, 23, 16, 30)
    # 즉시 = 3 working hours from Thu 11:00: 11–12, then 13–15
    assert due_moment(TIME, hours, 3, at(2026, 11, 19, 11)) == at(2026, 11, 19, 15)
    # a period that ends as lunch starts ends at 12:00, not after lunch
    assert due_moment(TIME, hours, 3, at(2026, 11, 19, 9)) == at(2026, 11, 19, 12)
    # received outside office hours: counting starts at the next opening (Fri evening → Mon 09:00; lunch → 13:00)
    assert due_moment(TIME, hours, 8, at(2026, 11, 20, 19)) == at(2026, 11, 23, 18)
    assert due_moment(TIME, hours, 8, at(2026, 11, 21, 11)) == at(2026, 11, 23, 18)  # Saturday
    assert due_moment(TIME, hours, 3, at(2026, 11, 19, 12, 30)) == at(2026, 11, 19, 16)
    # Wed before Chuseok 14:00: 4 h, then Thu–Sun off, Mon 09–12 and 13–14
    assert due_moment(TIME, hours, 8, at(2026, 9, 23, 14)) == at(2026, 9, 28, 14)
    # New Year's Eve 15:00: 3 h, 01-01 and the weekend off, Mon 2027-01-04 09–12, 13–15
    assert due_moment(TIME, hours, 8, at(2026, 12, 31, 15)) == at(2027, 1, 4, 15)


def test_office_hours_are_the_countys():
    late = OfficeHours(opens="09:30", lunch_starts="11:30", lunch_ends="12:30", closes="18:30")
    # Thu 11:00 + 3 h: 11:00–11:30, 12:30–15:00
    assert due_moment(StatutoryTime(StatutoryCalendar(), late), Counting.WORKING_HOURS, 3,
                      at(2026, 11, 19, 11)) == at(2026, 11, 19, 15)


def test_the_office_is_open_in_office_hours_on_its_open_days():
    assert OFFICE.is_open(at(2026, 11, 19, 9)) and OFFICE.is_open(at(2026, 11, 19, 17, 59))
    assert not OFFICE.is_open(at(2026, 11, 19, 12, 30)) and not OFFICE.is_open(at(2026, 11, 19, 18))
    assert OFFICE.next_opening(at(2026, 11, 19, 10)) == at(2026, 11, 19, 10)
    assert OFFICE.next_opening(at(2026, 11, 19, 12, 30)) == at(2026, 11, 19, 13)
    assert OFFICE.next_opening(at(2026, 11, 20, 18, 30)) == at(2026, 11, 23, 9)  # Friday evening → Monday
    assert OFFICE.next_opening(at(2026, 10, 14, 19)) == at(2026, 10, 16, 9)  # over the county's closed day
    assert OFFICE.next_opening(datetime.fromisoformat("2026-12-31T10:00:00+00:00")) == at(2027, 1, 4, 9)


# --- the county's own closed day and national overrides --------------------------------------------------------

def test_the_countys_closed_day_never_moves_a_statutory_date():
    """10-15 is 군민의 날 in the demo county: the office is closed, yet every period counts it."""
    assert date(2026, 10, 15) in DEMO.extra_closed_days
    assert not OFFICE.is_open(at(2026, 10, 15, 10))
    # Wed 15:00 + 8 working hours ends on the closed day at 15:00
    assert due_moment(TIME, Counting.WORKING_HOURS, 8, at(2026, 10, 14, 15)) == at(2026, 10, 15, 15)
    assert due_day("working_days", 6, at(2026, 10, 7, 10)) == date(2026, 10, 15)  # 7, 8, 12, 13, 14, 15
    assert due_day("calendar_days", 7, at(2026, 10, 8, 10)) == date(2026, 10, 15)
    # the same clock in the same county answers the same with or without its closed day
    rule = DEMO.clock.period("grievance_answer")
    clock = CaseClock.start("grievance_answer", rule, at=at(2026, 10, 7, 10), by="2026013")
    without = Office(OFFICE.statutory, frozenset())
    assert clock.due_day(OFFICE.statutory) == clock.due_day(without.statutory) == date(2026, 10, 16)


def test_work_calendar_deadline_ignores_the_countys_closed_day():
    """The older helper counted the county's closed day out of a 민원 period (10-28 instead of 10-27)."""
    calendar = WorkCalendar([date(2026, 10, 15)])
    assert not calendar.is_working_day(date(2026, 10, 15))  # the office is closed
    assert calendar.deadline(date(2026, 9, 10), 30) == date(2026, 10, 27)
    assert calendar.deadline(date(2026, 10, 14), 2) == date(2026, 10, 15)
    assert calendar.working_days_between(date(2026, 10, 14), date(2026, 10, 16)) == 2


def test_a_temporary_national_holiday_from_the_county_file_counts_as_a_public_holiday():
    data = DEMO.model_dump(mode="json")
    data["clock"]["national_holidays"] = [{"date": "2026-10-16", "name": "임시공휴일"}]
    office = Office.of(parse_county(data))
    assert office.statutory.calendar.holiday_name(date(2026, 10, 16)) == "임시공휴일"
    assert last_day(due_moment(office.statutory, Counting.WORKING_DAYS, 30, at(2026, 9, 10, 10))) == date(2026, 10, 28)
    # a calendar period ending on it moves past it and the weekend
    assert last_day(due_moment(office.statutory, Counting.CALENDAR_DAYS, 6, at(2026, 10, 10, 10))) == date(2026, 10, 19)


# --- the clock of a case ---------------------------------------------------------------------------------------

def grievance(start=None):
    return CaseClock.start("grievance_answer", DEMO.clock.period("grievance_answer"),
                           at=start or at(2026, 11, 2, 10), by="2026013", reason="국민신문고 접수")


def test_pause_and_resume_leave_the_waiting_days_out():
    clock = grievance()  # Mon 11-02, 7 working days → Tue 11-10
    assert clock.due_day(TIME) == date(2026, 11, 10)
    paused = clock.pause(at=at(2026, 11, 4, 10), by="2026013", reason="보완 요청: 도면 누락")
    assert paused.state == "paused"
    # while the requester has it, the due date is as if they answered now
    assert paused.due_day(TIME, now=at(2026, 11, 5, 9)) == date(2026, 11, 11)
    with pytest.raises(ValueError):
        paused.due_at(TIME)
    resumed = paused.resume(at=at(2026, 11, 9, 14), by="2026013", reason="보완 서류 접수")
    # 11-04, 05, 06 (3 working days, the day it came back counts again) → 3 working days later: Fri 11-13
    assert resumed.state == "running" and resumed.due_day(TIME) == date(2026, 11, 13)
    assert resumed.pauses() == [(at(2026, 11, 4, 10), at(2026, 11, 9, 14))]


def test_pause_in_working_hours_and_calendar_days():
    intake = CaseClock.start("intake_ack", DEMO.clock.period("intake_ack"), at=at(2026, 11, 23, 9), by="system")
    assert intake.due_at(TIME) == at(2026, 11, 23, 18)
    # paused 10:00–15:00: 4 working hours (lunch is not one) → Tue 14:00
    intake = intake.pause(at=at(2026, 11, 23, 10), by="2026013", reason="보완").resume(
        at=at(2026, 11, 23, 15), by="2026013")
    assert intake.due_at(TIME) == at(2026, 11, 24, 14)
    opinion = CaseClock.start("committee_opinion", DEMO.clock.period("committee_opinion"),
                              at=at(2026, 11, 2, 10), by="2026002")
    assert opinion.due_day(TIME) == date(2026, 12, 2)
    opinion = opinion.pause(at=at(2026, 11, 10, 9), by="2026002", reason="보완").resume(
        at=at(2026, 11, 17, 9), by="2026002")
    assert opinion.due_day(TIME) == date(2026, 12, 9)  # 7 days left out


def test_pausing_and_resuming_out_of_turn_is_refused():
    clock = grievance()
    with pytest.raises(RuleViolation) as error:
        clock.resume(at=at(2026, 11, 3), by="2026013")
    assert error.value.code == "CLOCK_NOT_PAUSED"
    paused = clock.pause(at=at(2026, 11, 3, 10), by="2026013", reason="보완")
    with pytest.raises(RuleViolation) as error:
        paused.pause(at=at(2026, 11, 4), by="2026013", reason="보완")
    assert error.value.code == "CLOCK_NOT_RUNNING"
    with pytest.raises(InvalidInput) as error:
        clock.pause(at=at(2026, 11, 3), by="2026013", reason="  ")
    assert error.value.code == "REASON_REQUIRED"
    with pytest.raises(InvalidInput) as error:
        clock.pause(at=at(2026, 11, 1), by="2026013", reason="보완")  # before the receipt
    assert error.value.code == "CLOCK_TIME_TRAVEL"


def test_one_extension_with_a_reason_and_a_second_only_with_the_requesters_consent():
    rule = DEMO.clock.period("audit_head_opinion")  # 10 calendar days, + 10 (공공감사법 시행령 / 운영규정 §11⑦)
    clock = CaseClock.start("audit_head_opinion", rule, at=at(2026, 11, 2, 10), by="2026002")
    assert clock.due_day(TIME) == date(2026, 11, 12)
    extended = clock.extend(TIME, at=at(2026, 11, 5, 10), by="2026002", reason="관계 부서 자료 확인")
    # 20 days: day 20 is Sun 11-22 → Mon 11-23
    assert extended.length == 20 and extended.due_day(TIME) == date(2026, 11, 23)
    with pytest.raises(RuleViolation) as error:
        extended.extend(TIME, at=at(2026, 11, 20, 10), by="2026002", reason="추가 검토")
    assert error.value.code == "EXTENSION_NEEDS_CONSENT"
    again = extended.extend(TIME, length=5, at=at(2026, 11, 20, 10), by="2026002", reason="추가 검토", consent=True)
    assert again.due_day(TIME) == date(2026, 11, 27)  # 25 days: Fri 11-27
    assert [(c.change, c.length, c.consent) for c in again.extensions] == [("extended", 10, False),
                                                                          ("extended", 5, True)]
    with pytest.raises(RuleViolation) as error:
        clock.extend(TIME, length=11, at=at(2026, 11, 5), by="2026002", reason="검토")
    assert error.value.code == "EXTENSION_TOO_LONG"
    with pytest.raises(RuleViolation) as error:
        clock.extend(TIME, at=at(2026, 11, 13, 0), by="2026002", reason="늦은 연장")  # 11-12 has ended
    assert error.value.code == "PERIOD_EXPIRED"
    with pytest.raises(InvalidInput):
        clock.extend(TIME, at=at(2026, 11, 5), by="2026002", reason="")


def test_a_period_the_county_file_does_not_let_extend():
    opinion = CaseClock.start("committee_opinion", DEMO.clock.period("committee_opinion"),
                              at=at(2026, 11, 2, 10), by="2026002")
    with pytest.raises(RuleViolation) as error:
        opinion.extend(TIME, at=at(2026, 11, 3), by="2026002", reason="검토")
    assert error.value.code == "EXTENSION_NOT_ALLOWED"


def test_time_left_overdue_by_and_the_stop_at_the_answer():
    clock = grievance()  # due at the end of Tue 11-10
    assert clock.time_left(TIME, now=at(2026, 11, 10, 18)) == timedelta(hours=6)
    assert clock.overdue_by(TIME, now=at(2026, 11, 10, 18)) == timedelta(0)
    assert clock.overdue_by(TIME, now=at(2026, 11, 12, 9)) == timedelta(days=1, hours=9)
    assert clock.time_left(TIME, now=at(2026, 11, 12, 9)) == timedelta(0)
    answered = clock.stop(at=at(2026, 11, 11, 10), by="2026013", reason="답변 발송")
    assert answered.state == "stopped" and answered.stopped_at == at(2026, 11, 11, 10)
    assert answered.overdue_by(TIME, now=at(2026, 12, 31)) == timedelta(hours=10)  # late at the answer, no more
    assert answered.time_left(TIME, now=at(2026, 11, 3)) == timedelta(0)
    assert answered.next_reminder(OFFICE, after=at(2026, 11, 2)) is None
    for change in (lambda c: c.stop(at=at(2026, 11, 12), by="x"),
                   lambda c: c.extend(TIME, at=at(2026, 11, 12), by="x", reason="r", consent=True),
                   lambda c: c.pause(at=at(2026, 11, 12), by="x", reason="r")):
        with pytest.raises(RuleViolation):
            change(answered)
    # a clock stopped while paused keeps its pause closed at the stop
    withdrawn = clock.pause(at=at(2026, 11, 4, 10), by="2026013", reason="보완").stop(
        at=at(2026, 11, 20), by="2026013", reason="취하")
    assert withdrawn.overdue_by(TIME, now=at(2026, 12, 1)) == timedelta(0)


def test_reminders_from_the_county_file_are_sent_when_the_office_is_open():
    clock = grievance(at(2026, 10, 7, 10))  # 7, 8, (09 Hangul Day), 12–16 → due Fri 10-16; remind 2 and 1 day before
    assert clock.due_day(TIME) == date(2026, 10, 16)
    # 2 working days before: Wed 10-14 09:00; 1 before: Thu 10-15, the county's closed day → its next opening
    assert clock.reminders(OFFICE) == [at(2026, 10, 14, 9), at(2026, 10, 16, 9)]
    assert clock.next_reminder(OFFICE, after=at(2026, 10, 7, 10)) == at(2026, 10, 14, 9)
    assert clock.next_reminder(OFFICE, after=at(2026, 10, 14, 9)) == at(2026, 10, 16, 9)
    assert clock.next_reminder(OFFICE, after=at(2026, 10, 16, 9)) is None
    assert clock.pause(at=at(2026, 10, 8, 10), by="2026013", reason="보완").next_reminder(
        OFFICE, after=at(2026, 10, 8, 11)) is None  # the requester has the case
    opinion = CaseClock.start("committee_opinion", DEMO.clock.period("committee_opinion"),
                              at=at(2026, 9, 10, 10), by="2026002")  # due Mon 10-12; 7 and 2 days before
    # 7 days before is Mon 10-05 (a substitute holiday) → Tue 09:00; 2 days before is Sat 10-10 → Mon 09:00
    assert opinion.reminders(OFFICE) == [at(2026, 10, 6, 9), at(2026, 10, 12, 9)]


def test_a_clock_is_plain_data_an_area_keeps_on_its_case_item():
    clock = grievance().pause(at=at(2026, 11, 4, 10), by="2026013", reason="보완 요청").resume(
        at=at(2026, 11, 9, 14), by="2026013").extend(TIME, at=at(2026, 11, 10, 9), by="2026013", reason="현장 확인")
    item = json.loads(json.dumps(clock.model_dump(mode="json")))
    assert [(c["change"], c["by"], c["reason"]) for c in item["changes"]] == [
        ("started", "2026013", "국민신문고 접수"), ("paused", "2026013", "보완 요청"), ("resumed", "2026013", None),
        ("extended", "2026013", "현장 확인")]
    assert item["changes"][1]["at"] == "2026-11-04T10:00:00+09:00"
    assert item["rule"] == {"count": "working_days", "length": 7, "max_extension": None, "remind_before": [2, 1]}
    again = CaseClock.model_validate(item)
    assert again == clock and again.due_day(TIME) == date(2026, 11, 24)  # 11-13 + 7 working days
    with pytest.raises(ValueError):
        CaseClock.model_validate({**item, "changes": item["changes"][1:]})  # a clock starts with its start


def test_a_stored_clock_is_parsed_once_per_text_and_answers_as_a_fresh_parse():
    clock = grievance().pause(at=at(2026, 11, 4, 10), by="2026013", reason="보완 요청")
    text = clock.model_dump_json()
    assert CaseClock.stored(text) is CaseClock.stored(text)  # frozen: one parse serves every read
    assert CaseClock.stored(text) == CaseClock.model_validate_json(text) == clock
    resumed = clock.resume(at=at(2026, 11, 9, 14), by="2026013")
    assert CaseClock.stored(resumed.model_dump_json()).state == "running" != CaseClock.stored(text).state


def test_a_countys_office_is_built_once_and_a_due_moment_counted_once():
    assert Office.of(DEMO) is OFFICE  # the same county file: its calendar and what it has counted are kept
    other = parse_county(DEMO.model_dump(mode="json"))
    assert Office.of(other) is not OFFICE and Office.of(other) is Office.of(other)
    start = at(2026, 9, 10, 10)
    first = due_moment(TIME, Counting.WORKING_DAYS, 30, start)
    assert due_moment(TIME, Counting.WORKING_DAYS, 30, start) is first
    fresh = StatutoryTime(StatutoryCalendar(), TIME.hours)  # nothing counted yet
    assert due_moment(fresh, Counting.WORKING_DAYS, 30, start) == first == at(2026, 10, 28)
    # the arguments are the key: a pause or another length is counted anew
    assert due_moment(TIME, Counting.WORKING_DAYS, 30, start, [(at(2026, 9, 14), at(2026, 9, 16))]) == at(2026, 10, 30)
    assert due_moment(TIME, Counting.WORKING_DAYS, 29, start) == at(2026, 10, 27)


def test_times_given_in_utc_are_kept_in_seoul_time():
    clock = grievance(datetime.fromisoformat("2026-11-01T16:00:00+00:00"))  # Mon 11-02 01:00 in Seoul
    assert clock.started_at == at(2026, 11, 2, 1) and clock.due_day(TIME) == date(2026, 11, 10)
    with pytest.raises(ValueError):
        grievance(datetime(2026, 11, 2, 10))  # naive


# --- the county file --------------------------------------------------------------------------------------------

def test_the_demo_county_names_its_periods():
    periods = DEMO.clock.periods
    assert periods["committee_opinion"] == PeriodRule(count="calendar_days", length=30, max_extension=0,
                                                      remind_before=[7, 2])
    assert periods["immediate"].count is Counting.WORKING_HOURS and periods["immediate"].length == 3
    with pytest.raises(KeyError):
        DEMO.clock.period("nope")


@pytest.mark.parametrize(("clock", "problem"), [
    ({"periods": {"answer": {"count": "working_days", "length": 5}}}, "working_hours"),
    ({"periods": {"answer": {"count": "working_hours", "length": 41}}}, "working_days"),
    ({"periods": {"Answer": {"count": "calendar_days", "length": 5}}}, "snake_case"),
    ({"periods": {"answer": {"count": "weeks", "length": 5}}}, "count"),
    ({"office_hours": {"opens": 540}}, "HH:MM"),
    ({"office_hours": {"opens": "09:00", "closes": "17:00"}}, "8시간"),
    ({"office_hours": {"lunch_starts": "14:00", "lunch_ends": "13:00"}}, "순서"),
])
def test_a_wrong_clock_section_is_refused_with_its_path(clock, problem):
    data = DEMO.model_dump(mode="json") | {"clock": clock}
    with pytest.raises(CountyConfigError) as error:
        parse_county(data)
    assert any(p.startswith("clock.") and problem in p for p in error.value.problems), error.value.problems
