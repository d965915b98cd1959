"""The monthly status check: on the 1st (09:00 KST, `job_status_check.py`) the audit head is sent, per department,
every open case whose statutory period is more than half gone, every case whose period is paused (a field
investigation: shown as if the pause ended now, or at its limit once that passed) and every case no period runs for
(anonymous, audit-initiated), as `ComplaintsStatusChecked` — once a month, a rerun publishes nothing; it also carries
the reveal log's chain head, so the bus's archive holds a digest of the log each month that no table edit can
reach. The open cases come from one Query of the sparse open-cases index (closed cases leave it), then each by its
key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.clock import now, to_kst
from common.identity import Role
from complaints import clocks
from complaints.rules.status_check import NONE, PAUSED, OpenCase, past_half
from complaints.storage import cases as stored
from contracts.complaints import ComplaintsStatusChecked, DepartmentStatus, OverdueShare


def run(at: datetime | None = None) -> dict[str, Any]:
    moment = to_kst(at or now())
    month = moment.strftime("%Y-%m")
    open_cases = [_open_case(case, moment) for case in stored.open_cases()]
    found = past_half(open_cases, moment)
    head = stored.reveal_chain_item()
    event = ComplaintsStatusChecked(
        reveal_log_head=head.digest if head else None, reveal_log_entries=int(head.entries) if head else 0,
        month=month, as_of=moment.isoformat(), open_cases=len(open_cases), offices=[Role.AUDIT_HEAD.value],
        departments=[DepartmentStatus(department=department, cases=[_shown(case, share) for case, share in rows])
                     for department, rows in found.items()])
    listed = sum(len(rows) for rows in found.values())
    published = stored.record_status_check(month, [event.envelope()], at=moment.isoformat(),
                                           open_cases=len(open_cases), listed=listed)
    return {"month": month, "open": len(open_cases), "listed": listed, "published": int(published)}


def _open_case(case: Any, moment: datetime) -> OpenCase:
    clock = clocks.read(case)
    department = case.rerouted_to or case.department or case.official_department
    opened = datetime.fromisoformat(case.created_at)
    if clock is None:
        return OpenCase(case.case_id, case.status, None, department, None, None, state=NONE, opened_at=opened)
    until = None
    as_of = None
    if clock.state == PAUSED:  # a field investigation: the days count again once its limit passed
        limit = (case.field_investigation or {}).get("until")
        until = datetime.fromisoformat(limit) if limit else None
        as_of = min(moment, until) if until else moment
    return OpenCase(case.case_id, case.status, clock.period, department, clock.started_at,
                    clock.due_at(clocks.office().statutory, now=as_of), state=clock.state, opened_at=opened,
                    paused_until=until)


def _shown(case: OpenCase, share: float | None) -> OverdueShare:
    return OverdueShare(case_id=case.case_id, status=case.status, period=case.period,
                        due_at=case.due_at.isoformat() if case.due_at else None, elapsed=share,
                        clock_state=case.state, open_since=case.opened_at.isoformat() if case.opened_at else None,
                        paused_until=case.paused_until.isoformat() if case.paused_until else None)
