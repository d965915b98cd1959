"""The daily deadline job every area reuses: which of a case's alarms is due, and where the alarm moves next.

A case that runs a statutory clock (`common.statutory.CaseClock`, kept on the case item) also has one *alarm*: a
small item beside the case (same `pk`, sk `ALARM`) whose index key (`gsi1`: `ALARMS#<case kind>` /
`<alarm time>#<case id>`) holds the next moment something is due — the next reminder before the due time, else the
due time itself. It exists only while the clock runs (a sparse index), so the area's scheduled job finds the cases
whose alarm has passed with one Query ("alarm ≤ now", never a Scan):

1. `alarm_model(Meta)` in the area's `storage/items.py`; the case's first alarm (`first_alarm`) put in the
   transaction that starts its clock, and the alarm deleted in the one that stops it (`disarm`).
2. The job queries `due_alarms(model, kind, now)`, reads each case, asks `check(clock, office, now=now)` which alarm
   is due (a reminder before the due time → `<Area>DeadlineApproaching`, the due time passed →
   `<Area>DeadlineMissed`) and the next alarm time, and commits the event together with `move(...)`, conditional on
   the alarm time it read: a second run, or two runs at once, publish nothing new.

The decisions are pure functions over `common.statutory` (no I/O); the item helpers only build items and actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from common.clock import to_kst
from common.dynamo import TableItem, index

if TYPE_CHECKING:  # clocks are given to it: storage that declares an alarm item needs no clock code
    from common.statutory import CaseClock, Office

ALARM_SK = "ALARM"


class Alarm(StrEnum):
    APPROACHING = "approaching"  # a reminder before the due time
    MISSED = "missed"  # the due time passed with the clock still running


@dataclass(frozen=True)
class Check:
    """What a case's alarm says at `now`: the alarm to raise (None: nothing is due — the clock moved, say), its due
    time, and when to look again (None: never — the due time passed, or the clock no longer runs)."""

    alarm: Alarm | None
    due_at: datetime | None
    next_at: datetime | None


def next_alarm(clock: CaseClock, office: Office, *, after: datetime) -> datetime | None:
    """The next moment strictly after `after` something of `clock` falls due: a reminder, else the due time; None
    once the due time passed or while the clock is paused or stopped (resuming arms it again)."""
    if clock.state != "running":
        return None
    due = clock.due_at(office.statutory)
    reminder = clock.next_reminder(office, after=after)
    if reminder is not None:
        return reminder
    return due if due > to_kst(after) else None


def first_alarm(clock: CaseClock, office: Office) -> datetime | None:
    """A newly started clock's first alarm (a reminder at the very start moment counts)."""
    if clock.state != "running":
        return None
    reminders = clock.reminders(office)
    return reminders[0] if reminders else clock.due_at(office.statutory)


def check(clock: CaseClock, office: Office, *, now: datetime, since: datetime | None = None) -> Check:
    """Which alarm is due at `now`, for an alarm set at `since` (the alarm time read; None: any time). Reminders
    that passed together raise one approaching alarm; once the due time passed only the missed one is raised (a job
    that ran late does not remind of what is already missed)."""
    if clock.state != "running":
        return Check(None, None, None)
    now = to_kst(now)
    due = clock.due_at(office.statutory)
    if now >= due:
        return Check(Alarm.MISSED, due, None)
    start = (to_kst(since) if since is not None else clock.started_at).replace(microsecond=0)
    passed = any(start <= moment <= now for moment in clock.reminders(office))
    return Check(Alarm.APPROACHING if passed else None, due, next_alarm(clock, office, after=now))


@dataclass(frozen=True)
class Deadline:
    """A running case's deadline for a list: due at, overdue or not."""

    due_at: datetime
    overdue: bool


def deadline(clock: CaseClock, office: Office, *, now: datetime) -> Deadline:
    due = clock.due_at(office.statutory, now=now)
    return Deadline(due, clock.state == "running" and to_kst(now) >= due)


# --- the alarm item ----------------------------------------------------------------------------------------------

