"""The daily deadline job (issue #13: "the daily job raises ConsultingDeadlineApproaching / ConsultingDeadlineMissed"):
one index Query per kind; each reminder and the miss once; a rerun publishes nothing; a case waiting on the
department (보완) has no alarm, and resuming arms it again; a stopped clock (the opinion issued) none."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bench.recorder import recording
from common.clock import KST
from consulting import deadlines
from contracts.consulting import ConsultingDeadlineApproaching, ConsultingDeadlineMissed
from tests.builders import outbox, typed


def deadline_events() -> list:
    return [typed(e) for e in outbox("consulting") if e.detail_type.startswith("ConsultingDeadline")]


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), KST)


def test_reminders_then_the_miss_each_once(api):
    case = api.filed()
    due = date.fromisoformat(case["due_day"])

    assert deadlines.raise_deadline_alarms(at(due - timedelta(days=20)))["due"] == 0  # nothing yet
    late = at(due - timedelta(days=1), 17)  # after both reminders (5 and 1 working days before)
    with recording() as calls:
        assert deadlines.raise_deadline_alarms(late)["approaching"] == 1  # the reminders passed together: one
    assert "Scan" not in [op for _, op, _ in calls] and "Query" in [op for _, op, _ in calls]
    assert deadlines.raise_deadline_alarms(late)["approaching"] == 0  # a rerun: nothing new
    after = at(due + timedelta(days=1))
    assert deadlines.raise_deadline_alarms(after)["missed"] == 1
    assert deadlines.raise_deadline_alarms(after + timedelta(days=30))["due"] == 0  # nothing more, ever

    events = deadline_events()
    assert [type(e) for e in events] == [ConsultingDeadlineApproaching, ConsultingDeadlineMissed]
    assert {(e.case_kind, e.case_id, e.period, e.offices[0]) for e in events} == {
        ("pre_consulting", case["case_id"], "pre_consulting_answer", "audit")}
    assert events[1].due_at.startswith((due + timedelta(days=1)).isoformat())  # the end of the last day


def test_a_case_waiting_for_its_supplement_raises_nothing_of_its_answer_and_an_issued_opinion_nothing_more(api):
    case = api.filed()
    due = date.fromisoformat(case["due_day"])
    api.move(case["case_id"], "supplement-request", "A1", {"reason": "보완"})
    deadlines.raise_deadline_alarms(at(due + timedelta(days=5)))  # the answer is paused: only the 보완 period's
    assert {e.period for e in deadline_events()} == {"consulting_supplement"}

    back = api.move(case["case_id"], "resubmission", "R1", {"note": "보완함"})
    assert date.fromisoformat(back["due_day"]) >= due  # the days it waited are not counted
    api.move(case["case_id"], "acceptance", "A1")
    api.move(case["case_id"], "opinion", "A1", {"opinion": "가능"})
    assert deadlines.raise_deadline_alarms(at(due + timedelta(days=60)))["due"] == 0  # stopped: no alarm
    assert {e.period for e in deadline_events()} == {"consulting_supplement"}


def test_an_opinion_request_runs_on_its_own_period_for_the_aa_officer(api):
    case = api.requested()
    due = date.fromisoformat(case["due_day"])
    assert deadlines.raise_deadline_alarms(at(due + timedelta(days=1)))["missed"] == 1
    [missed] = deadline_events()
    assert (missed.case_kind, missed.period, missed.offices) == ("opinion_request", "committee_opinion", ["aa_officer"])


def test_while_the_department_completes_its_request_the_alarm_follows_its_supplement_period(api):
    case_id = api.filed()["case_id"]
    asked = api.move(case_id, "supplement-request", "A1", {"reason": "선례 첨부"})
    supplement_due = date.fromisoformat(asked["supplement_due_day"])

    assert deadlines.raise_deadline_alarms(at(supplement_due - timedelta(days=1), 17))["approaching"] == 1
    assert deadlines.raise_deadline_alarms(at(supplement_due + timedelta(days=1)))["missed"] == 1
    events = deadline_events()
    assert [(type(e), e.period, e.offices, e.department) for e in events] == [
        (ConsultingDeadlineApproaching, "consulting_supplement", [], "FIN"),
        (ConsultingDeadlineMissed, "consulting_supplement", [], "FIN")]

    back = api.move(case_id, "resubmission", "R1", {"note": "첨부함"})  # the answer period's alarm again
    answer_due = date.fromisoformat(back["due_day"])
    assert deadlines.raise_deadline_alarms(at(answer_due + timedelta(days=1)))["missed"] == 1
    assert deadline_events()[-1].period == "pre_consulting_answer"
