"""HR's period for a cycle's incentives (the demo: 20 working days, reminders 5 and 1 before): started when the unit
requests them, stopped when the last is granted; the daily job reminds and reports a miss once each."""

from __future__ import annotations

from datetime import timedelta

from common.statutory import CaseClock
from selection import awards
from selection.storage import cycles
from tests.builders import LambdaContext, outbox, typed


def due_of(cycle_id: str):
    clock = CaseClock.model_validate_json(cycles.get(cycle_id).grant_clock)
    return clock.due_at(awards.office().statutory)


def raised() -> list:
    return [typed(e) for e in outbox("selection") if e.detail_type.startswith("SelectionDeadline")]


def test_incentives_awaiting_hr_are_reminded_then_missed_once_each(api):
    cycle_id = api.awarded(2027, requested=True)
    due = due_of(cycle_id)
    assert awards.raise_deadline_alarms(due - timedelta(days=12))["due"] == 0  # before the first reminder
    assert awards.raise_deadline_alarms(due - timedelta(hours=30))["approaching"] == 1
    assert awards.raise_deadline_alarms(due - timedelta(hours=30))["due"] == 0  # a rerun: nothing again
    assert awards.raise_deadline_alarms(due + timedelta(hours=1))["missed"] == 1
    assert awards.raise_deadline_alarms(due + timedelta(days=3))["due"] == 0
    assert [(e.detail_type(), e.cycle_id, e.pending, e.offices, e.period) for e in raised()] == [
        ("SelectionDeadlineApproaching", cycle_id, ["E4"], ["hr"], "selection_incentive_grant"),
        ("SelectionDeadlineMissed", cycle_id, ["E4"], ["hr"], "selection_incentive_grant")]


def test_the_last_grant_stops_the_clock_and_the_job_raises_nothing(api):
    from selection import job_deadlines

    cycle_id = api.awarded(2027, granted=True)
    assert CaseClock.model_validate_json(cycles.get(cycle_id).grant_clock).state == "stopped"
    assert job_deadlines.handler({}, LambdaContext())["due"] == 0
    assert awards.raise_deadline_alarms(due_of(cycle_id) + timedelta(days=1))["due"] == 0
    assert raised() == []
