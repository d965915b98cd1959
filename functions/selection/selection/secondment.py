"""Seconded officials (파견, 운영규정 §20): the host county selects them and notifies their home body.

The directory's roster says who is seconded (`파견원소속`, carried by its employee events into the staff projection).
When the committee's selection is recorded, each seconded awardee is marked with their home body and gets a notice
record whose clock (`selection.home_body_notice_period`, from the resolution) runs until the unit records the
notice it sent — document number, day sent, the §14 incentives the county recommends (the awardee's plan) — once; a
repeat answers the same record. The home body's answer (what it granted, its reference, the day) may follow, once.
The daily deadline job raises `SelectionDeadlineApproaching` / `SelectionDeadlineMissed` for a notice not sent
(`period`: the notice period, `offices`: the unit). Nothing is published when a notice is recorded: no other area
acts on it (the home body is outside the system)."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

from common import deadlines
from common.clock import now, today
from common.county import county
from common.dynamo import TransactionCancelled
from common.errors import Conflict, NotFound
from common.identity import Caller
from common.statutory import CaseClock, Office
from contracts.selection import SelectionDeadlineApproaching, SelectionDeadlineMissed
from selection.rules import eligibility
from selection.rules import secondment as rule
from selection.rules.offices import require_unit, rules, unit
from selection.storage import candidates as candidate_store
from selection.storage import secondment as stored
from selection.storage.items import CandidateItem, NoticeItem
from selection.storage.table import transaction

if TYPE_CHECKING:  # request bodies as types only: an event or a job never loads the HTTP bodies
    from selection.models import HomeBodyAnswerIn, HomeBodyNoticeIn


# ------------------------------------------------------------------ the committee's selection
def at_award(cycle_id: str, employee_nos: list[str]) -> tuple[dict[str, str], list[Any]]:
    """The awardees seconded from another body (employee no → home body, from the staff projection) and, for each,
    the notice record with its clock started now and its first alarm: put in the award's own transaction."""
    seconded = stored.home_bodies(employee_nos)
    section, at = rules(), now()
    puts: list[Any] = []
    for employee_no, home_body in sorted(seconded.items()):
        clock = CaseClock.start(section.home_body_notice_period, county().clock.period(section.home_body_notice_period),
                                at=at, by="committee", reason="위원회 의결: 파견 공무원 원소속 기관 통보")
        puts.append(NoticeItem.of(cycle_id, employee_no, home_body=home_body, clock=clock.model_dump_json()))
        if (first := deadlines.first_alarm(clock, _office())) is not None:
            puts.append(stored.alarm_of(cycle_id, employee_no, first))
    return seconded, puts


# ------------------------------------------------------------------ the notice and the answer
def record_notice(who: Caller, cycle_id: str, employee_no: str, body: HomeBodyNoticeIn) -> NoticeItem:
    """The unit records the notice sent to the home body, once (a repeat answers the record as it is)."""
    require_unit(who)
    awardee = _seconded_awardee(cycle_id, employee_no)
    found = _notice(cycle_id, employee_no)
    if found.notice is not None:
        return found
    if not awardee.plan:
        raise Conflict("원소속 기관에 권고할 인센티브 계획을 먼저 세워 주세요.", code="PLAN_REQUIRED",
                       details={"employee_no": employee_no})
    rule.check_sent_on(body.sent_on, resolved_on=_resolved_on(cycle_id), today=today())
    at, by = now(), who.employee_no or who.subject
    notice = {"document_no": body.document_no, "sent_on": body.sent_on.isoformat(),
              "recommended": list(awardee.plan.get("recommended", [])),
              "preference": list(awardee.plan.get("preference", [])), "recorded_at": at.isoformat(), "by": by}
    stopped = CaseClock.stored(found.clock).stop(at=at, by=by, reason="원소속 기관 통보")
    with suppress(TransactionCancelled):  # recorded by another request meanwhile: theirs is the record
        stored.send(found, notice, stopped.model_dump_json())
    return _notice(cycle_id, employee_no)


def record_answer(who: Caller, cycle_id: str, employee_no: str, body: HomeBodyAnswerIn) -> NoticeItem:
    """The home body's answer (what it granted, its reference, the day), once, after the notice."""
    require_unit(who)
    _seconded_awardee(cycle_id, employee_no)
    found = _notice(cycle_id, employee_no)
    if found.answer is not None:
        return found
    if found.notice is None:
        raise Conflict("원소속 기관 통보를 먼저 기록해 주세요.", code="NOTICE_NOT_SENT",
                       details={"employee_no": employee_no})
    rule.check_answered_on(body.answered_on, sent_on=datetime.fromisoformat(found.notice["sent_on"]).date(),
                           today=today())
    answer = {"granted": list(body.granted), "reference": body.reference, "answered_on": body.answered_on.isoformat(),
              "recorded_at": now().isoformat(), "by": who.employee_no or who.subject}
    with suppress(Conflict):  # answered by another request meanwhile: theirs is the record
        stored.answer(found, answer)
    return _notice(cycle_id, employee_no)


