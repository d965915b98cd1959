"""Cycles: created on the county's schedule (the daily job) or earlier by the dedicated unit with a reason — each
asking the committee to resolve its criteria and procedure — then moved one phase at a time, on their dates or by
the unit with a reason; each move is a `SelectionPhaseChanged` in the move's transaction. The committee's
resolutions come back as `CommitteeResolved`: the criteria open the way, the selection names the awardees."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from common.clock import now, today
from common.errors import Conflict, DomainError, NotFound
from common.events import EventEnvelope
from common.identity import Caller, Role
from common.observability import logger
from contracts.committee import CommitteeItemRequested, CommitteeResolved, ItemKind
from contracts.selection import SelectionPhaseChanged
from selection import awards, departments, voting
from selection.rules import phases
from selection.rules.offices import require_unit, rules, unit
from selection.rules.phases import Dates, Phase
from selection.storage import cycles as stored
from selection.storage.items import CycleItem

if TYPE_CHECKING:  # request bodies as types only: an event or a job never loads the HTTP bodies
    from selection.models import CycleIn, PhaseIn, ReasonIn

CRITERIA, SELECTION = "criteria", "selection"


def case_id(cycle_id: str, what: str) -> str:
    """The committee's origin case id of a cycle's criteria or selection item."""
    return f"{cycle_id}:{what}"


def get(cycle_id: str) -> CycleItem:
    return stored.existing(cycle_id)


def read(who: Caller, cycle_id: str) -> CycleItem:
    who.require(Role.STAFF, *unit())
    return get(cycle_id)


def listing(who: Caller) -> list[CycleItem]:
    who.require(Role.STAFF, *unit())
    return stored.listing()


def create(who: Caller, body: CycleIn) -> CycleItem:
    """The unit opens a scheduled round ahead of the schedule, with a reason (it waits for the committee's
    criteria like any other)."""
    require_unit(who)
    cycle_id = phases.cycle_id(body.year, body.code)
    if stored.get(cycle_id) is None:
        _new(body.year, body.code, by=who.employee_no or who.subject, reason=body.reason)
    return get(cycle_id)


def run_schedule() -> dict[str, Any]:
    """The daily job (`job_cycles.py`): today's rounds created, then today's phase moves."""
    day = today()
    return {"created": ensure_scheduled(day), "moved": move_on_schedule(day)}


def ensure_scheduled(day: date) -> list[str]:
    """The job: this year's rounds exist (created once each, from the county's `scheduled_from` year)."""
    section = rules()
    if day.year < section.scheduled_from:
        return []
    return [phases.cycle_id(day.year, c.code) for c in section.cycles
            if _new(day.year, c.code, by="schedule", reason="일정")]


def _new(year: int, code: str, *, by: str, reason: str) -> bool:
    section = rules()
    schedule = section.cycle(code)
    if schedule is None:
        raise NotFound("지자체 설정에 없는 회차입니다.", code="UNKNOWN_CYCLE",
                       details={"code": code, "allowed": [c.code for c in section.cycles]})
    cycle_id = phases.cycle_id(year, code)
    dates = Dates.of(schedule, year)
    name = f"{year}년 {schedule.name}"
    criteria = CommitteeItemRequested(
        origin_area="selection", origin_case_id=case_id(cycle_id, CRITERIA), kind=ItemKind.SELECTION,
        title=f"{name} 적극행정 우수공무원 선발 기준 및 절차",
        summary=_criteria_summary(schedule.planned, dates))
    changed = SelectionPhaseChanged(cycle_id=cycle_id, phase=Phase.PLANNED.value, previous=None, by=by,
                                    by_hand=by != "schedule")
    entry = {"phase": Phase.PLANNED.value, "at": now().isoformat(), "by": by, "reason": reason}
    item = CycleItem.new(cycle_id, name=name, phase=Phase.PLANNED.value, planned=schedule.planned,
                         dates=dates.as_dict(), history=[json.dumps(entry, ensure_ascii=False)],
                         criteria_item=case_id(cycle_id, CRITERIA),
                         created_at=now().isoformat())
    return stored.create(item, [criteria.envelope(), changed.envelope()])


def _criteria_summary(planned: int, dates: Dates) -> str:
    section = rules()
    weights = ", ".join(f"{bloc} {weight}%" for bloc, weight in section.voting.weights.items())
    return "\n".join([
        f"선발 예정 인원: {planned}명 내외 (투표 상위 {section.voting.shortlist_multiplier}배수를 위원회에)",
        f"선발 기준: {', '.join(c.name for c in section.criteria)}",
        f"추천 경로: {', '.join(section.channels)}; 투표 반영 비율: {weights}",
        f"등급: {', '.join(t.name for t in section.tiers)}",
        f"추천 {dates.nomination_starts} ~ {dates.nomination_ends}, 투표 {dates.vote_starts} ~ {dates.vote_ends}"])


def request_criteria_again(who: Caller, cycle_id: str, body: ReasonIn) -> CycleItem:
    """The committee rejected the criteria: the unit asks again (a new committee item, `<cycle>:criteria:<n>`)."""
    require_unit(who)
    cycle = get(cycle_id)
    if cycle.criteria_outcome != "rejected":
        raise Conflict("위원회가 기준을 부결한 회차만 다시 요청할 수 있습니다.", code="CRITERIA_NOT_REJECTED",
                       details={"criteria_outcome": cycle.criteria_outcome})
    first = case_id(cycle_id, CRITERIA)
    attempt = 2 if cycle.criteria_item == first else int(cycle.criteria_item.rsplit(":", 1)[1]) + 1
    item = f"{case_id(cycle_id, CRITERIA)}:{attempt}"
    asked = CommitteeItemRequested(
        origin_area="selection", origin_case_id=item, kind=ItemKind.SELECTION,
        title=f"{cycle.name} 적극행정 우수공무원 선발 기준 및 절차 (재요청)",
        summary=f"재요청 사유: {body.reason}\n" + _criteria_summary(int(cycle.planned), _dates(cycle)))
    stored.request_criteria(cycle_id, previous=cycle.criteria_item, item=item, event=asked.envelope())
    return get(cycle_id)


def move_by_hand(who: Caller, cycle_id: str, body: PhaseIn) -> CycleItem:
    require_unit(who)
    cycle = get(cycle_id)
    _move(cycle, Phase(body.to), by=who.employee_no or who.subject, reason=body.reason, by_hand=True)
    return get(cycle_id)


def move_on_schedule(day: date) -> dict[str, str]:
    """The job: every cycle whose dates call for its next phase moves one step (a few cycles: one index query)."""
    moved = {}
    for cycle in stored.listing():
        phase = Phase(cycle.phase)
        if phase == Phase.CLOSED:
            continue
        to = phases.due_move(phase, _dates(cycle), day, criteria_resolved=cycle.criteria_outcome == "passed")
        if to is None:
            continue
        try:
            _move(cycle, to, by="schedule", reason="일정", by_hand=False)
        except DomainError as error:  # e.g. no candidate to vote on: the unit sees the cycle wait; others move on
            logger.warning("selection cycle not moved", extra={"cycle_id": cycle.cycle_id, "code": error.code})
            continue
        moved[cycle.cycle_id] = to.value
    return moved


def _move(cycle: CycleItem, to: Phase, *, by: str, reason: str, by_hand: bool) -> None:
    current = Phase(cycle.phase)
    phases.check_move(current, to, criteria_resolved=cycle.criteria_outcome == "passed", by_hand=by_hand)
    actions: list[Any] = []
    events: list[EventEnvelope] = []
    extra: list[Any] = []
    if to == Phase.VOTING:
        voting.open_vote(cycle)
    elif to == Phase.COMMITTEE:
        actions, events = voting.close_vote(cycle, title=f"{cycle.name} 적극행정 우수공무원 선발",
                                            case=case_id(cycle.cycle_id, SELECTION))
        extra, asked = departments.to_committee(cycle)  # the department cases: their own item
        events = [*events, *asked]
    elif to == Phase.CLOSED:
        awards.require_all_confirmed(cycle.cycle_id)
        departments.require_settled(cycle.cycle_id)
    entry = {"phase": to.value, "at": now().isoformat(), "by": by, "reason": reason}
    changed = SelectionPhaseChanged(cycle_id=cycle.cycle_id, phase=to.value, previous=current.value, by=by,
                                    by_hand=by_hand)
    stored.move(cycle.cycle_id, current=current.value, to=to.value, entry=entry, events=[*events, changed.envelope()],
                actions=actions, extra=extra)
    logger.info("selection cycle moved", extra={"cycle_id": cycle.cycle_id, "phase": to.value, "by_hand": by_hand})


def _dates(cycle: CycleItem) -> Dates:
    return Dates(**{k: date.fromisoformat(v) for k, v in cycle.dates.items()})


def on_committee_resolved(envelope: EventEnvelope) -> None:
    """CommitteeResolved of the selection's items: the criteria (passed opens the way) or the selection (awardees)."""
    if envelope.detail_type != CommitteeResolved.detail_type():
        return
    resolved = CommitteeResolved.of(envelope)
    if resolved.origin_area != "selection" or not resolved.origin_case_id:
        return
    cycle_id, _, what = resolved.origin_case_id.partition(":")
    cycle = stored.get(cycle_id)
    if cycle is None:
        logger.warning("a committee resolution for an unknown cycle", extra={"cycle_id": cycle_id})
        return
    if what.startswith(CRITERIA):
        if resolved.origin_case_id != cycle.criteria_item:  # an earlier request's answer: the newer one decides
            return
        stored.record_criteria(cycle_id, outcome=resolved.outcome, resolved_on=resolved.resolved_on.isoformat())
    elif what == SELECTION and cycle.phase == Phase.COMMITTEE.value:
        awards.record(cycle, resolved)
    elif what == departments.DEPARTMENTS:
        departments.record(cycle, resolved)
    logger.info("committee resolution recorded", extra={"cycle_id": cycle_id, "what": what,
                                                        "outcome": resolved.outcome})
