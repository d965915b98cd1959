"""The audit head's opinion on an item (P1 §11⑦): the meeting's chair asks it; it is due in the county's
`audit_head_opinion` period (10 days), extended once (10 days more) at the audit head's request; the audit head gives
it. The clock lives on the item (`common.statutory.CaseClock`), its alarm beside it: the daily job
(`job_deadlines.py` → `opinion_alarms.py`) publishes CommitteeDeadlineApproaching / CommitteeDeadlineMissed for the
audit head."""

from __future__ import annotations

from typing import Any

from committee import agenda, meetings
from committee.opinion_alarms import office
from committee.rules import schedule
from committee.rules.offices import rules
from committee.storage import opinions as stored
from committee.storage.items import AgendaItem
from common import deadlines
from common.clock import now
from common.county import county
from common.errors import Conflict, Forbidden, RuleViolation
from common.identity import Caller, Role
from common.statutory import CaseClock


def ask(who: Caller, item_id: str) -> AgendaItem:
    item = agenda.get(item_id)
    meeting = meetings.get(item.meeting_id) if item.meeting_id else None
    if meeting is None or not meetings.chairs(who, meeting):
        raise Forbidden("안건이 배정된 회의의 위원장만 감사기구의 장의 의견을 요청할 수 있습니다.", code="NOT_CHAIR")
    clock = schedule.ask_audit_head(rules(), county().clock, at=now(), by=who.employee_no or who.subject)
    stored.ask(item_id, clock.model_dump_json(), deadlines.first_alarm(clock, office()))
    return agenda.get(item_id)


def extend(who: Caller, item_id: str, reason: str) -> AgendaItem:
    item, clock = _asked(who, item_id)
    longer = schedule.extend_audit_head(clock, meetings.statutory_time(), at=now(), by=who.employee_no or "",
                                        reason=reason)
    stored.replace_clock(item_id, item.audit_clock, longer.model_dump_json())
    return agenda.get(item_id)


def answer(who: Caller, item_id: str, opinion: str) -> AgendaItem:
    item, clock = _asked(who, item_id)
    if item.audit_opinion is not None:
        raise Conflict("이미 의견을 냈습니다.", code="AUDIT_OPINION_GIVEN", details={"item_id": item_id})
    stopped = clock.stop(at=now(), by=who.employee_no or "", reason="감사기구의 장 의견 제출")
    stored.answer(item_id, item.audit_clock, stopped.model_dump_json(), opinion)
    return agenda.get(item_id)


def _asked(who: Caller, item_id: str) -> tuple[AgendaItem, CaseClock]:
    if not who.has(Role.AUDIT_HEAD):
        raise Forbidden("감사기구의 장만 할 수 있습니다.", code="NOT_AUDIT_HEAD",
                        details={"required_roles": [Role.AUDIT_HEAD.value]})
    item = agenda.get(item_id)
    if item.audit_clock is None:
        raise RuleViolation("의견을 요청받지 않은 안건입니다.", code="AUDIT_OPINION_NOT_ASKED")
    return item, CaseClock.stored(item.audit_clock)


def summary(item: AgendaItem) -> dict[str, Any] | None:
    """What the item shows of the opinion: when it is due, whether extended, the opinion once given."""
    if item.audit_clock is None:
        return None
    clock = CaseClock.stored(item.audit_clock)
    answered = clock.stopped_at
    return {"asked_at": clock.started_at.isoformat(), "due_day": clock.due_day(meetings.statutory_time()).isoformat(),
            "extended": bool(clock.extensions), "answered_at": answered.isoformat() if answered else None,
            "opinion": item.audit_opinion}
