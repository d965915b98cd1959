"""Awardees and their incentives: the committee's selection recorded with one `ExcellentOfficialSelected` per
awardee (in one transaction with the cycle's move), then each awardee's plan (the tier's benefits and, for officials,
§14 incentives chosen with their preference) by the unit, requested of HR at once for the cycle (refused while the
exceptional share is unmet), granted by HR with its reference, confirmed by the unit (부여확인). The public results
show awardees' names, departments, tiers and cases — nothing else, and nothing of residents."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

from common import deadlines
from common.clock import now
from common.county import county
from common.dynamo import TransactionCancelled
from common.errors import Conflict, RuleViolation
from common.identity import Caller, Role
from common.statutory import CaseClock, Office
from contracts.committee import CommitteeResolved
from contracts.selection import (
    ExcellentOfficialSelected,
    SelectionDeadlineApproaching,
    SelectionDeadlineMissed,
    SelectionPhaseChanged,
)
from selection import departments, secondment
from selection.rules import eligibility, exports, incentives
from selection.rules import statistics as stats
from selection.rules.offices import hr, require_hr, require_unit, rules, unit
from selection.rules.phases import Phase
from selection.storage import alarms
from selection.storage import candidates as stored
from selection.storage import cycles as cycle_store
from selection.storage import nominations as nomination_store
from selection.storage.items import CandidateItem, CycleItem
from selection.storage.table import transaction

if TYPE_CHECKING:  # request bodies as types only: an event or a job never loads the HTTP bodies
    from selection.models import GrantIn, PlanIn

PLANNED, REQUESTED, GRANTED, CONFIRMED = "PLANNED", "REQUESTED", "GRANTED", "CONFIRMED"


def record(cycle: CycleItem, resolved: CommitteeResolved) -> None:
    """The committee's selection: the candidates it gave a tier become awardees, each with its event."""
    tiers = {c: option for c, option in resolved.selections.items()
             if option is not None and rules().tier(option) is not None and c in (cycle.shortlist or [])}
    departments = {c.employee_no: c.department for c in stored.of_cycle(cycle.cycle_id) if c.employee_no in tiers}
    events = [ExcellentOfficialSelected(selection_id=f"{cycle.cycle_id}:{no}", cycle_id=cycle.cycle_id,
                                        employee_no=no, department=departments.get(no), tier=tier,
                                        resolved_on=resolved.resolved_on).envelope()
              for no, tier in sorted(tiers.items())]
    changed = SelectionPhaseChanged(cycle_id=cycle.cycle_id, phase=Phase.INCENTIVES.value,
                                    previous=Phase.COMMITTEE.value, by="committee", by_hand=False)
    entry = {"phase": Phase.INCENTIVES.value, "at": now().isoformat(), "by": "committee",
             "reason": f"위원회 의결 {resolved.item_id} ({resolved.outcome})"}
    seconded, notices = secondment.at_award(cycle.cycle_id, sorted(tiers))  # §20: their home bodies to notify
    with suppress(Conflict):  # a Conflict: recorded already (the resolution delivered again)
        stored.award(cycle.cycle_id, tiers, current=Phase.COMMITTEE.value, to=Phase.INCENTIVES.value, entry=entry,
                     resolved_on=resolved.resolved_on.isoformat(), events=[*events, changed.envelope()],
                     seconded=seconded, puts=notices)


def _in_incentives(cycle_id: str) -> CycleItem:
    cycle = cycle_store.existing(cycle_id)
    if cycle.phase != Phase.INCENTIVES.value:
        raise Conflict("인센티브 단계의 회차가 아닙니다.", code="WRONG_PHASE", details={"phase": cycle.phase})
    return cycle


def plan(who: Caller, cycle_id: str, employee_no: str, body: PlanIn) -> CandidateItem:
    require_unit(who)
    _in_incentives(cycle_id)
    awardee = stored.awardee(cycle_id, employee_no)
    section = rules()
    if awardee.seconded_from:  # §20: the host recommends §14 incentives to the home body; its HR grants none
        content = secondment.seconded_plan(awardee, incentives=tuple(body.incentives),
                                           preference=tuple(body.preference))
        stored.set_plan(cycle_id, employee_no, plan=content,
                        entry={"status": PLANNED, "at": now().isoformat(), "by": who.employee_no})
        return stored.awardee(cycle_id, employee_no)
    eligible = eligibility.receives_personnel_incentives(awardee.employment_type, section)
    incentives.check_plan(incentives.Plan(employee_no, eligible, tuple(body.incentives), tuple(body.preference),
                                          awardee.flagship_task), section)
    known = {i.code for i in section.incentives}
    if stray := [p for p in body.preference if p not in known]:
        raise RuleViolation("희망 인센티브가 이 지자체의 인센티브가 아닙니다.", code="UNKNOWN_INCENTIVE",
                            details={"preference": stray})
    tier = section.tier(awardee.tier or "")
    content = {"incentives": list(body.incentives), "preference": list(body.preference),
               "personnel_eligible": eligible, "benefits": incentives.benefits(tier) if tier else {}}
    stored.set_plan(cycle_id, employee_no, plan=content,
                    entry={"status": PLANNED, "at": now().isoformat(), "by": who.employee_no})
    return stored.awardee(cycle_id, employee_no)


