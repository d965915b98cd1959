"""Agenda items: created (by the secretary or from another area's request), assigned to a meeting, listed."""

from __future__ import annotations

import json
from typing import Any

from committee.storage.items import (
    DECLARATION,
    ITEMS,
    VOTE,
    AgendaItem,
    DeclarationItem,
    MeetingItem,
    PartyItem,
    VoteItem,
)
from committee.storage.table import transaction
from common.dynamo import Page, conditional, find, query_page
from common.errors import Conflict


def get_agenda_item(item_id: str) -> AgendaItem | None:
    return find(AgendaItem, *AgendaItem.key(item_id))


def add_item(item: AgendaItem) -> bool:
    """Put a new item with an index entry for each employee among its parties (their own items' list), in one
    transaction; False if an item with its id exists (a request delivered again)."""
    tx = transaction()
    tx.put(item, AgendaItem.pk.does_not_exist(), label="item")
    for employee_no in dict.fromkeys(p["employee_no"] for p in item.parties or [] if p.get("employee_no")):
        tx.put(PartyItem.of(item, employee_no))
    try:
        tx.commit(failures={"item": Conflict("이미 있는 안건입니다.", code="ITEM_EXISTS")})
    except Conflict:
        return False
    return True


def items_of_party(employee_no: str, limit: int, token: str | None) -> tuple[list[AgendaItem], str | None]:
    """A page of the items naming this employee among their parties, newest first: one index query, then the items
    and their meetings by key."""
    page = query_page(PartyItem.listed, PartyItem.partition(employee_no), token, scan_index_forward=False,
                      limit=limit)
    keys = [AgendaItem.key(p.item_id) for p in page.items]
    found = {i.item_id: i for i in AgendaItem.batch_get(keys)} if keys else {}
    return [found[p.item_id] for p in page.items if p.item_id in found], page.next_token


def meetings_by_id(meeting_ids: set[str]) -> dict[str, MeetingItem]:
    keys = [MeetingItem.key(m) for m in sorted(meeting_ids)]
    return {m.meeting_id: m for m in MeetingItem.batch_get(keys)} if keys else {}


def items(limit: int, token: str | None) -> Page:
    """A page of items, newest first (the `ITEMS` index partition)."""
    return query_page(AgendaItem.listed, ITEMS, token, scan_index_forward=False, limit=limit)


def items_of_meeting(meeting_id: str) -> list[AgendaItem]:
    return list(AgendaItem.on_meeting.query(AgendaItem.meeting_key(meeting_id)))


def assign(item: AgendaItem, meeting_id: str) -> None:
    """Put an open item on a meeting's agenda (moving it from another meeting's)."""
    refused = Conflict("이미 의결된 안건은 회의를 바꿀 수 없습니다.", code="ITEM_RESOLVED",
                       details={"item_id": item.item_id})
    with conditional(refused):
        item.update(actions=[AgendaItem.meeting_id.set(meeting_id),
                             AgendaItem.gsi2pk.set(AgendaItem.meeting_key(meeting_id)),
                             AgendaItem.gsi2sk.set(item.item_id)],
                    condition=AgendaItem.status == "OPEN")


def add_hearing(item_id: str, hearing: dict[str, Any]) -> None:
    """Experts heard on an open item (appended, as JSON)."""
    refused = Conflict("이미 의결된 안건입니다.", code="ITEM_RESOLVED", details={"item_id": item_id})
    with conditional(refused):
        entry = json.dumps(hearing, ensure_ascii=False)
        AgendaItem(*AgendaItem.key(item_id)).update(
            actions=[AgendaItem.hearings.set((AgendaItem.hearings | []).append([entry]))],
            condition=AgendaItem.status == "OPEN")


def hearings_of(item: AgendaItem) -> list[dict[str, Any]]:
    return [json.loads(h) for h in item.hearings or []]


def declarations(item_id: str) -> list[DeclarationItem]:
    return list(DeclarationItem.query(AgendaItem.key(item_id)[0], DeclarationItem.sk.startswith(DECLARATION)))


def votes(item_id: str) -> list[VoteItem]:
    """The item's votes, from a key query of its partition (what every tally is recomputed from)."""
    return list(VoteItem.query(AgendaItem.key(item_id)[0], VoteItem.sk.startswith(VOTE)))
