"""Excellent-case and excellent-department awards (우수사례·우수부서: seed 002's 우수사례 경진대회, twice a year; the
department of a winning case gets prize money and other benefits), in the officials' cycle with a department as the
nominee: cases during NOMINATION (a contest result entered by the unit, or a head's own department's case), the
unit's review (an exclusion by hand with a reason, until VOTING fixes the list), the committee at COMMITTEE as its
own selection item beside the officials' shortlist, one `ExcellentDepartmentSelected` per awarded case, the prize
requested and paid by the unit. No vote: the contest or the review ranks the cases."""

from __future__ import annotations

import json
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from common.clock import now
from common.errors import Conflict, NotFound, RuleViolation
from common.events import EventEnvelope
from common.identity import Caller, Role
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind, StaffParty
from contracts.selection import ExcellentDepartmentSelected
from selection import staff
from selection.rules import departments as rules_of
from selection.rules import exports
from selection.rules.departments import AWARDED, CONTEST, STEP_OF
from selection.rules.offices import require_unit, rules
from selection.rules.phases import Phase
from selection.storage import cycles as cycle_store
from selection.storage import departments as stored
from selection.storage.items import CycleItem, DepartmentCaseItem

if TYPE_CHECKING:  # request bodies as types only: an event or a job never loads the HTTP bodies
    from selection.models import DepartmentNominationIn, PrizeStepIn

DEPARTMENTS = "departments"  # the committee item's origin case: `<cycle>:departments`
BEFORE_VOTE = (Phase.NOMINATION.value, Phase.REVIEW.value)


def _case(cycle_id: str, nomination_id: str) -> DepartmentCaseItem:
    found = stored.get(cycle_id, nomination_id)
    if found is None:
        raise NotFound("부서 사례가 없습니다.", code="DEPARTMENT_CASE_NOT_FOUND",
                       details={"nomination_id": nomination_id})
    return found


def nominate(who: Caller, cycle_id: str, body: DepartmentNominationIn) -> DepartmentCaseItem:
    """The unit enters a contest result for any department; a head submits their own department's case."""
    section = rules()
    if body.channel == CONTEST:
        require_unit(who)
        nominator = f"unit:{who.employee_no}"
    else:
        who.require(Role.DEPT_HEAD)
        head = staff.nominee(who.employee_no or "")
        rules_of.check_head_own_department(
            rules_of.Head(head.department, head.active) if head.employment_type is not None
            else rules_of.Head(None, False), body.department)
        nominator = f"head:{who.employee_no}"
    rules_of.check_nomination(body.channel, body.criterion, body.contest, section)
    if unknown := [no for no in dict.fromkeys(body.staff) if not staff.nominee(no).active]:
        raise RuleViolation("인사 정보에 없거나 재직 중이 아닌 직원입니다.", code="UNKNOWN_STAFF",
                            details={"employee_no": unknown})
    cycle_store.existing(cycle_id)
    item = DepartmentCaseItem(
        *DepartmentCaseItem.key(cycle_id, nomination_id := rules_of.case_id(cycle_id, body.department,
                                                                             body.case_title)),
        cycle_id=cycle_id, nomination_id=nomination_id, channel=body.channel, department=body.department,
        department_name=body.department_name, criterion=body.criterion, case_title=body.case_title,
        achievement=body.achievement, evidence=list(body.evidence), staff=list(dict.fromkeys(body.staff)),
        contest=body.contest.model_dump(mode="json", exclude_none=True) if body.contest else None,
        nominator=nominator, created_at=now().isoformat())
    stored.add(item, phases=(Phase.NOMINATION.value,))
    return item


def listing(who: Caller, cycle_id: str) -> tuple[CycleItem, bool, list[DepartmentCaseItem]]:
    """The unit's review list (each case with its exclusion, award and prize); final once the vote opened."""
    require_unit(who)
    cycle = cycle_store.existing(cycle_id)
    final = Phase(cycle.phase) not in (Phase.PLANNED, Phase.NOMINATION, Phase.REVIEW)
    return cycle, final, stored.of_cycle(cycle_id)


def exclude(who: Caller, cycle_id: str, nomination_id: str, reason: str) -> DepartmentCaseItem:
    """The unit sets a case aside with a reason (shown in the review list), before the list is final."""
    require_unit(who)
    _case(cycle_id, nomination_id)
    stored.exclude(cycle_id, nomination_id, {"reason": reason, "by": who.employee_no, "at": now().isoformat()},
                   phases=BEFORE_VOTE)
    return _case(cycle_id, nomination_id)


