"""The audit head's opinion deadlines (`opinions.py`): the daily job's part, importing only the agenda item's
storage and the clock, so `job_deadlines.py` loads none of the meetings, members or HTTP bodies it never uses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from committee.rules.offices import rules
from committee.storage import agenda as agenda_store
from committee.storage import opinions as stored
from committee.storage.table import transaction
from common import deadlines
from common.clock import now
from common.county import county
from common.dynamo import TransactionCancelled
from common.identity import Role
from common.statutory import CaseClock, Office
from contracts.committee import CommitteeDeadlineApproaching, CommitteeDeadlineMissed


def office() -> Office:
    return Office.of(county())


def raise_deadline_alarms(at: datetime | None = None) -> dict[str, int]:
    """The daily deadline job (`common.deadlines`): every awaited opinion whose alarm has passed (one index Query)
    publishes `CommitteeDeadlineApproaching` (a reminder before its due time) or `CommitteeDeadlineMissed`, in the
    transaction that moves its alarm on, conditional on the alarm read and the opinion still awaited."""
    moment = at or now()
    return deadlines.raise_each(stored.due_alarms(moment), lambda alarm: _raise_alarm(alarm, moment))


def _raise_alarm(alarm: Any, moment: datetime) -> str:
    item = agenda_store.get_agenda_item(alarm.case_id)
    awaited = item is not None and item.audit_clock is not None and item.audit_opinion is None
    tx = transaction()
    if not awaited:  # answered meanwhile (its own transaction removes the alarm): an orphan, removed
        stored.move_alarm(tx, alarm, None)
        found = deadlines.Check(None, None, None)
    else:
        clock = CaseClock.stored(item.audit_clock)
        found = deadlines.check(clock, office(), now=moment, since=datetime.fromisoformat(alarm.alarm_at))
        stored.move_alarm(tx, alarm, found.next_at)
        stored.check_unanswered(tx, item.item_id)
    if found.alarm is not None and found.due_at is not None:
        model = CommitteeDeadlineMissed if found.alarm is deadlines.Alarm.MISSED else CommitteeDeadlineApproaching
        tx.event(model(item_id=alarm.case_id, period=rules().periods.audit_head_opinion,
                       due_at=found.due_at.isoformat(), offices=[Role.AUDIT_HEAD.value]).envelope())
    try:
        tx.commit()
    except TransactionCancelled:
        return "skipped"  # another run moved the alarm, or the opinion came meanwhile: nothing published
    return found.alarm.value if found.alarm else "moved"