def request(who: Caller, cycle_id: str) -> list[CandidateItem]:
    """The unit sends every awardee's plan to HR: all planned, and the exceptional share met."""
    require_unit(who)
    _in_incentives(cycle_id)
    found = stored.awardees(cycle_id)
    if missing := [a.employee_no for a in found if a.plan_status != PLANNED]:
        raise RuleViolation("계획이 없거나 이미 요청한 수상자가 있습니다.", code="PLANS_INCOMPLETE",
                            details={"employee_no": missing})
    incentives.check_share([incentives.Plan(a.employee_no, bool(a.plan["personnel_eligible"]),
                                            tuple(a.plan["incentives"])) for a in found], rules())
    section, at, by = rules(), now(), who.employee_no or who.subject
    clock = CaseClock.start(section.incentive_grant_period, county().clock.period(section.incentive_grant_period),
                            at=at, by=by, reason="인센티브 부여 요청")
    first = deadlines.first_alarm(clock, office())
    stored.step_plans(cycle_id, [a.employee_no for a in found], current=PLANNED, to=REQUESTED,
                      entry={"status": REQUESTED, "at": at.isoformat(), "by": by},
                      cycle_actions=[CycleItem.requested_incentives_at.set(at.isoformat()),
                                     CycleItem.grant_clock.set(clock.model_dump_json())],
                      alarm=alarms.alarm_of(cycle_id, first) if first else None)
    return stored.awardees(cycle_id)


def grant(who: Caller, cycle_id: str, employee_no: str, body: GrantIn) -> CandidateItem:
    require_hr(who)
    _in_incentives(cycle_id)
    stored.awardee(cycle_id, employee_no)
    stored.step_plans(cycle_id, [employee_no], current=REQUESTED, to=GRANTED,
                      entry={"status": GRANTED, "at": now().isoformat(), "by": who.employee_no,
                             "reference": body.reference})
    _stop_clock_when_all_granted(cycle_id, by=who.employee_no or who.subject)
    return stored.awardee(cycle_id, employee_no)


def _stop_clock_when_all_granted(cycle_id: str, *, by: str) -> None:
    cycle = cycle_store.get(cycle_id)
    if cycle is None or cycle.grant_clock is None or any(a.plan_status == REQUESTED
                                                         for a in stored.awardees(cycle_id)):
        return
    clock = CaseClock.stored(cycle.grant_clock)
    if clock.state != "stopped":
        with suppress(Conflict):  # another grant stopped it meanwhile
            alarms.stop(cycle_id, cycle.grant_clock,
                        clock.stop(at=now(), by=by, reason="모든 인센티브 부여").model_dump_json())


def office() -> Office:
    return Office.of(county())


def raise_deadline_alarms(at: datetime | None = None) -> dict[str, int]:
    """The daily deadline job (`common.deadlines`): every cycle whose incentives still await HR and whose alarm has
    passed (one index Query) publishes `SelectionDeadlineApproaching` or `SelectionDeadlineMissed`, in the transaction
    that moves its alarm on, conditional on the alarm and the clock read (a rerun publishes nothing)."""
    moment = at or now()
    counts = deadlines.raise_each(alarms.due_alarms(moment), lambda alarm: _raise_alarm(alarm, moment))
    notices = deadlines.raise_each(secondment.due_alarms(moment), lambda alarm: secondment.raise_alarm(alarm, moment))
    return {kind: counts[kind] + notices[kind] for kind in counts}  # and the seconded awardees' notices (§20)


