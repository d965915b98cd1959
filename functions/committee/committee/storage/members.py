"""The members projection: the committee's copy of its roster, from the directory's events."""

from __future__ import annotations

from committee.storage.items import MEMBERS, MemberItem
from common.dynamo import find, save_if_newer


def members() -> list[MemberItem]:
    """Every member ever projected (serving or not): one partition of a few dozen items."""
    return list(MemberItem.query(MEMBERS))


def get_member(member_id: str) -> MemberItem | None:
    return find(MemberItem, *MemberItem.key(member_id))


def save_member(item: MemberItem) -> bool:
    """Put the member unless the stored copy is as new or newer (`version`); False when it was."""
    return save_if_newer(item)
