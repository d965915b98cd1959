"""Agenda items: requested by other areas (CommitteeItemRequested) or created by the secretary, listed with their
due-date flag, and read by who may: the secretary, the members sitting on the item's meeting, and its parties (their
item's status and resolution only)."""

from __future__ import annotations

import hashlib
from typing import Any
from uuid import uuid4

from committee import meetings
from committee.models import HearingIn, ItemIn
from committee.rules import schedule
from committee.rules.experts import Hearing
from committee.rules.offices import is_secretary, rules
from committee.rules.recusal import Item, Party
from committee.storage import agenda as stored
from committee.storage.items import AgendaItem
from common.clock import now, today
from common.county import county
from common.errors import Forbidden, NotFound
from common.events import EventEnvelope
from common.identity import Caller, Role
from common.observability import logger
from common.statutory import CaseClock
from contracts.committee import CommitteeItemRequested, ItemKind

NOT_FOUND = NotFound("안건이 없습니다.", code="ITEM_NOT_FOUND")


def request_id(origin_area: str, origin_case_id: str) -> str:
    """An item requested by another area is one item per origin case, however often the request arrives."""
    digest = hashlib.sha256(f"{origin_area}\x00{origin_case_id}".encode()).hexdigest()[:24]
    return f"REQ-{digest}"


def from_event(envelope: EventEnvelope) -> None:
    """CommitteeItemRequested → an open item (once per origin case)."""
    if envelope.detail_type != CommitteeItemRequested.detail_type():
        return
    asked = CommitteeItemRequested.of(envelope)  # the model the origin published with (`contracts.committee`)
    item_id = request_id(asked.origin_area, asked.origin_case_id)
    parties = [p.model_dump() for p in asked.parties]
    added = stored.add_item(AgendaItem.new(
        item_id, created_at=envelope.occurred_at.isoformat(), created_by=f"event:{envelope.id}", kind=asked.kind,
        origin_area=asked.origin_area, origin_case_id=asked.origin_case_id, title=asked.title,
        summary=asked.summary, documents=list(asked.documents), parties=parties,
        candidates=list(asked.candidates), options=list(asked.options),
        clock=_clock(asked.kind, asked.received_at or envelope.occurred_at, by=asked.origin_area)))
    logger.info("committee item requested", extra={"item_id": item_id, "added": added})


def create(who: Caller, body: ItemIn) -> AgendaItem:
    """The secretary puts an item on the agenda."""
    meetings.require_secretary(who)
    item = AgendaItem.new(uuid4().hex, created_at=now().isoformat(), created_by=who.employee_no or who.subject,
                          kind=body.kind, title=body.title, summary=body.summary, documents=body.documents,
                          parties=[p.model_dump(exclude_none=True) for p in body.parties],
                          candidates=body.candidates, options=body.options,
                          clock=_clock(body.kind, body.received_at, by=who.employee_no or who.subject))
    stored.add_item(item)
    return item


def record_hearing(who: Caller, item_id: str, body: HearingIn) -> AgendaItem:
    """The secretary records the experts heard on an item (P1 §10②, where the personnel committee acts)."""
    meetings.require_secretary(who)
    get(item_id)
    Hearing(item_id, tuple(body.experts), body.summary)
    stored.add_hearing(item_id, {"experts": list(body.experts), "summary": body.summary, "at": now().isoformat(),
                                 "by": who.employee_no or who.subject})
    return get(item_id)


def hearings(item: AgendaItem) -> list[Hearing]:
    return [Hearing(item.item_id, tuple(h["experts"]), h["summary"]) for h in stored.hearings_of(item)]


def recorded_hearings(item: AgendaItem) -> list[dict[str, Any]]:
    return stored.hearings_of(item)


def listing(who: Caller, *, limit: int, token: str | None) -> tuple[list[tuple[AgendaItem, schedule.DueFlag]],
                                                                       str | None]:
    """A page of items, newest first, each with its due-date flag (the secretary's)."""
    meetings.require_secretary(who)
    page = stored.items(limit, token)
    by_id = {m.meeting_id: m for m in meetings.schedule_meetings()}
    next_regular = schedule.next_regular_meeting(list(by_id.values()), after=today())
    return [(item, due(item, by_id, next_regular)) for item in page.items], page.next_token


def due(item: AgendaItem, by_id: dict[str, schedule.Meeting], next_regular: Any) -> schedule.DueFlag:
    clock = CaseClock.stored(item.clock) if item.clock else None
    if item.status != "OPEN":
        clock = None
    return schedule.due_flag(clock, meetings.statutory_time(), next_regular=next_regular,
                             assigned=by_id.get(item.meeting_id or ""), now=now())


def read(who: Caller, item_id: str) -> tuple[AgendaItem, bool]:
    """The item and whether the caller sees all of it (False: a party, who sees its status and resolution)."""
    item = get(item_id)
    if is_secretary(who) or meetings.sits_on(who, item.meeting_id):
        return item, True
    if who.employee_no and any(p.get("employee_no") == who.employee_no for p in item.parties or []):
        return item, False
    raise Forbidden("이 안건을 볼 수 없습니다 (간사, 배정된 회의의 위원, 당사자만).", code="NOT_YOUR_ITEM")


def of_party(who: Caller, *, limit: int, token: str | None) -> tuple[list[tuple[AgendaItem, str | None]],
                                                                     str | None]:
    """The caller's own items as a party (an employee named among the parties), newest first, each with its
    meeting's day: an index query, never a scan."""
    if who.employee_no is None or not who.has(Role.STAFF):
        raise Forbidden("직원만 자신이 당사자인 안건을 볼 수 있습니다.", code="NOT_STAFF")
    found, next_token = stored.items_of_party(who.employee_no, limit, token)
    by_id = stored.meetings_by_id({i.meeting_id for i in found if i.meeting_id})
    days = {m_id: m.held_on or (meetings.as_schedule(m).ends_on(meetings.statutory_time()).isoformat()
                                if m.window else None) for m_id, m in by_id.items()}
    return [(item, days.get(item.meeting_id or "")) for item in found], next_token


def get(item_id: str) -> AgendaItem:
    item = stored.get_agenda_item(item_id)
    if item is None:
        raise NOT_FOUND
    return item


def rule_item(item: AgendaItem) -> Item:
    """The item as the recusal rules see it."""
    return Item(item.item_id, tuple(Party(p.get("employee_no"), p.get("department"), p.get("name"))
                                    for p in item.parties or []))


def _clock(kind: str, received_at: Any, *, by: str) -> str | None:
    """An opinion request's answer period (30 days from receipt) as the item's CaseClock."""
    if kind != ItemKind.OPINION_REQUEST or received_at is None:
        return None
    return schedule.start_opinion_request(rules(), county().clock, at=received_at, by=by).model_dump_json()
