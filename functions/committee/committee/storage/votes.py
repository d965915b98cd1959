"""Declarations and votes on an item (one of each per member: conditional puts), and the resolution with its event."""

from __future__ import annotations

from committee.storage.items import CLOSING, OPEN, AgendaItem, DeclarationItem, MeetingItem, VoteItem
from committee.storage.meetings import OPEN_CONDITION, not_open
from committee.storage.table import transaction
from common.dynamo import Transaction, commit_retrying_contention, conditional
from common.errors import Conflict
from common.events import Event

MAX_ATTEMPTS = 5


def add_declaration(item: DeclarationItem) -> None:
    refused = Conflict("이 안건에 이미 신고했습니다.", code="ALREADY_DECLARED", details={"member_id": item.member_id})
    with conditional(refused):
        item.save(condition=DeclarationItem.sk.does_not_exist())


def add_vote(item: VoteItem, item_id: str, sitting: str | None = None) -> None:
    """The member's one vote on the item, while the item is open: a second vote (even one racing the first) fails
    its condition, and so does any vote once the resolution has closed the item, or (`sitting`: the meeting's id)
    once the chair has closed the meeting. Members voting at the same moment check the same item: a transaction
    DynamoDB cancels for that alone (TransactionConflict) is tried again."""
    failures = {
        "vote": Conflict("이 안건에 이미 표결했습니다. 표결은 한 번만 할 수 있습니다.", code="VOTE_ALREADY_CAST",
                         details={"member_id": item.member_id}),
        "item": Conflict("표결이 마감된 안건입니다.", code="VOTING_CLOSED", details={"item_id": item_id})}
    if sitting is not None:
        failures["meeting"] = not_open(sitting)

    def vote() -> Transaction:
        tx = transaction()
        tx.put(item, VoteItem.sk.does_not_exist(), label="vote")
        tx.check(AgendaItem(*AgendaItem.key(item_id)), AgendaItem.status == OPEN, label="item")
        if sitting is not None:
            tx.check(MeetingItem(*MeetingItem.key(sitting)), OPEN_CONDITION, label="meeting")
        return tx

    commit_retrying_contention(vote, failures, attempts=MAX_ATTEMPTS, pause=0.05)


def close_voting(item_id: str) -> None:
    """Before a resolution is tallied: no vote is accepted from here on, so the tally sees every vote there is."""
    refused = Conflict("이미 의결된 안건입니다.", code="ITEM_RESOLVED", details={"item_id": item_id})
    with conditional(refused):
        AgendaItem(*AgendaItem.key(item_id)).update(actions=[AgendaItem.status.set(CLOSING)],
                                                    condition=AgendaItem.status.is_in(OPEN, CLOSING))


def reopen_voting(item_id: str) -> None:
    """The resolution did not happen (no quorum, a failure): voting goes on — unless another resolution of the item
    finished meanwhile."""
    try:
        with conditional():
            AgendaItem(*AgendaItem.key(item_id)).update(actions=[AgendaItem.status.set(OPEN)],
                                                        condition=AgendaItem.status == CLOSING)
    except Conflict:
        pass


def resolve(item_id: str, *, outcome: str, counts: dict[str, int], at: str, event: Event,
            sitting: str | None = None) -> None:
    """Mark the item whose voting was closed resolved, and write its event in the same transaction (`sitting`: while
    that meeting is open)."""
    tx = transaction()
    failures = {"item": Conflict("이미 의결된 안건입니다.", code="ITEM_RESOLVED", details={"item_id": item_id})}
    if sitting is not None:
        tx.check(MeetingItem(*MeetingItem.key(sitting)), OPEN_CONDITION, label="meeting")
        failures["meeting"] = not_open(sitting)
    tx.update(AgendaItem(*AgendaItem.key(item_id)),
              [AgendaItem.status.set("RESOLVED"), AgendaItem.outcome.set(outcome), AgendaItem.counts.set(counts),
               AgendaItem.resolved_at.set(at)],
              condition=AgendaItem.status == CLOSING, label="item")
    tx.event(event.envelope())
    tx.commit(failures=failures)
