"""Due dates on the real Korean calendar (the `holidays` package as pinned): 2026-09-24..26 Chuseok (Thu–Sat);
2026-10-03 (Sat) National Foundation Day with its substitute holiday 2026-10-05 (Mon); 2026-10-09 (Fri) Hangul Day.

An opinion request is answered within 30 days (calendar days, 민법 §157/§161: the first day not counted, a last day
on a Saturday or holiday moves to the next working day); the audit head's opinion within 10 days, once extended by
10; a written meeting's replies within its window."""

from datetime import date, timedelta

import pytest

from committee.rules.schedule import (
    Meeting,
    MeetingKind,
    ask_audit_head,
    due_flag,
    ensure_in_window,
    extend_audit_head,
    next_regular_meeting,
    open_written_vote,
    start_opinion_request,
)
from common.errors import InvalidInput, RuleViolation

from .helpers import DEMO, RULES, TIME, at

CLOCK = DEMO.clock
# received Wed 2026-08-26: day 1 is 08-27, day 30 is Fri 09-25 (Chuseok) → Sat, Sun → ends Mon 2026-09-28
REQUEST = start_opinion_request(RULES, CLOCK, at=at(2026, 8, 26, 10), by="2026001")


def regular(day):
    return Meeting(f"R-{day}", MeetingKind.REGULAR, held_on=day)


def test_the_opinion_requests_due_day_moves_past_chuseok():
    assert REQUEST.period == "committee_opinion" and REQUEST.due_day(TIME) == date(2026, 9, 28)
    naive = date(2026, 8, 26) + timedelta(days=30)  # what own date arithmetic would say
    assert naive == date(2026, 9, 25)


def test_an_item_due_before_the_next_regular_meeting_is_flagged():
    on_time = due_flag(REQUEST, TIME, next_regular=date(2026, 9, 28))  # the due day itself: in time
    assert not on_time.flagged and on_time.code == "NEXT_REGULAR_IN_TIME" and on_time.due_day == date(2026, 9, 28)
    late = due_flag(REQUEST, TIME, next_regular=date(2026, 9, 29))
    assert late.flagged and late.code == "NEEDS_AD_HOC_OR_WRITTEN" and "2026-09-28" in late.message
    assert due_flag(REQUEST, TIME, next_regular=None).flagged


def test_the_flag_clears_only_on_a_meeting_that_ends_in_time():
    later = date(2026, 11, 20)
    assert not due_flag(REQUEST, TIME, next_regular=later,
                        assigned=Meeting("A1", MeetingKind.AD_HOC, held_on=date(2026, 9, 28))).flagged
    assert due_flag(REQUEST, TIME, next_regular=later,
                    assigned=Meeting("A2", MeetingKind.AD_HOC, held_on=date(2026, 9, 29))).flagged
    # a written meeting opened Mon 09-14: 7 days → Mon 09-21, in time
    early = open_written_vote(RULES, CLOCK, at=at(2026, 9, 14, 9), by="2026002")
    assert not due_flag(REQUEST, TIME, next_regular=later,
                        assigned=Meeting("W1", MeetingKind.WRITTEN, window=early)).flagged
    # opened Mon 09-21: day 7 is 09-28 → in time; opened Tue 09-22: day 7 is Tue 09-29 → too late
    assert not due_flag(REQUEST, TIME, next_regular=later, assigned=Meeting(
        "W2", MeetingKind.WRITTEN, window=open_written_vote(RULES, CLOCK, at=at(2026, 9, 21, 9), by="x"))).flagged
    assert due_flag(REQUEST, TIME, next_regular=later, assigned=Meeting(
        "W3", MeetingKind.WRITTEN, window=open_written_vote(RULES, CLOCK, at=at(2026, 9, 22, 9), by="x"))).flagged
    # on a regular meeting after the due day: still flagged
    assert due_flag(REQUEST, TIME, next_regular=date(2026, 9, 10), assigned=regular(date(2026, 10, 1))).flagged


def test_an_answered_item_or_one_without_a_due_date_is_not_flagged():
    assert due_flag(None, TIME, next_regular=None).code == "NO_DUE_DATE"
    answered = REQUEST.stop(at=at(2026, 9, 1, 15), by="2026002")
    assert not due_flag(answered, TIME, next_regular=None).flagged


def test_the_next_regular_meeting():
    meetings = [regular(date(2026, 6, 15)), regular(date(2026, 11, 20)), regular(date(2026, 7, 20)),
                Meeting("A", MeetingKind.AD_HOC, held_on=date(2026, 9, 1))]
    assert next_regular_meeting(meetings, after=date(2026, 7, 1)) == date(2026, 7, 20)
    assert next_regular_meeting(meetings, after=date(2026, 11, 21)) is None


