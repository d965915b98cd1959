"""Meetings: created with their sitting, listed, their attendance recorded."""

from __future__ import annotations

from committee.storage.items import MEETINGS, MeetingItem
from common.dynamo import find


def get_meeting(meeting_id: str) -> MeetingItem | None:
    return find(MeetingItem, *MeetingItem.key(meeting_id))


def meetings() -> list[MeetingItem]:
    """Every meeting by day (the `MEETINGS` index partition: a few a year)."""
    return list(MeetingItem.listed.query(MEETINGS))


def add_meeting(item: MeetingItem) -> None:
    item.save(condition=MeetingItem.pk.does_not_exist())


def record_attendance(meeting_id: str, present: list[str]) -> None:
    MeetingItem(*MeetingItem.key(meeting_id)).update(actions=[MeetingItem.present.set(present)],
                                                     condition=MeetingItem.pk.exists())