def _raise_alarm(alarm: Any, moment: datetime) -> str:
    cycle = cycle_store.get(alarm.case_id)
    tx = transaction()
    clock = CaseClock.stored(cycle.grant_clock) if cycle and cycle.grant_clock else None
    if clock is None or clock.state == "stopped":  # granted meanwhile: an orphan alarm, removed
        alarms.move_alarm(tx, alarm, None)
        found = deadlines.Check(None, None, None)
    else:
        found = deadlines.check(clock, office(), now=moment, since=datetime.fromisoformat(alarm.alarm_at))
        alarms.move_alarm(tx, alarm, found.next_at)
        alarms.check_clock(tx, alarm.case_id, cycle.grant_clock)
    if found.alarm is not None and found.due_at is not None:
        model = SelectionDeadlineMissed if found.alarm is deadlines.Alarm.MISSED else SelectionDeadlineApproaching
        pending = sorted(a.employee_no for a in stored.awardees(alarm.case_id) if a.plan_status == REQUESTED)
        tx.event(model(cycle_id=alarm.case_id, period=rules().incentive_grant_period, due_at=found.due_at.isoformat(),
                       offices=[r.value for r in hr()], pending=pending).envelope())
    try:
        tx.commit()
    except TransactionCancelled:
        return "skipped"  # another run moved the alarm, or HR granted meanwhile: nothing published
    return found.alarm.value if found.alarm else "moved"


def confirm(who: Caller, cycle_id: str, employee_no: str) -> CandidateItem:
    require_unit(who)
    _in_incentives(cycle_id)
    stored.awardee(cycle_id, employee_no)
    stored.step_plans(cycle_id, [employee_no], current=GRANTED, to=CONFIRMED,
                      entry={"status": CONFIRMED, "at": now().isoformat(), "by": who.employee_no})
    return stored.awardee(cycle_id, employee_no)


def listing(who: Caller, cycle_id: str) -> list[CandidateItem]:
    """The awardees with their plans (the unit, HR)."""
    who.require(*unit(), *hr())
    return stored.awardees(cycle_id)


def export(who: Caller, cycle_id: str, kind: str = "csv") -> bytes:
    """The awardees as CSV or XLSX (`kind`; the unit, HR): for the ceremony and the contest entry."""
    section = rules()
    names = {i.code: i.name for i in section.incentives}
    rows = []
    found = listing(who, cycle_id)
    notices = secondment.notices(cycle_id, found)
    for a in found:
        tier = section.tier(a.tier or "")
        plan = a.plan or {}
        rows.append((cycle_id, a.employee_no, a.name, a.department or "", tier.name if tier else a.tier, a.case_title,
                     ", ".join(names.get(c, c) for c in plan.get("incentives", [])),
                     tier.rating_points if tier else "", tier.prize_won if tier else "",
                     tier.leave_days if tier else "", a.plan_status or "",
                     *secondment.export_cells(a, notices.get(a.employee_no), names)))
    rows += departments.ceremony_rows(cycle_id)  # 우수사례·우수부서: the department, no employee number
    return exports.awardees_xlsx(rows, title=cycle_id) if kind == "xlsx" else exports.awardees_csv(rows)


def statistics(who: Caller, cycle_id: str) -> dict[str, Any]:
    """A cycle's figures (the unit, the audit office): counts only."""
    who.require(*unit(), Role.AUDIT)
    cycle = cycle_store.existing(cycle_id)
    found = stored.awardees(cycle_id)
    return {"cycle_id": cycle_id, "phase": cycle.phase, **stats.figures(
        nominations=[(n.employee_no, n.channel, n.kind, n.set_aside) for n in nomination_store.of_cycle(cycle_id)],
        candidates=len(stored.of_cycle(cycle_id)),
        turnout={b: v["turnout"] for b, v in cycle.tally["blocs"].items()} if cycle.tally else None,
        awardees=[(a.tier or "", incentives.Plan(a.employee_no, bool(a.plan["personnel_eligible"]),
                                                 tuple(a.plan["incentives"])) if a.plan else None, a.plan_status)
                  for a in found], section=rules()), "departments": departments.figures(cycle_id),
            "seconded": secondment.figures(cycle_id, found)}


def require_all_confirmed(cycle_id: str) -> None:
    found = stored.awardees(cycle_id)
    if pending := [a.employee_no for a in found if a.plan_status != CONFIRMED]:
        raise RuleViolation("부여 확인이 끝나지 않은 수상자가 있습니다.", code="INCENTIVES_PENDING",
                            details={"employee_no": pending})
    if pending := secondment.require_notified(cycle_id, found):
        raise RuleViolation("원소속 기관에 통보하지 않은 파견 공무원 수상자가 있습니다 (운영규정 §20).",
                            code="HOME_BODY_NOTICE_PENDING", details={"employee_no": pending})


def results(cycle_id: str) -> tuple[CycleItem | None, list[tuple[CandidateItem, Any]]]:
    """The public results, once the committee selected: awardees only (None and nothing before, or for no cycle)."""
    cycle = cycle_store.get(cycle_id)
    if cycle is None or cycle.phase not in (Phase.INCENTIVES.value, Phase.CLOSED.value):
        return None, []
    section = rules()
    return cycle, [(a, section.tier(a.tier or "")) for a in stored.awardees(cycle_id)]
