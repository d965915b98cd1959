"""What every consulting case shares: its id, who may see it (its department, the office that handles its kind),
its listing, its answer clock and deadline alarm, and each move written with its history entry and events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import uuid4

from common import deadlines
from common.clock import now
from common.county import county
from common.dynamo import Page
from common.errors import Forbidden, NotFound
from common.events import EventEnvelope
from common.identity import Caller
from common.offices import Duty
from common.statutory import CaseClock, Office, StatutoryTime
from consulting import staff
from consulting.clients import notifications
from consulting.models import CaseOut, CommitteeAnswerOut
from consulting.rules import clocks
from consulting.rules.conflicts import check_not_own
from consulting.rules.lifecycle import Move
from consulting.rules.offices import may, require, roles
from consulting.storage import cases as stored
from consulting.storage.items import PERSONAL, PREFIXES, CaseItem, DecisionItem, OpinionItem
from contracts.committee import CommitteeResolved

# the offices that handle (and see every case of) each kind, beside the case's own department; the audit office
# (consulting.screening) sees every kind (issue #13: "the audit office all"), never the protection officer's log
HANDLERS: dict[str, tuple[Duty, ...]] = {
    "pre_consulting": (Duty.CONSULTING_SCREENING, Duty.CONSULTING_ESCALATION),
    "opinion_request": (Duty.CONSULTING_OPINION_SCREENING, Duty.CONSULTING_SCREENING),
    "ratification": (Duty.CONSULTING_OPINION_SCREENING, Duty.CONSULTING_SCREENING),
    "exemption": (Duty.CONSULTING_EXEMPTION, Duty.CONSULTING_SCREENING, Duty.CONSULTING_PROTECTION),
    "litigation": (Duty.CONSULTING_LITIGATION, Duty.CONSULTING_PROTECTION, Duty.CONSULTING_SCREENING),
    "indemnity": (Duty.CONSULTING_LITIGATION, Duty.CONSULTING_PROTECTION, Duty.CONSULTING_SCREENING),
}
SYSTEM = Caller(subject="system")  # a move the committee's event makes
# the moves the requester is told of (their Korean label)
NOTIFIED = {"refuse": "반려", "accept": "접수", "request_supplement": "보완 요청", "issue_opinion": "의견 회신",
            "resolved": "위원회 의결", "decide": "면책 결정"}
OUTCOMES_KO = {"passed": "가결", "rejected": "부결", "resolved": "의결", "undecided": "의결되지 않음"}
NAMES_KO = {"pre_consulting": "사전컨설팅", "opinion_request": "의견제시 요청", "ratification": "사후 추인",
            "exemption": "면책 신청", "litigation": "소송 등 지원", "indemnity": "구상권 결정"}


def new_id(kind: str) -> str:
    return PREFIXES[kind] + uuid4().hex


def office() -> Office:
    return Office.of(county())


def statutory_time() -> StatutoryTime:
    return office().statutory


def by(who: Caller) -> str:
    return who.employee_no or who.subject


def department_of(who: Caller) -> str:
    """A filer: staff with a department (a case is filed in its department's name)."""
    if not who.is_staff or not who.department:
        raise Forbidden("부서에 속한 직원만 신청할 수 있습니다.", code="NOT_DEPARTMENT_STAFF")
    return who.department


def handles(who: Caller, kind: str) -> bool:
    return any(may(who, duty) for duty in HANDLERS[kind])


def get(case_id: str, kind: str) -> CaseItem:
    case = stored.get(case_id)
    if case is None or case.kind != kind:
        raise NotFound(f"{NAMES_KO[kind]} 건이 없습니다.", code="CASE_NOT_FOUND", details={"case_id": case_id})
    return case


def read(who: Caller, case_id: str, kind: str) -> CaseItem:
    """The case, for its department's staff (an official's own file: the official) and the offices that handle its
    kind."""
    case = get(case_id, kind)
    if handles(who, kind):
        return case
    if kind in PERSONAL:
        if who.is_staff and who.employee_no == case.requester:
            return case
        raise Forbidden("본인의 신청만 볼 수 있습니다.", code="NOT_YOURS")
    if who.is_staff and who.department == case.department:
        return case
    raise Forbidden("다른 부서의 건은 볼 수 없습니다.", code="OTHER_DEPARTMENT")


def for_office(who: Caller, case_id: str, kind: str, duty: Duty, *, own_department_barred: bool = True) -> CaseItem:
    """The case, for a move the office doing `duty` makes on it: never on the actor's own case, nor (unless
    `own_department_barred` is False) on one from the actor's department as the directory has it."""
    require(who, duty)
    case = get(case_id, kind)
    not_own(who, case, duty, own_department_barred=own_department_barred)
    return case


def not_own(who: Caller, case: CaseItem | OpinionItem, duty: Duty, *, own_department_barred: bool = True) -> None:
    """`who`, acting for the office doing `duty`, is not the case's (or a registered opinion's) requester, nor in its
    department."""
    check_not_own(actor=who.employee_no, actor_department=staff.department_of(who.employee_no)
                  if own_department_barred else None, requester=case.requester,
                  department=case.department if own_department_barred else None, offices=roles(duty),
                  case_id=case.case_id)


def own_department(who: Caller, case_id: str, kind: str) -> CaseItem:
    """The case, for a move its department makes (보완 제출, 조치 결과 보고)."""
    case = get(case_id, kind)
    if not who.is_staff or who.department != case.department:
        raise Forbidden("신청한 부서만 할 수 있습니다.", code="NOT_YOUR_DEPARTMENT")
    return case


def listing(who: Caller, kind: str, *, department: str | None, limit: int, token: str | None) -> Page:
    """A handler's list (every department, or one), or the caller's own department's."""
    if handles(who, kind):
        return stored.of_department(kind, department, limit, token) if department else stored.every(kind, limit,
                                                                                                  token)
    if not who.is_staff or not who.department:
        raise Forbidden("직원만 조회할 수 있습니다.", code="NOT_STAFF")
    if kind in PERSONAL:
        return stored.of_owner(kind, who.employee_no or "", limit, token)
    if department not in (None, who.department):
        raise Forbidden("다른 부서의 건은 볼 수 없습니다.", code="OTHER_DEPARTMENT")
    return stored.of_department(kind, who.department, limit, token)


def file(case: CaseItem, clock: CaseClock | None, events: Sequence[EventEnvelope]) -> CaseItem:
    """A new case, with its answer clock's first alarm, and its events."""
    if clock is not None:
        case.clock = clock.model_dump_json()
    alarm = deadlines.first_alarm(clock, office()) if clock is not None else None
    stored.file(case, alarm, events)
    return case


def apply(who: Caller, case: CaseItem, action: str, move: Move, *, reason: str, changes: dict[str, Any] | None = None,
          note: str | None = None, events: Sequence[EventEnvelope] = (), opinion: OpinionItem | None = None,
          at: datetime | None = None, actor: str | None = None, acted: tuple[str | None, str] | None = None,
          decision: DecisionItem | None = None, alarm_clock: CaseClock | None = None,
          report: tuple[Any, datetime | None] | None = None) -> CaseItem:
    """Write `move` of the case as read: its status, its clock moved (and the alarm with it), a history entry;
    `alarm_clock`: another clock the case's alarm follows meanwhile (the department's 보완 period while the answer
    clock is paused)."""
    moment = at or now()
    changes = {"status": move.after, **(changes or {})}
    alarm: datetime | bool | None = False
    if case.clock and move.clock:
        clock = clocks.moved(CaseClock.stored(case.clock), move.clock, at=moment,
                             by=actor or by(who), reason=reason)
        changes["clock"] = clock.model_dump_json()
        alarm = deadlines.next_alarm(clock, office(), after=moment)
    if alarm_clock is not None:
        alarm = deadlines.first_alarm(alarm_clock, office())
    entry = {"action": action, "from": move.before, "to": move.after, "at": moment.isoformat(),
             "by": actor or by(who), **({"note": note} if note else {})}
    stored.change(case, changes, entry=entry, alarm_at=alarm, events=events, opinion=opinion, decision=decision,
                  report=report,
                  acted=(acted[0], acted[1], actor or by(who)) if acted and acted[0] else None)
    if action in NOTIFIED:  # after the write: a move that did not happen tells no one
        notify(case, f"{NAMES_KO[case.kind]} {NOTIFIED[action]}", note or (opinion.text if opinion else reason))
    return stored.get(case.case_id) or case


def committee_answer(event: CommitteeResolved) -> dict[str, Any]:
    """The change that keeps the committee's answer on the case: its outcome and tally, and the audit head's
    opinion given on the item (the requester and the audit office read both in the case)."""
    return {"committee": {"item_id": event.item_id, "meeting_id": event.meeting_id, "outcome": event.outcome,
                          "counts": dict(event.counts), "resolved_on": event.resolved_on.isoformat(),
                          "audit_head_opinion": event.audit_head_opinion}}


def notify(case: CaseItem, subject: str, text: str) -> None:
    """Tell the case's requester and department (the notification port)."""
    notifications.send(notifications.Notice(employee_no=case.requester, department=case.department,
                                            case_id=case.case_id, subject=subject, text=text))


def view(case: CaseItem, *, full: bool = True) -> CaseOut:
    """What the API shows of a case (its due day counted by the shared clock)."""
    due = clock_state = supplement_due = None
    if case.clock:
        clock = CaseClock.stored(case.clock)
        due, clock_state = clock.due_day(statutory_time(), now=now()), clock.state
    if case.supplement_clock:
        supplement_due = CaseClock.stored(case.supplement_clock).due_day(statutory_time(), now=now())
    shown = CaseOut(**case.fields("case_id", "kind", "status", "department", "requester", "title", "matter_code",
                                  "filed_at", "refusal_reason", "refusal_message", "outcome", "opinion_id"),
                    due_day=due, clock_state=clock_state, supplement_due_day=supplement_due)
    if not full:
        return shown
    return shown.model_copy(update={
        "rules_in_question": case.rules_in_question, "own_review": case.own_review,
        "documents": list(case.documents or []), "private_interest": case.private_interest,
        "information_complete": case.information_complete, "importance": case.importance,
        "urgency": case.urgency, "pre_consulting_id": case.pre_consulting_id,
        "escalation_grounds": list(case.escalation_grounds) if case.escalation_grounds else None,
        "province_answer": case.province_answer, "advice_outcome": case.advice_outcome,
        "requirements": json.loads(case.requirements) if case.requirements else None,
        "action_report": case.action_report, "history": stored.history(case), "committee": _committee(case)})


def _committee(case: CaseItem) -> CommitteeAnswerOut | None:
    if not case.committee:
        return None
    outcome = case.committee["outcome"]
    return CommitteeAnswerOut(**case.committee, outcome_label=OUTCOMES_KO.get(outcome, outcome))