def notices(cycle_id: str, awardees: list[CandidateItem]) -> dict[str, NoticeItem]:
    """The notice records of a cycle's seconded awardees (one BatchGet)."""
    return stored.notices(cycle_id, [a.employee_no for a in awardees if a.seconded_from])


def notice_view(item: NoticeItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    clock = CaseClock.stored(item.clock)
    return {"home_body": item.home_body, "state": rule.state(item.notice, item.answer),
            "due_at": clock.due_at(_office().statutory).isoformat(), "notice": item.notice, "answer": item.answer}


def figures(cycle_id: str, awardees: list[CandidateItem]) -> dict[str, int]:
    found = notices(cycle_id, awardees)
    return rule.figures(rule.state(n.notice, n.answer) for n in found.values())


def require_notified(cycle_id: str, awardees: list[CandidateItem]) -> list[str]:
    """The seconded awardees whose home body is not notified yet (the cycle does not close before)."""
    found = notices(cycle_id, awardees)
    return sorted(no for no, n in found.items() if n.notice is None)


def seconded_plan(awardee: CandidateItem, *, incentives: tuple[str, ...], preference: tuple[str, ...]) -> dict:
    """The plan of a seconded awardee (no incentive for the county's HR; the recommendation to the home body); not
    once the notice, which carries the recommendation, was sent."""
    found = stored.get(awardee.cycle_id, awardee.employee_no)
    if found is not None and found.notice is not None:
        raise Conflict("원소속 기관에 통보한 뒤에는 권고 인센티브를 바꿀 수 없습니다.", code="NOTICE_SENT",
                       details={"document_no": found.notice["document_no"]})
    section = rules()
    return rule.plan(awardee.employee_no, home_body=awardee.seconded_from or "", tier=section.tier(awardee.tier or ""),
                     recommended=incentives, preference=preference,
                     officials_type=eligibility.receives_personnel_incentives(awardee.employment_type, section),
                     section=section)


def _seconded_awardee(cycle_id: str, employee_no: str) -> CandidateItem:
    found = candidate_store.awardee(cycle_id, employee_no)
    if not found.seconded_from:
        raise Conflict("파견 공무원 수상자가 아닙니다 (원소속 기관 통보는 파견 공무원만).", code="NOT_SECONDED",
                       details={"employee_no": employee_no})
    return found


def _notice(cycle_id: str, employee_no: str) -> NoticeItem:
    found = stored.get(cycle_id, employee_no)
    if found is None:  # a seconded awardee always has one (written with the award)
        raise NotFound("원소속 기관 통보 기록이 없습니다.", code="NOTICE_NOT_FOUND",
                       details={"employee_no": employee_no})
    return found


def _resolved_on(cycle_id: str):
    from selection.storage import cycles as cycle_store

    cycle = cycle_store.get(cycle_id)
    return datetime.fromisoformat(cycle.resolved_on).date() if cycle and cycle.resolved_on else None


def _office() -> Office:
    return Office.of(county())


# ------------------------------------------------------------------ the daily deadline job
def due_alarms(moment: datetime) -> Any:
    return stored.due_alarms(moment)


def raise_alarm(alarm: Any, moment: datetime) -> str:
    """One notice's alarm: approaching or missed while not sent, published with the alarm's move (conditional on the
    alarm and the clock read: a rerun publishes nothing); a notice sent meanwhile only loses its alarm."""
    found = stored.get_by_pk(alarm.pk)
    tx = transaction()
    clock = CaseClock.stored(found.clock) if found else None
    if found is None or clock is None or clock.state == "stopped":
        deadlines.move(tx, alarm, None)
        check = deadlines.Check(None, None, None)
    else:
        check = deadlines.check(clock, _office(), now=moment, since=datetime.fromisoformat(alarm.alarm_at))
        deadlines.move(tx, alarm, check.next_at)
        stored.check_clock(tx, found)
    if check.alarm is not None and check.due_at is not None:
        model = SelectionDeadlineMissed if check.alarm is deadlines.Alarm.MISSED else SelectionDeadlineApproaching
        tx.event(model(cycle_id=found.cycle_id, period=rules().home_body_notice_period,
                       due_at=check.due_at.isoformat(), offices=[r.value for r in unit()],
                       pending=[found.employee_no]).envelope())
    try:
        tx.commit()
    except TransactionCancelled:
        return "skipped"
    return check.alarm.value if check.alarm else "moved"


def export_cells(awardee: CandidateItem, notice: NoticeItem | None, names: dict[str, str]) -> tuple[str, str]:
    """The awardees' file's last two cells: the home body, and the notice (document no and day, the incentives
    recommended) or that it is not sent; empty for the county's own staff."""
    if not awardee.seconded_from:
        return "", ""
    if notice is None or notice.notice is None:
        return awardee.seconded_from, "미통보"
    sent = notice.notice
    recommended = ", ".join(names.get(c, c) for c in sent.get("recommended", []))
    return awardee.seconded_from, f"{sent['document_no']} ({sent['sent_on']}) 권고: {recommended or '없음'}"