def to_committee(cycle: CycleItem) -> tuple[list[Any], list[EventEnvelope]]:
    """VOTING → COMMITTEE: the standing department cases as their own selection item (candidates: the case ids;
    options: the department tiers and not_selected; parties: the staff named, for recusal) and its marker, to write
    with the move (`storage.cycles.move`'s `extra`). Nothing where the county runs no department awards or no case
    stands."""
    awards = rules().department_awards
    standing = [c for c in stored.of_cycle(cycle.cycle_id) if not c.excluded] if awards.enabled else []
    if not standing:
        return [], []
    if len(standing) > 200:
        raise RuleViolation("위원회에 올릴 부서 사례가 너무 많습니다 (200건 이하).", code="TOO_MANY_CASES",
                            details={"cases": len(standing)})
    parties = list(dict.fromkeys(StaffParty(employee_no=no, department=staff.nominee(no).department)
                                 for c in standing for no in c.staff))[:100]
    asked = CommitteeItemRequested(
        origin_area="selection", origin_case_id=f"{cycle.cycle_id}:{DEPARTMENTS}", kind=ItemKind.SELECTION,
        title=f"{cycle.name} 적극행정 우수사례·우수부서 선정", summary=rules_of.committee_summary(standing, awards),
        parties=parties, candidates=[c.nomination_id for c in standing], options=rules_of.committee_options(awards))
    return [stored.committee_marker(cycle.cycle_id, list(asked.candidates))], [asked.envelope()]


def record(cycle: CycleItem, resolved: CommitteeResolved) -> None:
    """The committee's decision on the department cases: each given a tier gets its prize and its event, once."""
    marker = stored.marker(cycle.cycle_id)
    if marker is None or marker.status != "REQUESTED":  # never asked, or recorded already
        return
    awards = rules().department_awards
    tiers = rules_of.awarded(resolved.selections, marker.candidates, awards)
    cases = {c.nomination_id: c for c in stored.of_cycle(cycle.cycle_id)}
    prizes = {no: (tier, awards.tier(tier).prize_won) for no, tier in tiers.items()}
    events = [ExcellentDepartmentSelected(award_id=f"{cycle.cycle_id}:{no}", cycle_id=cycle.cycle_id,
                                          department=cases[no].department, tier=tier, prize_won=prize,
                                          resolved_on=resolved.resolved_on).envelope()
              for no, (tier, prize) in prizes.items() if no in cases]
    entry = {"status": AWARDED, "at": now().isoformat(), "by": "committee", "reference": resolved.item_id}
    with suppress(Conflict):  # recorded already (the resolution delivered again)
        stored.award(cycle.cycle_id, {no: p for no, p in prizes.items() if no in cases},
                     resolved_on=resolved.resolved_on.isoformat(), entry=entry, events=events)


def prize(who: Caller, cycle_id: str, nomination_id: str, body: PrizeStepIn) -> DepartmentCaseItem:
    """The unit records the prize: requested, then paid with its reference; a step already taken changes nothing."""
    require_unit(who)
    wanted = STEP_OF[body.step]
    if wanted == rules_of.PAID and not body.reference:
        raise RuleViolation("지급 처리 번호(reference)를 적어 주세요.", code="REFERENCE_REQUIRED")
    case = _case(cycle_id, nomination_id)
    current = rules_of.prize_step(case.prize_status, wanted)
    if current is not None:
        entry = {"status": wanted, "at": now().isoformat(), "by": who.employee_no, "reference": body.reference}
        if not stored.step_prize(cycle_id, nomination_id, current=current, to=wanted, entry=entry):
            rules_of.prize_step(_case(cycle_id, nomination_id).prize_status, wanted)  # a concurrent step: recheck
    return _case(cycle_id, nomination_id)


def require_settled(cycle_id: str) -> None:
    """CLOSED waits for the committee's decision on the department cases and every awarded prize paid."""
    marker = stored.marker(cycle_id)
    if marker is None:
        return
    if marker.status != "RESOLVED":
        raise RuleViolation("위원회가 부서 사례를 아직 의결하지 않았습니다.", code="DEPARTMENTS_PENDING")
    if unpaid := [c.nomination_id for c in stored.of_cycle(cycle_id) if c.tier and c.prize_status != rules_of.PAID]:
        raise RuleViolation("시상금을 지급하지 않은 수상 부서가 있습니다.", code="PRIZES_PENDING",
                            details={"nomination_id": unpaid})


def awarded(cycle_id: str) -> list[tuple[DepartmentCaseItem, Any]]:
    """The awarded cases with their tier (the public results, the ceremony and contest files)."""
    awards = rules().department_awards
    return [(c, awards.tier(c.tier)) for c in stored.of_cycle(cycle_id) if c.tier]


def ceremony_rows(cycle_id: str) -> list[tuple[object, ...]]:
    """The awarded departments as rows of the awardees' file (no employee number; the prize and its status; the
    officials' further columns empty)."""
    rows = [(cycle_id, "", c.department_name, c.department, tier.name if tier else c.tier, c.case_title, "", "",
             int(c.prize_won or 0), "", c.prize_status or "") for c, tier in awarded(cycle_id)]
    return [row + ("",) * (len(exports.HEADER) - len(row)) for row in rows]


def figures(cycle_id: str) -> dict[str, Any]:
    return rules_of.figures(stored.of_cycle(cycle_id))


def history(case: DepartmentCaseItem) -> list[dict[str, Any]]:
    return [json.loads(h) for h in case.prize_history or []]
