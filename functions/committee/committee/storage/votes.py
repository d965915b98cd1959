"""Declarations and votes on an item (one of each per member: conditional puts), and the resolution with its event."""

from __future__ import annotations

from committee.storage.items import AgendaItem, DeclarationItem, VoteItem
from committee.storage.table import transaction
from common.dynamo import conditional
from common.errors import Conflict
from common.events import Event


def add_declaration(item: DeclarationItem) -> None:
    refused = Conflict("이 안건에 이미 신고했습니다.", code="ALREADY_DECLARED", details={"member_id": item.member_id})
    with conditional(refused):
        item.save(condition=DeclarationItem.sk.does_not_exist())


def add_vote(item: VoteItem) -> None:
    """The member's one vote on the item: a second, even one racing the first, fails its condition."""
    refused = Conflict("이 안건에 이미 표결했습니다. 표결은 한 번만 할 수 있습니다.", code="VOTE_ALREADY_CAST",
                       details={"member_id": item.member_id})
    with conditional(refused):
        item.save(condition=VoteItem.sk.does_not_exist())


def resolve(item_id: str, *, outcome: str, counts: dict[str, int], at: str, event: Event) -> None:
    """Mark the open item resolved and write its event in the same transaction."""
    tx = transaction()
    tx.update(AgendaItem(*AgendaItem.key(item_id)),
              [AgendaItem.status.set("RESOLVED"), AgendaItem.outcome.set(outcome), AgendaItem.counts.set(counts),
               AgendaItem.resolved_at.set(at)],
              condition=AgendaItem.status == "OPEN", label="item")
    tx.event(event.envelope())
    tx.commit(failures={"item": Conflict("이미 의결된 안건입니다.", code="ITEM_RESOLVED",
                                         details={"item_id": item_id})})
