"""HR's grant clock of a cycle: stopped once (its alarm disarmed) when the last incentive is granted, and the alarms
the daily job finds (`common.deadlines`: one index Query)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from common import deadlines
from common.dynamo import Transaction, conditional
from common.errors import Conflict
from selection.storage.items import INCENTIVE_GRANT, Alarm, CycleItem
from selection.storage.table import transaction


def stop(cycle_id: str, before: str, after: str) -> None:
    """The clock read (`before`) becomes `after` (stopped), its alarm deleted; a Conflict if another did it first."""
    tx = transaction()
    tx.update(CycleItem(*CycleItem.key(cycle_id)), [CycleItem.grant_clock.set(after)],
              condition=CycleItem.grant_clock == before, label="cycle")
    deadlines.disarm(tx, Alarm, CycleItem.key(cycle_id)[0])
    with conditional():
        tx.commit(failures={"cycle": Conflict("부여 기간이 동시에 바뀌었습니다.", code="CLOCK_CHANGED")})


def alarm_of(cycle_id: str, at: datetime) -> Any:
    return Alarm.of(CycleItem.key(cycle_id)[0], case_kind=INCENTIVE_GRANT, case_id=cycle_id, at=at)


def due_alarms(moment: datetime) -> Iterator[Any]:
    return deadlines.due_alarms(Alarm, INCENTIVE_GRANT, moment)


def move_alarm(tx: Transaction, alarm: Any, to: datetime | None) -> None:
    deadlines.move(tx, alarm, to)


def check_clock(tx: Transaction, cycle_id: str, clock: str) -> None:
    """The job's event only if the clock is still the one read when it commits."""
    tx.check(CycleItem(*CycleItem.key(cycle_id)), CycleItem.grant_clock == clock, label="cycle")
