"""The daily deadline job's work (`common.deadlines`): every pre-consulting and opinion request whose alarm has passed
(one index Query per kind, never a Scan) publishes `ConsultingDeadlineApproaching` (a reminder of its period) or
`ConsultingDeadlineMissed`, in the transaction that moves its alarm on — conditional on the alarm read and the case's
version, so a rerun publishes nothing. A paused clock (보완, the province has the case) has no alarm: resuming
arms it."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import partial
from typing import Any

from common import deadlines
from common.clock import now
from common.dynamo import TransactionCancelled
from common.offices import Duty
from common.statutory import CaseClock
from consulting import cases
from consulting.rules.offices import roles
from consulting.storage import cases as stored
from contracts.consulting import ConsultingDeadlineApproaching, ConsultingDeadlineMissed

ACTING: dict[str, Duty] = {"pre_consulting": Duty.CONSULTING_SCREENING,
                           "opinion_request": Duty.CONSULTING_OPINION_SCREENING,
                           stored.BAI_REPORT: Duty.CONSULTING_EXEMPTION}


def raise_deadline_alarms(at: datetime | None = None) -> dict[str, int]:
    """The daily job: each kind's due alarms (one index Query per kind), raised and counted by
    `common.deadlines.raise_each`."""
    moment = at or now()
    counts: Counter[str] = Counter()
    for kind in ACTING:
        raise_one = partial(_raise_report if kind == stored.BAI_REPORT else _raise, kind=kind, moment=moment)
        counts.update(deadlines.raise_each(stored.due_alarms(kind, moment), raise_one))
    return dict(counts)


def _clock(case: Any) -> tuple[CaseClock | None, list[str]]:
    """The clock the case's alarm follows and who acts on it: the department's 보완 period while it is asked (the
    answer clock is paused then; no office: the case's department acts), else the answer period (its office)."""
    if case is None or not case.clock:
        return None, []
    if case.status == "SUPPLEMENT_REQUESTED" and case.supplement_clock:
        return CaseClock.stored(case.supplement_clock), []
    return CaseClock.stored(case.clock), [r.value for r in roles(ACTING[case.kind])]


def _raise(alarm: Any, kind: str, moment: datetime) -> str:
    case = stored.get(alarm.case_id)
    clock, offices = _clock(case)
    found = deadlines.Check(None, None, None)
    if clock is not None:
        found = deadlines.check(clock, cases.office(), now=moment, since=datetime.fromisoformat(alarm.alarm_at))
    event = None
    if found.alarm is not None and found.due_at is not None and case is not None and clock is not None:
        model = ConsultingDeadlineMissed if found.alarm is deadlines.Alarm.MISSED else ConsultingDeadlineApproaching
        event = model(case_kind=kind, case_id=case.case_id, department=case.department, period=clock.period,
                      due_at=found.due_at.isoformat(), offices=offices).envelope()
    try:
        stored.raise_alarm(alarm, case, found.next_at, event)
    except TransactionCancelled:
        return "skipped"  # another run moved the alarm, or the case moved meanwhile: nothing published
    if event is not None and case is not None and (not offices or found.alarm is deadlines.Alarm.MISSED):
        what = "기한 경과" if found.alarm is deadlines.Alarm.MISSED else "기한 임박"
        whose = "보완 제출" if not offices else "회신"
        cases.notify(case, f"{cases.NAMES_KO[kind]} {whose} {what}",
                     f"{whose} 기한 만료 시각: {found.due_at.isoformat()}")
    return found.alarm.value if found.alarm else "moved"


def _raise_report(alarm: Any, kind: str, moment: datetime) -> str:
    """A quarter's BAI report: reminded and missed like a case, to the office that decides exemptions."""
    report = stored.get_report(alarm.case_id)
    found = deadlines.Check(None, None, None)
    clock = CaseClock.stored(report.clock) if report is not None else None
    if clock is not None:
        found = deadlines.check(clock, cases.office(), now=moment, since=datetime.fromisoformat(alarm.alarm_at))
    event = None
    if found.alarm is not None and found.due_at is not None and clock is not None:
        model = ConsultingDeadlineMissed if found.alarm is deadlines.Alarm.MISSED else ConsultingDeadlineApproaching
        event = model(case_kind=kind, case_id=alarm.case_id, department=None, period=clock.period,
                      due_at=found.due_at.isoformat(), offices=[r.value for r in roles(ACTING[kind])]).envelope()
    try:
        stored.raise_report_alarm(alarm, alarm.case_id, found.next_at, event)
    except TransactionCancelled:
        return "skipped"
    return found.alarm.value if found.alarm else "moved"
