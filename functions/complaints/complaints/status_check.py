"""The monthly status check: on the 1st (09:00 KST, `job_status_check.py`) every open case whose statutory period
is more than half gone, per department, goes to the audit head as `ComplaintsStatusChecked` — once a month, a rerun
publishes nothing; it also carries the reveal log's chain head, so the bus's archive holds a digest of the log
each month that no table edit can reach. Cases with a running clock only (each has its alarm: one index Query); a
case whose clock is paused (field investigation) or that has none (anonymous, audit-initiated) has no period running
to report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.clock import now, to_kst
from common.identity import Role
from complaints import clocks
from complaints.rules.status_check import OpenCase, past_half
from complaints.storage import cases as stored
from contracts.complaints import ComplaintsStatusChecked, DepartmentStatus, OverdueShare


def run(at: datetime | None = None) -> dict[str, Any]:
    moment = to_kst(at or now())
    month = moment.strftime("%Y-%m")
    open_cases = [case for case in map(_open_case, list(stored.running_alarms())) if case is not None]
    found = past_half(open_cases, moment)
    head = stored.reveal_chain_item()
    event = ComplaintsStatusChecked(
        reveal_log_head=head.digest if head else None, reveal_log_entries=int(head.entries) if head else 0,
        month=month, as_of=moment.isoformat(), open_cases=len(open_cases), offices=[Role.AUDIT_HEAD.value],
        departments=[DepartmentStatus(department=department, cases=[
            OverdueShare(case_id=case.case_id, status=case.status, period=case.period,
                         due_at=case.due_at.isoformat(), elapsed=share) for case, share in rows])
            for department, rows in found.items()])
    listed = sum(len(rows) for rows in found.values())
    published = stored.record_status_check(month, [event.envelope()], at=moment.isoformat(),
                                           open_cases=len(open_cases), listed=listed)
    return {"month": month, "open": len(open_cases), "listed": listed, "published": int(published)}


def _open_case(alarm: Any) -> OpenCase | None:
    case = stored.get_case(alarm.case_id)
    clock = clocks.read(case) if case is not None else None
    if clock is None or clock.state != "running":
        return None
    return OpenCase(case_id=case.case_id, status=case.status, period=clock.period,
                    department=case.rerouted_to or case.department or case.official_department,
                    started_at=clock.started_at, due_at=clock.due_at(clocks.office().statutory))
