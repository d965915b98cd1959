"""A cycle's candidates (one partition of its cycle), their awards and incentive plans."""

from __future__ import annotations

import json
from typing import Any

from common import deadlines
from common.dynamo import conditional, find
from common.errors import Conflict, NotFound
from common.events import EventEnvelope
from selection.storage.items import CANDIDATE, CandidateItem, CycleItem
from selection.storage.table import transaction


def put_all(items: list[CandidateItem]) -> None:
    """Write the candidate list (idempotent: a rerun writes the same items)."""
    with CandidateItem.batch_write() as batch:
        for item in items:
            batch.save(item)


def of_cycle(cycle_id: str) -> list[CandidateItem]:
    return list(CandidateItem.query(CycleItem.key(cycle_id)[0], CandidateItem.sk.startswith(CANDIDATE)))


def some(cycle_id: str, employee_nos: list[str]) -> list[CandidateItem]:
    """These candidates of the cycle, by key (the ones that are)."""
    keys = [CandidateItem.key(cycle_id, no) for no in dict.fromkeys(employee_nos)]
    return list(CandidateItem.batch_get(keys)) if keys else []


def get(cycle_id: str, employee_no: str) -> CandidateItem | None:
    return find(CandidateItem, *CandidateItem.key(cycle_id, employee_no))


def awardee(cycle_id: str, employee_no: str) -> CandidateItem:
    """The cycle's awardee, or 404 `NOT_AN_AWARDEE`."""
    found = get(cycle_id, employee_no)
    if found is None or found.tier is None:
        raise NotFound("이 회차의 수상자가 아닙니다.", code="NOT_AN_AWARDEE", details={"employee_no": employee_no})
    return found


def awardees(cycle_id: str) -> list[CandidateItem]:
    return list(CandidateItem.awarded.query(CandidateItem.awardees_partition(cycle_id)))


def award(cycle_id: str, tiers: dict[str, str], *, current: str, to: str, entry: dict[str, Any],
          resolved_on: str, events: list[EventEnvelope], seconded: dict[str, str] | None = None,
          puts: list[Any] = ()) -> None:
    """The committee's awardees with their tiers, the cycle's move and the events, in one transaction conditional on
    the cycle still awaiting the committee; `seconded` awardees marked with their home body, `puts` (their notice
    records and alarms) written with it."""
    tx = transaction()
    tx.update(CycleItem(*CycleItem.key(cycle_id)),
              [CycleItem.phase.set(to), CycleItem.history.set((CycleItem.history | []).append([_json(entry)])),
               CycleItem.resolved_on.set(resolved_on)], condition=CycleItem.phase == current, label="cycle")
    for employee_no, tier in tiers.items():
        tx.update(CandidateItem(*CandidateItem.key(cycle_id, employee_no)),
                  [CandidateItem.tier.set(tier), CandidateItem.gsi1pk.set(CandidateItem.awardees_partition(cycle_id)),
                   CandidateItem.gsi1sk.set(employee_no),
                   *([CandidateItem.seconded_from.set(home)] if (home := (seconded or {}).get(employee_no)) else [])],
                  condition=CandidateItem.pk.exists())
    for item in puts:
        tx.put(item)
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"cycle": Conflict("위원회 의결을 기다리는 회차가 아닙니다.", code="NOT_AWAITING_COMMITTEE")})


def set_plan(cycle_id: str, employee_no: str, *, plan: dict[str, Any], entry: dict[str, Any]) -> None:
    """Write (or rewrite) an awardee's plan while it has not gone to HR."""
    refused = Conflict("인사부서에 요청한 계획은 바꿀 수 없습니다.", code="PLAN_LOCKED")
    with conditional(refused):
        CandidateItem(*CandidateItem.key(cycle_id, employee_no)).update(
            actions=[CandidateItem.plan.set(plan), CandidateItem.plan_status.set("PLANNED"),
                     CandidateItem.plan_history.set((CandidateItem.plan_history | []).append([_json(entry)]))],
            condition=CandidateItem.tier.exists() & (CandidateItem.plan_status.does_not_exist()
                                                     | (CandidateItem.plan_status == "PLANNED")))


def step_plans(cycle_id: str, employee_nos: list[str], *, current: str, to: str, entry: dict[str, Any],
               cycle_actions: list[Any] = (), alarm: Any = None) -> None:
    """Move plans from `current` to `to` (each conditional on its status), with the cycle's note and the alarm of a
    clock it starts (`common.deadlines`), at once."""
    tx = transaction()
    if alarm is not None:
        deadlines.arm(tx, alarm)
    for employee_no in employee_nos:
        tx.update(CandidateItem(*CandidateItem.key(cycle_id, employee_no)),
                  [CandidateItem.plan_status.set(to),
                   CandidateItem.plan_history.set((CandidateItem.plan_history | []).append([_json(entry)]))],
                  condition=CandidateItem.plan_status == current, label="plan")
    if cycle_actions:
        tx.update(CycleItem(*CycleItem.key(cycle_id)), list(cycle_actions), condition=CycleItem.pk.exists())
    tx.commit(failures={"plan": Conflict(f"계획 상태가 {current}이(가) 아닙니다.", code="PLAN_STATUS",
                                         details={"expected": current})})


def _json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False)
