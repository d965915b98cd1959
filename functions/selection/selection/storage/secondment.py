"""Seconded awardees' notices to their home bodies (§20): key reads, one conditional write each, the alarms' Query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from common import deadlines
from common.dynamo import Transaction, conditional, find
from common.errors import Conflict
from selection.storage.items import HOME_BODY_NOTICE, META, Alarm, NoticeItem, StaffItem
from selection.storage.table import transaction


def home_bodies(employee_nos: list[str]) -> dict[str, str]:
    """Employee no → home body of those the staff projection knows as seconded (one BatchGet)."""
    keys = [StaffItem.key(no) for no in dict.fromkeys(employee_nos)]
    return {s.employee_no: s.seconded_from for s in (StaffItem.batch_get(keys) if keys else []) if s.seconded_from}


def alarm_of(cycle_id: str, employee_no: str, at: datetime) -> Any:
    return Alarm.of(NoticeItem.key(cycle_id, employee_no)[0], case_kind=HOME_BODY_NOTICE,
                    case_id=f"{cycle_id}:{employee_no}", at=at)


def get(cycle_id: str, employee_no: str) -> NoticeItem | None:
    return find(NoticeItem, *NoticeItem.key(cycle_id, employee_no))


def get_by_pk(pk: str) -> NoticeItem | None:
    return find(NoticeItem, pk, META)


def notices(cycle_id: str, employee_nos: list[str]) -> dict[str, NoticeItem]:
    keys = [NoticeItem.key(cycle_id, no) for no in dict.fromkeys(employee_nos)]
    return {n.employee_no: n for n in (NoticeItem.batch_get(keys) if keys else [])}


def send(item: NoticeItem, notice: dict[str, Any], clock: str) -> None:
    """The notice recorded and its clock stopped, the alarm deleted, at once — only if no notice is recorded yet and
    the clock is the one read (`TransactionCancelled` otherwise)."""
    tx = transaction()
    tx.update(NoticeItem(item.pk, item.sk), [NoticeItem.notice.set(notice), NoticeItem.clock.set(clock)],
              condition=NoticeItem.notice.does_not_exist() & (NoticeItem.clock == item.clock), label="notice")
    deadlines.disarm(tx, Alarm, item.pk)
    tx.commit()


def answer(item: NoticeItem, answer: dict[str, Any]) -> None:
    """The home body's answer, once (a second answer recorded meanwhile keeps the first)."""
    with conditional(Conflict("회신이 이미 기록되었습니다.", code="ANSWER_RECORDED")):
        NoticeItem(item.pk, item.sk).update(actions=[NoticeItem.answer.set(answer)],
                                            condition=NoticeItem.answer.does_not_exist() & NoticeItem.notice.exists())


def due_alarms(moment: datetime) -> Iterator[Any]:
    return deadlines.due_alarms(Alarm, HOME_BODY_NOTICE, moment)


def check_clock(tx: Transaction, item: NoticeItem) -> None:
    """The job's event only if the notice's clock is still the one read when it commits."""
    tx.check(NoticeItem(item.pk, item.sk), NoticeItem.clock == item.clock, label="notice")
