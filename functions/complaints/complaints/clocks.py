"""The statutory clock of a case (`common.statutory.CaseClock` on the case, its alarm beside it): the intake
acknowledgement (8 working hours), then the answer period of the petition type (county file), paused during a field
investigation, extended once with a reason (a second time only with consent), stopped by the decision or the
department's answer. An anonymous sender is not a 민원인: no clock runs for them. The daily job
(`job_deadlines.py`) raises ComplaintsDeadlineApproaching / ComplaintsDeadlineMissed (`common.deadlines`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common import deadlines
from common.clock import now
from common.county import county
from common.identity import Role
from common.statutory import CaseClock, Office
from complaints.rules.offices import rules
from complaints.storage import cases as stored
from contracts.complaints import ComplaintsDeadlineApproaching, ComplaintsDeadlineMissed


def office() -> Office:
    return Office.of(county())


def start(period: str, *, at: datetime, by: str, reason: str | None = None) -> tuple[CaseClock, datetime | None]:
    clock = CaseClock.start(period, county().clock.period(period), at=at, by=by, reason=reason)
    return clock, deadlines.first_alarm(clock, office())


def read(case: Any) -> CaseClock | None:
    return CaseClock.stored(case.clock) if case.clock else None


def next_alarm(clock: CaseClock, at: datetime) -> datetime | None:
    """Where the alarm goes after a change at `at` (None: delete it — the clock is paused or stopped)."""
    if clock.state != "running":
        return None
    return deadlines.next_alarm(clock, office(), after=at) or clock.due_at(office().statutory)


def shown(case: Any) -> dict[str, Any]:
    intake = CaseClock.stored(case.intake_clock) if case.intake_clock else None
    late = intake.overdue_by(office().statutory, now=now()).total_seconds() > 0 if intake else None
    clock = read(case)
    if clock is None:
        return {"due_at": None, "clock_state": None, "extensions": 0, "acknowledged_late": late}
    due = clock.due_at(office().statutory, now=now())
    return {"due_at": due.isoformat(), "clock_state": clock.state, "extensions": len(clock.extensions),
            "acknowledged_late": late}


def raise_deadline_alarms(at: datetime | None = None) -> dict[str, int]:
    """Every case whose alarm has passed (one index Query): the event in the transaction that moves its alarm,
    conditional on the alarm and the case read (a rerun publishes nothing)."""
    moment = at or now()
    return deadlines.raise_each(stored.due_alarms(moment), lambda alarm: _raise(alarm, moment))


def _raise(alarm: Any, moment: datetime) -> str:
    case = stored.get_case(alarm.case_id)
    clock = read(case) if case is not None else None
    if clock is None:
        stored.move_alarm(alarm, None, None, ())
        return "moved"
    found = deadlines.check(clock, office(), now=moment, since=datetime.fromisoformat(alarm.alarm_at))
    events = []
    if found.alarm is not None and found.due_at is not None:
        missed = found.alarm is deadlines.Alarm.MISSED
        model = ComplaintsDeadlineMissed if missed else ComplaintsDeadlineApproaching
        offices = [Role.DEPT_HEAD.value] if case.rerouted_to else [r.value for r in _acting(case)]
        if missed and Role.AUDIT_HEAD.value not in offices:  # overdue: escalated to the audit head
            offices.append(Role.AUDIT_HEAD.value)
        events.append(model(case_id=case.case_id, period=clock.period, due_at=found.due_at.isoformat(),
                            status=case.status, investigator=case.investigator, department=case.rerouted_to,
                            offices=offices).envelope())
    if not stored.move_alarm(alarm, found.next_at, case, events):
        return "skipped"
    return found.alarm.value if found.alarm else "moved"


def _acting(case: Any) -> tuple[Any, ...]:
    from common.offices import Duty
    from complaints.rules.offices import roles

    rules()  # a county without the section runs no job
    return roles(Duty.COMPLAINTS_INVESTIGATION if case.investigator else Duty.COMPLAINTS_INTAKE)
