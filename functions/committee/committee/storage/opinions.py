"""The audit head's opinion on an item: asked once, extended once, answered once (each a conditional update)."""

from __future__ import annotations

from committee.storage.items import AgendaItem
from common.dynamo import conditional
from common.errors import Conflict


def ask(item_id: str, clock: str) -> None:
    refused = Conflict("이미 감사기구의 장의 의견을 요청했습니다.", code="AUDIT_OPINION_ASKED",
                       details={"item_id": item_id})
    with conditional(refused):
        AgendaItem(*AgendaItem.key(item_id)).update(actions=[AgendaItem.audit_clock.set(clock)],
                                                    condition=AgendaItem.audit_clock.does_not_exist())


def replace_clock(item_id: str, before: str, after: str) -> None:
    """The period changed (extended): only from the clock that was read."""
    with conditional(Conflict("의견 기간이 동시에 바뀌었습니다. 다시 시도해 주세요.", code="AUDIT_OPINION_CHANGED")):
        AgendaItem(*AgendaItem.key(item_id)).update(
            actions=[AgendaItem.audit_clock.set(after)],
            condition=(AgendaItem.audit_clock == before) & AgendaItem.audit_opinion.does_not_exist())


def answer(item_id: str, before: str, after: str, opinion: str) -> None:
    refused = Conflict("이미 의견을 냈습니다.", code="AUDIT_OPINION_GIVEN", details={"item_id": item_id})
    with conditional(refused):
        AgendaItem(*AgendaItem.key(item_id)).update(
            actions=[AgendaItem.audit_clock.set(after), AgendaItem.audit_opinion.set(opinion)],
            condition=(AgendaItem.audit_clock == before) & AgendaItem.audit_opinion.does_not_exist())