def test_a_meeting_has_its_day_or_its_window():
    with pytest.raises(InvalidInput):
        Meeting("W", MeetingKind.WRITTEN, held_on=date(2026, 9, 1))
    with pytest.raises(InvalidInput):
        Meeting("A", MeetingKind.AD_HOC)


def test_written_votes_count_only_inside_the_window():
    # opened Fri 2026-09-18 10:00: day 7 is Fri 09-25 (Chuseok) → Sat, Sun → the window ends with Mon 09-28
    window = open_written_vote(RULES, CLOCK, at=at(2026, 9, 18, 10), by="2026002")
    assert window.due_day(TIME) == date(2026, 9, 28)
    ensure_in_window(window, TIME, at=at(2026, 9, 18, 10))
    ensure_in_window(window, TIME, at=at(2026, 9, 28, 23, 59))
    for moment, code in [(at(2026, 9, 18, 9, 59), "WRITTEN_VOTE_NOT_OPEN"), (at(2026, 9, 29), "WRITTEN_VOTE_CLOSED")]:
        with pytest.raises(RuleViolation) as error:
            ensure_in_window(window, TIME, at=moment)
        assert error.value.code == code
    closed = window.stop(at=at(2026, 9, 22, 12), by="2026002", reason="전원 회신")
    with pytest.raises(RuleViolation) as error:
        ensure_in_window(closed, TIME, at=at(2026, 9, 22, 13))
    assert error.value.code == "WRITTEN_VOTE_CLOSED"
    assert Meeting("W", MeetingKind.WRITTEN, window=closed).ends_on(TIME) == date(2026, 9, 22)


def test_the_audit_heads_opinion_is_due_in_10_days_across_the_substitute_holiday():
    # asked Wed 2026-09-23: day 1 is 09-24 (Chuseok eve), day 10 is Sat 10-03 → Sun, Mon 10-05 substitute holiday
    # → due with Tue 2026-10-06
    opinion = ask_audit_head(RULES, CLOCK, at=at(2026, 9, 23, 15), by="CHAIR")
    assert opinion.period == "audit_head_opinion" and opinion.due_day(TIME) == date(2026, 10, 6)


def test_the_audit_heads_opinion_is_extended_once_by_10_days():
    opinion = ask_audit_head(RULES, CLOCK, at=at(2026, 9, 23, 15), by="CHAIR")
    extended = extend_audit_head(opinion, TIME, at=at(2026, 10, 5, 10), by="CHAIR", reason="자료 보완")
    # 20 days from 09-23: day 20 is Tue 10-13
    assert extended.length == 20 and extended.due_day(TIME) == date(2026, 10, 13)
    with pytest.raises(RuleViolation) as error:
        extend_audit_head(extended, TIME, at=at(2026, 10, 8, 10), by="CHAIR", reason="한 번 더")
    assert error.value.code == "AUDIT_OPINION_EXTENDED_ONCE"
    with pytest.raises(RuleViolation) as error:  # after the period ran out: the clock refuses
        extend_audit_head(opinion, TIME, at=at(2026, 10, 7, 10), by="CHAIR", reason="늦은 연장")
    assert error.value.code == "PERIOD_EXPIRED"


def test_a_written_meetings_attendance_is_the_replies_in_its_window():
    from committee.rules.schedule import written_attendance
    from committee.rules.sitting import Sitting, quorum
    from committee.rules.votes import Choice, MotionVote, Outcome, tally_motion

    from .helpers import roster

    members = roster()
    sitting = Sitting("W1", members[0], tuple(members[1:]))  # 10
    window = open_written_vote(RULES, CLOCK, at=at(2026, 9, 18, 10), by="2026002")  # through Mon 09-28
    replies = [MotionVote("I1", m.member_id, Choice.FOR, cast_at=at(2026, 9, 21 + i % 3, 11))
               for i, m in enumerate(members[:6])]
    present = written_attendance(replies, window, TIME)
    assert present == {m.member_id for m in members[:6]}
    q = quorum(sitting, present, (), RULES.quorum)
    assert q.met and tally_motion("I1", replies, q, RULES).outcome is Outcome.PASSED
    late = MotionVote("I1", members[6].member_id, Choice.AGAINST, cast_at=at(2026, 9, 29, 9))
    with pytest.raises(RuleViolation) as error:
        written_attendance([*replies, late], window, TIME)
    assert error.value.code == "WRITTEN_VOTE_CLOSED"
    with pytest.raises(InvalidInput) as error:
        written_attendance([MotionVote("I1", "C1", Choice.FOR)], window, TIME)
    assert error.value.code == "WRITTEN_VOTE_TIME_REQUIRED"
