"""Nominations: one put each (a resident's id makes a second nomination of the same nominee in the cycle fail its
condition), read by key, listed per cycle from one index partition."""

from __future__ import annotations

from common.dynamo import conditional, find
from common.errors import Conflict
from selection.storage.items import NominationItem


def add(item: NominationItem) -> None:
    refused = Conflict("이 회차에 이미 이 직원을 추천했습니다.", code="ALREADY_NOMINATED",
                       details={"employee_no": item.employee_no})
    with conditional(refused):
        item.save(condition=NominationItem.pk.does_not_exist())


def get(nomination_id: str) -> NominationItem | None:
    return find(NominationItem, *NominationItem.key(nomination_id))


def of_resident(subject: str) -> list[NominationItem]:
    return list(NominationItem.by_resident.query(NominationItem.resident_partition(subject)))


def unlink(item: NominationItem, nominator: str) -> None:
    """The nomination stays (it is about the official); who made it goes, with its index entry."""
    item.update(actions=[NominationItem.nominator.set(nominator), NominationItem.gsi2pk.remove(),
                         NominationItem.gsi2sk.remove()])


def of_cycle(cycle_id: str) -> list[NominationItem]:
    return list(NominationItem.listed.query(NominationItem.partition(cycle_id)))
