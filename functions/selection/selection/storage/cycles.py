"""Cycles: created once (a conditional put, with their events), moved one phase at a time (conditional on the phase
read), listed from one index partition."""

from __future__ import annotations

import json
from typing import Any

from common.dynamo import find
from common.errors import Conflict, NotFound
from common.events import EventEnvelope
from selection.storage.items import CYCLES, CycleItem
from selection.storage.table import transaction


def get(cycle_id: str) -> CycleItem | None:
    return find(CycleItem, *CycleItem.key(cycle_id))


def existing(cycle_id: str) -> CycleItem:
    """The cycle, or 404 `CYCLE_NOT_FOUND`."""
    if (cycle := get(cycle_id)) is None:
        raise NotFound("회차가 없습니다.", code="CYCLE_NOT_FOUND", details={"cycle_id": cycle_id})
    return cycle


def listing() -> list[CycleItem]:
    """Every cycle, newest first (one index partition: a few a year)."""
    return list(CycleItem.listed.query(CYCLES, scan_index_forward=False))


def create(item: CycleItem, events: list[EventEnvelope]) -> bool:
    """Put the new cycle with its events; False if the cycle exists (the job's second run, a repeated request)."""
    tx = transaction()
    tx.put(item, CycleItem.pk.does_not_exist(), label="cycle")
    for envelope in events:
        tx.event(envelope)
    try:
        tx.commit(failures={"cycle": Conflict("이미 있는 회차입니다.", code="CYCLE_EXISTS")})
    except Conflict:
        return False
    return True


def move(cycle_id: str, *, current: str, to: str, entry: dict[str, Any], events: list[EventEnvelope],
         actions: list[Any] = (), extra: list[tuple[str, Any, list[Any], Any]] = ()) -> None:
    """Move the cycle from `current` to `to` with its history entry and events, in one transaction conditional on the
    phase read (a concurrent move makes this one fail: 409 PHASE_CHANGED); `extra`: further updates (label, item,
    actions, condition) in the same transaction."""
    tx = transaction()
    tx.update(CycleItem(*CycleItem.key(cycle_id)),
              [CycleItem.phase.set(to), CycleItem.history.set((CycleItem.history | []).append([_json(entry)])),
               *actions], condition=CycleItem.phase == current, label="cycle")
    for label, item, item_actions, condition in extra:
        tx.update(item, item_actions, condition=condition, label=label)
    for envelope in events:
        tx.event(envelope)
    tx.commit(failures={"cycle": Conflict("회차의 단계가 그사이 바뀌었습니다. 다시 확인해 주세요.",
                                          code="PHASE_CHANGED", details={"cycle_id": cycle_id, "phase": current})})


def request_criteria(cycle_id: str, *, previous: str, item: str, event: EventEnvelope) -> None:
    """A new criteria request replaces a rejected one (conditional on the request read), with its event."""
    tx = transaction()
    tx.update(CycleItem(*CycleItem.key(cycle_id)),
              [CycleItem.criteria_item.set(item), CycleItem.criteria_outcome.remove(),
               CycleItem.criteria_resolved_on.remove()],
              condition=(CycleItem.criteria_item == previous) & (CycleItem.criteria_outcome == "rejected"),
              label="cycle")
    tx.event(event)
    tx.commit(failures={"cycle": Conflict("기준 요청이 그사이 바뀌었습니다.", code="CRITERIA_CHANGED")})


def record_criteria(cycle_id: str, *, outcome: str, resolved_on: str) -> None:
    CycleItem(*CycleItem.key(cycle_id)).update(actions=[CycleItem.criteria_outcome.set(outcome),
                                                        CycleItem.criteria_resolved_on.set(resolved_on)],
                                               condition=CycleItem.pk.exists())


def update(cycle_id: str, actions: list[Any]) -> None:
    CycleItem(*CycleItem.key(cycle_id)).update(actions=actions, condition=CycleItem.pk.exists())


def _json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False)
