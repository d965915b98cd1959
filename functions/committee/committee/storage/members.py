"""The members projection: the committee's copy of its roster, from the directory's events."""

from __future__ import annotations

from pynamodb.exceptions import PutError

from committee.storage.items import MEMBERS, MemberItem
from common.dynamo import find


def members() -> list[MemberItem]:
    """Every member ever projected (serving or not): one partition of a few dozen items."""
    return list(MemberItem.query(MEMBERS))


def get_member(member_id: str) -> MemberItem | None:
    return find(MemberItem, *MemberItem.key(member_id))


def save_member(item: MemberItem) -> bool:
    """Put the member unless the stored copy is as new or newer (`version`); False when it was."""
    try:
        item.save(condition=MemberItem.sk.does_not_exist() | (MemberItem.version < item.version))
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True