def stamp(moment: datetime) -> str:
    """An alarm time as stored and compared: KST, to the second (ISO strings of one offset sort as times)."""
    return to_kst(moment).isoformat(timespec="seconds")


def alarm_model(meta: type) -> type[Model]:
    """The alarm item of one table (`meta` from `common.dynamo.table_meta`), beside its case."""

    class DeadlineAlarm(TableItem):
        Meta = meta
        sk = UnicodeAttribute(range_key=True, default=ALARM_SK)
        case_kind = UnicodeAttribute()
        case_id = UnicodeAttribute()
        alarm_at = UnicodeAttribute()
        by_alarm = index("gsi1")

        @staticmethod
        def partition(case_kind: str) -> str:
            return f"ALARMS#{case_kind}"

        @classmethod
        def of(cls, case_pk: str, *, case_kind: str, case_id: str, at: datetime) -> DeadlineAlarm:
            alarm_at = stamp(at)
            return cls(case_pk, ALARM_SK, case_kind=case_kind, case_id=case_id, alarm_at=alarm_at,
                       gsi1pk=cls.partition(case_kind), gsi1sk=f"{alarm_at}#{case_id}")

    return DeadlineAlarm


def due_alarms(model: Any, case_kind: str, now: datetime) -> Iterator[Any]:
    """The alarms of `case_kind` at or before `now`, oldest first: one Query of the sparse index."""
    return model.by_alarm.query(model.partition(case_kind), model.gsi1sk <= f"{stamp(now)}~")


def arm(tx: Any, alarm: Any) -> None:
    """Put a case's alarm (in the transaction that starts its clock)."""
    tx.put(alarm, label="alarm")


def move(tx: Any, alarm: Any, to: datetime | None) -> None:
    """Move `alarm` (as read) to `to`, or delete it when nothing more falls due — only if it still says what was read
    (the condition that makes a second run publish nothing)."""
    condition = type(alarm).alarm_at == alarm.alarm_at
    if to is None:
        tx.delete(type(alarm)(alarm.pk, ALARM_SK), condition=condition, label="alarm")
        return
    moved = type(alarm).of(alarm.pk, case_kind=alarm.case_kind, case_id=alarm.case_id, at=to)
    tx.update(type(alarm)(alarm.pk, ALARM_SK), actions=[
        type(alarm).alarm_at.set(moved.alarm_at), type(alarm).gsi1sk.set(moved.gsi1sk)], condition=condition,
        label="alarm")


def disarm(tx: Any, model: Any, case_pk: str) -> None:
    """Delete a case's alarm (in the transaction that stops its clock); nothing if there is none."""
    tx.delete(model(case_pk, ALARM_SK), label="alarm")


def raise_each(alarms: Iterable[Any], raise_one: Callable[[Any], str]) -> dict[str, int]:
    """The daily job's loop over the due alarms (one index Query): `raise_one(alarm)` raises one and names what
    happened (`approaching`, `missed`, `moved`, `skipped`), counted; a case that fails is logged and counted as an
    error, never keeping the others' alarms from going off."""
    from common.observability import logger

    counts = {"due": 0, "approaching": 0, "missed": 0, "moved": 0, "skipped": 0, "errors": 0}
    for alarm in list(alarms):
        counts["due"] += 1
        try:
            counts[raise_one(alarm)] += 1
        except Exception:  # one broken case must not keep the others' alarms from going off
            counts["errors"] += 1
            logger.exception("deadline alarm not raised", extra={"case_id": alarm.case_id})
    return counts


def daily_job(section: str, raise_alarms: Callable[[], dict[str, int]]) -> Callable[[dict | None, Any], dict]:
    """An area's daily deadline job, as its entry point's one line:

        handler = daily_job("committee", opinions.raise_deadline_alarms)

    Nothing to do where the county file has no `section` (the county does not run the area); else the area's
    `raise_alarms()` and its counts, logged (`common.jobs.area_job`)."""
    from common.jobs import area_job

    return area_job(section, raise_alarms, what="deadline alarms", idle={"due": 0})
