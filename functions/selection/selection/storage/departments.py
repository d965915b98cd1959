"""Department cases (우수사례·우수부서) in their cycle's partition (`DEPT#` items) and the marker of their committee
item. Each write is conditional: a case once per id, an exclusion or a case only in the phases that allow them (a
condition on the cycle in the same transaction, so a move to VOTING cannot slip between), an award once."""

from __future__ import annotations

import json
from typing import Any

from common.dynamo import conditional, find
from common.errors import Conflict
from common.events import EventEnvelope
from selection.storage.items import DEPARTMENT_CASE, CycleItem, DepartmentCaseItem, DepartmentItemMarker
from selection.storage.table import transaction


def _phase_in(phases: tuple[str, ...]) -> Any:
    return CycleItem.phase.is_in(*phases)


def add(item: DepartmentCaseItem, *, phases: tuple[str, ...]) -> None:
    tx = transaction()
    tx.check(CycleItem(*CycleItem.key(item.cycle_id)), _phase_in(phases), label="cycle")
    tx.put(item, DepartmentCaseItem.pk.does_not_exist(), label="case")
    tx.commit(failures={
        "cycle": Conflict("추천 단계의 회차가 아닙니다.", code="WRONG_PHASE", details={"allowed": list(phases)}),
        "case": Conflict("이 회차에 같은 부서의 같은 제목 사례가 이미 있습니다.", code="DEPARTMENT_CASE_EXISTS",
                         details={"nomination_id": item.nomination_id})})


def of_cycle(cycle_id: str) -> list[DepartmentCaseItem]:
    """The cycle's department cases (one key query in the cycle's partition)."""
    return list(DepartmentCaseItem.query(CycleItem.key(cycle_id)[0], DepartmentCaseItem.sk.startswith(DEPARTMENT_CASE)))


def get(cycle_id: str, nomination_id: str) -> DepartmentCaseItem | None:
    return find(DepartmentCaseItem, *DepartmentCaseItem.key(cycle_id, nomination_id))


def exclude(cycle_id: str, nomination_id: str, note: dict[str, Any], *, phases: tuple[str, ...]) -> None:
    tx = transaction()
    tx.check(CycleItem(*CycleItem.key(cycle_id)), _phase_in(phases), label="cycle")
    tx.update(DepartmentCaseItem(*DepartmentCaseItem.key(cycle_id, nomination_id)),
              [DepartmentCaseItem.excluded.set(note)],
              condition=DepartmentCaseItem.pk.exists() & DepartmentCaseItem.excluded.does_not_exist(), label="case")
    tx.commit(failures={
        "cycle": Conflict("후보가 확정된 뒤에는 제외할 수 없습니다.", code="WRONG_PHASE",
                          details={"allowed": list(phases)}),
        "case": Conflict("이미 제외했거나 없는 사례입니다.", code="ALREADY_EXCLUDED")})


def marker(cycle_id: str) -> DepartmentItemMarker | None:
    return find(DepartmentItemMarker, *DepartmentItemMarker.key(cycle_id))


def committee_marker(cycle_id: str, candidates: list[str]) -> tuple[str, Any, list[Any], Any]:
    """The marker's write as an `extra` update of the cycle's move to COMMITTEE (storage.cycles.move)."""
    return ("departments", DepartmentItemMarker(*DepartmentItemMarker.key(cycle_id)),
            [DepartmentItemMarker.status.set("REQUESTED"), DepartmentItemMarker.candidates.set(candidates)],
            DepartmentItemMarker.pk.does_not_exist())


def award(cycle_id: str, tiers: dict[str, tuple[str, int]], *, resolved_on: str, entry: dict[str, Any],
          events: list[EventEnvelope]) -> None:
    """The committee's decision: the marker RESOLVED (conditional on REQUESTED: a repeated resolution is a
    Conflict), each awarded case's tier and prize, and the events, in one transaction."""
    tx = transaction()
    tx.update(DepartmentItemMarker(*DepartmentItemMarker.key(cycle_id)),
              [DepartmentItemMarker.status.set("RESOLVED"), DepartmentItemMarker.resolved_on.set(resolved_on)],
              condition=DepartmentItemMarker.status == "REQUESTED", label="marker")
    for nomination_id, (tier, prize_won) in tiers.items():
        tx.update(DepartmentCaseItem(*DepartmentCaseItem.key(cycle_id, nomination_id)),
                  [DepartmentCaseItem.tier.set(tier), DepartmentCaseItem.prize_won.set(prize_won),
                   DepartmentCaseItem.prize_status.set(entry["status"]),
                   DepartmentCaseItem.resolved_on.set(resolved_on),
                   DepartmentCaseItem.prize_history.set([_json(entry)])],
                  condition=DepartmentCaseItem.pk.exists() & DepartmentCaseItem.tier.does_not_exist())
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"marker": Conflict("이미 기록한 위원회 의결입니다.", code="ALREADY_RECORDED")})


def step_prize(cycle_id: str, nomination_id: str, *, current: str, to: str, entry: dict[str, Any]) -> bool:
    """Move the prize from `current` to `to` (conditional): False when another request moved it meanwhile."""
    try:
        with conditional():
            DepartmentCaseItem(*DepartmentCaseItem.key(cycle_id, nomination_id)).update(
                actions=[DepartmentCaseItem.prize_status.set(to),
                         DepartmentCaseItem.prize_history.set(
                             (DepartmentCaseItem.prize_history | []).append([_json(entry)]))],
                condition=DepartmentCaseItem.prize_status == current)
    except Conflict:
        return False
    return True


def _json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False)
