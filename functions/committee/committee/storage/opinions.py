"""The audit head's opinion on an item: asked once (its alarm armed), extended once, answered once (its alarm
disarmed), each conditional on what was read; the alarms the daily job finds (`common.deadlines`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from committee.storage.items import AUDIT_OPINION, AgendaItem, Alarm
from committee.storage.table import transaction
from common import deadlines
from common.dynamo import Transaction, conditional
from common.errors import Conflict


def ask(item_id: str, clock: str, first_alarm: datetime | None) -> None:
    tx = transaction()
    tx.update(AgendaItem(*AgendaItem.key(item_id)), [AgendaItem.audit_clock.set(clock)],
              condition=AgendaItem.audit_clock.does_not_exist(), label="item")
    if first_alarm is not None:
        deadlines.arm(tx, Alarm.of(AgendaItem.key(item_id)[0], case_kind=AUDIT_OPINION, case_id=item_id,
                                   at=first_alarm))
    tx.commit(failures={"item": Conflict("이미 감사기구의 장의 의견을 요청했습니다.", code="AUDIT_OPINION_ASKED",
                                         details={"item_id": item_id})})


def replace_clock(item_id: str, before: str, after: str) -> None:
    """The period changed (extended): only from the clock that was read."""
    with conditional(Conflict("의견 기간이 동시에 바뀌었습니다. 다시 시도해 주세요.", code="AUDIT_OPINION_CHANGED")):
        AgendaItem(*AgendaItem.key(item_id)).update(
            actions=[AgendaItem.audit_clock.set(after)],
            condition=(AgendaItem.audit_clock == before) & AgendaItem.audit_opinion.does_not_exist())


def answer(item_id: str, before: str, after: str, opinion: str) -> None:
    tx = transaction()
    tx.update(AgendaItem(*AgendaItem.key(item_id)),
              [AgendaItem.audit_clock.set(after), AgendaItem.audit_opinion.set(opinion)],
              condition=(AgendaItem.audit_clock == before) & AgendaItem.audit_opinion.does_not_exist(), label="item")
    deadlines.disarm(tx, Alarm, AgendaItem.key(item_id)[0])
    tx.commit(failures={"item": Conflict("이미 의견을 냈습니다.", code="AUDIT_OPINION_GIVEN",
                                         details={"item_id": item_id})})


def due_alarms(moment: datetime) -> Iterator[Any]:
    return deadlines.due_alarms(Alarm, AUDIT_OPINION, moment)


def move_alarm(tx: Transaction, alarm: Any, to: datetime | None) -> None:
    deadlines.move(tx, alarm, to)


def check_unanswered(tx: Transaction, item_id: str) -> None:
    """The job's event only if the opinion is still awaited when it commits."""
    tx.check(AgendaItem(*AgendaItem.key(item_id)), AgendaItem.audit_opinion.does_not_exist(), label="item")
